import type { TunnelStatus } from './types/tunnel';

/**
 * Events the core publishes to open windows (Electron IPC or server-sent events on the bridge).
 * Who may receive each one is decided in electron/core/events/event-access.ts, from what it
 * describes: a window only hears of what its user may read.
 */
export interface CoreEvents {
  'people.changed': { reason: string };
  /** The organization's name, country, time zone or locale changed: what every window shows. */
  'organization.changed': { fields: string[] };
  'session.ended': { reason: 'logout' | 'password_changed' | 'disabled' | 'expired' };
  'contacts.changed': { reason: string };
  'lists.changed': { reason: string };
  'import.progress': { importId: string; processed: number; total: number };
  'conversations.changed': { conversationId: number; contactId: number; assignedUserId: number | null };
  'messages.changed': {
    messageId: number;
    conversationId: number | null;
    /** The conversation's assignee when the message is in one: who may read it depends on it. */
    assignedUserId: number | null;
    campaignId: number | null;
    status: string;
  };
  'templates.changed': { templateId: string; status: string };
  'alerts.changed': { kind: string; message: string };
  'tunnel.status': TunnelStatus;
  'campaigns.changed': { campaignId: number; status: string; notice: string | null };
  'campaigns.progress': { campaignId: number; sent: number; failed: number; queued: number };
  'webhooks.failed': { inboxId: number; attempts: number; error: string; gaveUp: boolean };
  /** The callback registration, the API version Meta answers with, or the tunnel's settings. */
  'connectivity.changed': { reason: 'callback' | 'api_version' | 'tunnel_settings' };
}
export type CoreEventName = keyof CoreEvents;

/** One event; its name tells its payload's type, so a check of `name` narrows `payload`. */
export type CoreEvent = { [N in CoreEventName]: { name: N; payload: CoreEvents[N] } }[CoreEventName];

/** The event of one name. */
export type CoreEventOf<N extends CoreEventName> = Extract<CoreEvent, { name: N }>;
