import type {
  SharedContactCard,
  ThreadContent,
  ThreadMedia,
  ThreadMessage,
  ThreadPage,
} from '@shared/types/conversations';
import { campaignNames } from '../campaigns/campaign-names';
import type { MediaRow } from '../db/entities/media';
import type { MessageRow } from '../db/entities/messaging';
import type { ReadManager } from '../db/read-db';
import { mediaByIds } from '../media/media-rows';
import { mediaOfMessages } from '../media/message-media';
import { quotedMessages, threadMessagesAfter, threadMessagesBefore } from '../messaging/conversation-thread';
import { usersByIds } from '../people/user-rows';
import { autoReplyNames } from '../replies/auto-reply-names';
import { isInboxPayload, parsePayload } from './outbound-payload';
import { previewOf } from './preview';

const MEDIA_TYPES = new Set(['image', 'video', 'audio', 'document', 'sticker']);

/** After this long without its file, an inbound media message says WhatsApp could not give it. */
const MEDIA_GIVE_UP_MS = 15 * 60 * 1000;

/**
 * A page of a thread, newest page first: keyset by message id on messages_conversation
 * (conversation_id, id), so the first page of a 10,000-message conversation reads 50 rows.
 */
export async function threadPage(
  m: ReadManager,
  conversationId: number,
  options: { before?: number; after?: number; limit: number },
  now: Date,
): Promise<ThreadPage> {
  if (options.after !== undefined) {
    const rows = await threadMessagesAfter(m, conversationId, options.after, options.limit);
    return { items: await toThreadMessages(m, rows, now), olderCursor: null };
  }
  const rows = await threadMessagesBefore(
    m,
    conversationId,
    options.before ?? Number.MAX_SAFE_INTEGER,
    options.limit + 1,
  );
  const more = rows.length > options.limit;
  const page = (more ? rows.slice(0, options.limit) : rows).reverse();
  return { items: await toThreadMessages(m, page, now), olderCursor: more ? page[0]!.id : null };
}

/** Thread messages for rows, with a fixed number of look-ups for names, files and quotes. */
export async function toThreadMessages(
  m: ReadManager,
  rows: readonly MessageRow[],
  now: Date,
): Promise<ThreadMessage[]> {
  if (!rows.length) return [];
  const payloads = new Map(rows.map((r) => [r.id, parsePayload(r.payload)]));
  const libraryIds = new Set<number>();
  for (const value of payloads.values()) {
    if (isInboxPayload(value) && 'mediaId' in value && value.mediaId !== null) libraryIds.add(value.mediaId);
  }
  const inboundIds = rows.filter((r) => r.direction === 'in' && MEDIA_TYPES.has(r.type)).map((r) => r.id);
  const campaignIds = unique(rows.map((r) => r.campaignId));
  const userIds = unique(rows.map((r) => r.sentByUserId));
  const ruleIds = unique(rows.map((r) => r.autoReplyId));
  const quotedWamids = unique(rows.map((r) => r.contextWaMessageId));
  const [inboundMedia, libraryMedia, campaigns, users, rules, quoted] = await Promise.all([
    mediaOfMessages(m, inboundIds),
    mediaByIds(m, [...libraryIds]),
    campaignNames(m, campaignIds),
    userNames(m, userIds),
    autoReplyNames(m, ruleIds),
    quotedMessages(m, quotedWamids),
  ]);
  const byMessage = new Map(inboundMedia.map((f) => [f.messageId!, f]));
  const byId = new Map(libraryMedia.map((f) => [f.id, f]));
  const quotedByWamid = new Map(quoted.map((q) => [q.waMessageId!, q]));

  return rows.map((row) => {
    const payload = payloads.get(row.id);
    const quote = row.contextWaMessageId ? quotedByWamid.get(row.contextWaMessageId) : undefined;
    const context = row.direction === 'in' ? contextOf(payload) : { forwarded: false, quotes: false };
    return {
      id: row.id,
      waMessageId: row.waMessageId,
      direction: row.direction,
      type: row.type,
      content: row.deletedAt ? { kind: 'text', text: '' } : contentOf(row, payload, { byMessage, byId }, now),
      status: row.status,
      error:
        row.errorCode !== null || row.errorTitle !== null
          ? { code: row.errorCode, title: row.errorTitle, details: row.errorDetails }
          : null,
      createdAt: row.createdAt.toISOString(),
      sentAt: iso(row.sentAt),
      deliveredAt: iso(row.deliveredAt),
      readAt: iso(row.readAt),
      failedAt: iso(row.failedAt),
      quoted: quote
        ? {
            id: quote.id,
            direction: quote.direction,
            preview: previewOf({
              type: quote.type,
              text: quote.text,
              deletedAt: quote.deletedAt,
              payload: quote.payload,
            }),
          }
        : null,
      // A quote of a message from before this app saw the customer (or of a deleted row).
      quotesUnknown: row.contextWaMessageId !== null && !quote && row.direction === 'in' && context.quotes,
      forwarded: context.forwarded,
      campaign: named(campaigns, row.campaignId),
      sentBy: named(users, row.sentByUserId),
      autoReply: named(rules, row.autoReplyId),
      editedAt: iso(row.editedAt),
      deletedAt: iso(row.deletedAt),
      reaction: row.reaction,
      retry: retryOf(row),
    };
  });
}

