import type { TunnelStatus } from './types/tunnel';

/** Events the core publishes to open windows (Electron IPC or server-sent events on the bridge). */
export interface CoreEvents {
  'people.changed': { reason: string };
  'session.ended': { reason: 'logout' | 'password_changed' | 'disabled' | 'expired' };
  'contacts.changed': { reason: string };
  'lists.changed': { reason: string };
  'import.progress': { importId: string; processed: number; total: number };
  'conversations.changed': { conversationId: number; contactId: number };
  'messages.changed': {
    messageId: number;
    conversationId: number | null;
    campaignId: number | null;
    status: string;
  };
  'templates.changed': { templateId: string; status: string };
  'alerts.changed': { kind: string; message: string };
  'tunnel.status': TunnelStatus;
  'campaigns.changed': { campaignId: number; status: string; notice: string | null };
  'campaigns.progress': { campaignId: number; sent: number; failed: number; queued: number };
  'webhooks.failed': { inboxId: number; attempts: number; error: string; gaveUp: boolean };
}
export type CoreEventName = keyof CoreEvents;
export interface CoreEventMessage<N extends CoreEventName = CoreEventName> {
  name: N;
  payload: CoreEvents[N];
}
