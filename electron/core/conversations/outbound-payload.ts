import type { RenderedMessage, VariableBinding, MediaHeader } from '@shared/types/campaigns';
import type { MediaKind } from '@shared/types/media';

/**
 * What the inbox stores in `messages.payload` for a message it sends: enough to send it later
 * (the outbox resolves library files to WhatsApp ids and renders templates at send time) and to
 * show it in the thread meanwhile. Rows written by campaigns and `messages.send` hold Graph's own
 * body instead; `inbox: true` tells the two apart.
 */
export type InboxPayload =
  | { inbox: true; type: 'text'; text: string }
  | {
      inbox: true;
      type: MediaKind;
      /** The library file (a link or a dropped file is stored in the library first). */
      mediaId: number | null;
      /** A public link not fetched into the library yet (the token API's `media.link`). */
      link: string | null;
      caption: string | null;
    }
  | {
      inbox: true;
      type: 'template';
      templateId: string;
      name: string;
      language: string;
      variables: VariableBinding[];
      mediaHeader: MediaHeader | null;
      /** What the customer sees, rendered when it was queued. */
      rendered: RenderedMessage;
    };

export function isInboxPayload(value: unknown): value is InboxPayload {
  return typeof value === 'object' && value !== null && (value as { inbox?: unknown }).inbox === true;
}

export function parsePayload(payload: string): unknown {
  try {
    return JSON.parse(payload) as unknown;
  } catch {
    return null;
  }
}