function retryOf(row: MessageRow): ThreadMessage['retry'] {
  if (row.direction !== 'out' || row.campaignId !== null) return null;
  if (row.status === 'failed' && row.waMessageId === null) return 'safe';
  if (row.status === 'unconfirmed') return 'confirm';
  return null;
}

function contextOf(payload: unknown): { forwarded: boolean; quotes: boolean } {
  const context = (payload as { context?: { forwarded?: unknown; id?: unknown } } | null)?.context;
  return { forwarded: context?.forwarded === true, quotes: typeof context?.id === 'string' };
}

interface Files {
  byMessage: Map<number, MediaRow>;
  byId: Map<number, MediaRow>;
}

type InboundPayload = Record<string, unknown> & { type?: string };

function contentOf(row: MessageRow, payload: unknown, files: Files, now: Date): ThreadContent {
  if (isInboxPayload(payload)) {
    switch (payload.type) {
      case 'text':
        return { kind: 'text', text: payload.text };
      case 'template':
        return {
          kind: 'template',
          name: payload.name,
          language: payload.language,
          header: payload.rendered.header?.text ?? null,
          body: payload.rendered.body,
          footer: payload.rendered.footer,
          buttons: payload.rendered.buttons.map((b) => b.text),
          media:
            payload.mediaHeader && 'mediaId' in payload.mediaHeader
              ? libraryMedia(files.byId.get(payload.mediaHeader.mediaId) ?? null, null)
              : null,
        };
      default:
        return {
          kind: 'media',
          type: payload.type,
          media: libraryMedia(
            payload.mediaId !== null ? (files.byId.get(payload.mediaId) ?? null) : null,
            payload.caption,
          ),
        };
    }
  }
  if (row.direction === 'out') return graphContent(row, payload);
  return inboundContent(row, (payload ?? {}) as InboundPayload, files, now);
}

/** Rows sent by campaigns and `messages.send`: Graph's own body. */
function graphContent(row: MessageRow, payload: unknown): ThreadContent {
  const body = (payload ?? {}) as Record<string, Record<string, unknown> | undefined>;
  if (row.type === 'template') {
    const template = body.template ?? {};
    const language = (template.language as { code?: string } | undefined)?.code ?? '';
    return {
      kind: 'template',
      name: typeof template.name === 'string' ? template.name : '',
      language,
      header: null,
      body: row.text ?? '',
      footer: null,
      buttons: [],
      media: null,
    };
  }
  if (row.type === 'text') return { kind: 'text', text: row.text ?? String(body.text?.body ?? '') };
  return { kind: 'text', text: row.text ?? '' };
}

