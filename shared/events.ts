import type { TunnelStatus } from './types/tunnel';
import type { InboxNotification } from './types/conversations';

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
  'conversations.changed': {
    conversationId: number;
    contactId: number;
    assignedUserId: number | null;
    /** Set when the assignee changed, so those who could read it before hear that it left them. */
    previousAssignedUserId?: number | null;
  };
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
  /** Someone should be told (a desktop notification, a sound): see conversations/notifier.ts. */
  'inbox.notification': InboxNotification;
  'webhooks.failed': { inboxId: number; attempts: number; error: string; gaveUp: boolean };
  /** The callback registration, the API version Meta answers with, or the tunnel's settings. */
  'connectivity.changed': { reason: 'callback' | 'api_version' | 'tunnel_settings' };
  /** A library file was added, renamed, uploaded to WhatsApp or deleted. */
  'media.changed': {
    phoneNumberId: string;
    mediaId: number;
    reason: 'added' | 'renamed' | 'uploaded' | 'deleted';
  };
  /** The account's numbers were read again, or one moved through registration. */
  'phoneNumbers.changed': { phoneNumberId: string | null; reason: 'synced' | 'registration' | 'profile' };
}
export type CoreEventName = keyof CoreEvents;

/** One event; its name tells its payload's type, so a check of `name` narrows `payload`. */
export type CoreEvent = { [N in CoreEventName]: { name: N; payload: CoreEvents[N] } }[CoreEventName];

/** The event of one name. */
export type CoreEventOf<N extends CoreEventName> = Extract<CoreEvent, { name: N }>;