function inboundContent(row: MessageRow, payload: InboundPayload, files: Files, now: Date): ThreadContent {
  switch (row.type) {
    case 'text':
      return { kind: 'text', text: row.text ?? '' };
    case 'image':
    case 'video':
    case 'audio':
    case 'document':
    case 'sticker': {
      const given = (payload.media ?? {}) as {
        caption?: string | null;
        voice?: boolean | null;
        mimeType?: string | null;
      };
      const file = files.byMessage.get(row.id) ?? null;
      const caption = row.editedAt ? row.text : (given.caption ?? null);
      const media = libraryMedia(file, caption ?? null);
      media.voice = given.voice === true;
      if (!file) {
        media.mimeType = given.mimeType ?? null;
        media.unavailable = now.getTime() - row.createdAt.getTime() > MEDIA_GIVE_UP_MS;
      }
      return { kind: 'media', type: row.type, media };
    }
    case 'location': {
      const l = (payload.location ?? {}) as {
        latitude?: number;
        longitude?: number;
        name?: string | null;
        address?: string | null;
      };
      const latitude = Number(l.latitude ?? 0);
      const longitude = Number(l.longitude ?? 0);
      return {
        kind: 'location',
        latitude,
        longitude,
        name: l.name ?? null,
        address: l.address ?? null,
        mapUrl: `https://www.openstreetmap.org/?mlat=${latitude}&mlon=${longitude}#map=17/${latitude}/${longitude}`,
      };
    }
    case 'contacts':
      return {
        kind: 'contacts',
        contacts: ((payload.contacts ?? []) as Record<string, unknown>[]).map(contactCard),
      };
    case 'button': {
      const b = (payload.button ?? {}) as { text?: string; payload?: string | null };
      return { kind: 'button', text: b.text ?? row.text ?? '', payload: b.payload ?? null };
    }
    case 'interactive': {
      const r = (payload.reply ?? {}) as {
        kind?: string;
        id?: string;
        title?: string;
        description?: string | null;
      };
      return {
        kind: 'interactive',
        reply: r.kind === 'list_reply' ? 'list_reply' : 'button_reply',
        id: r.id ?? '',
        title: r.title ?? row.text ?? '',
        description: r.description ?? null,
      };
    }
    case 'reaction': {
      const r = (payload.reaction ?? {}) as { emoji?: string | null };
      return { kind: 'reaction', emoji: r.emoji ?? null, toMessageId: null };
    }
    case 'unsupported': {
      const errors = (payload.errors ?? []) as {
        code?: number;
        title?: string | null;
        details?: string | null;
      }[];
      const first = errors[0];
      const reason = first
        ? [first.details ?? first.title, first.code ? `(error ${first.code})` : null]
            .filter(Boolean)
            .join(' ')
        : 'WhatsApp did not say why';
      return { kind: 'unsupported', reason };
    }
    case 'system': {
      const s = (payload.system ?? {}) as { body?: string | null };
      return { kind: 'system', text: s.body ?? 'The customer’s WhatsApp account changed' };
    }
    default:
      return {
        kind: 'unsupported',
        reason: `A “${String((payload as { originalType?: unknown }).originalType ?? row.type)}” message, which this app does not show yet`,
      };
  }
}

function libraryMedia(file: MediaRow | null, caption: string | null): ThreadMedia {
  return {
    mediaId: file?.id ?? null,
    mimeType: file?.mimeType ?? null,
    fileName: file?.fileName ?? null,
    sizeBytes: file?.sizeBytes ?? null,
    caption,
    voice: false,
    unavailable: false,
  };
}

/** Meta's `contacts[]` item (reference §6): the fields people read. */
function contactCard(raw: Record<string, unknown>): SharedContactCard {
  const name = (raw.name ?? {}) as { formatted_name?: string; first_name?: string; last_name?: string };
  const phones = Array.isArray(raw.phones) ? (raw.phones as Record<string, unknown>[]) : [];
  const emails = Array.isArray(raw.emails) ? (raw.emails as Record<string, unknown>[]) : [];
  const org = (raw.org ?? {}) as { company?: string };
  return {
    name: name.formatted_name ?? [name.first_name, name.last_name].filter(Boolean).join(' ') ?? 'Contact',
    phones: phones.map((p) => ({
      phone: String(p.phone ?? ''),
      waId: typeof p.wa_id === 'string' ? p.wa_id : null,
      type: typeof p.type === 'string' ? p.type : null,
    })),
    emails: emails.map((e) => String(e.email ?? '')).filter(Boolean),
    organization: org.company ?? null,
  };
}

async function userNames(m: ReadManager, ids: number[]): Promise<Map<number, string>> {
  return new Map((await usersByIds(m, ids)).map((u) => [u.id, u.name]));
}

function named(map: Map<number, string>, id: number | null): { id: number; name: string } | null {
  if (id === null) return null;
  return { id, name: map.get(id) ?? '(deleted)' };
}

function unique<T>(values: (T | null)[]): T[] {
  return [...new Set(values.filter((v): v is T => v !== null))];
}

function iso(date: Date | null): string | null {
  return date?.toISOString() ?? null;
}
