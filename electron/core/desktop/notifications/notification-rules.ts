import { qualityDropped } from './account-notices';
import { campaignFinished, campaignPausedItself } from './campaign-notices';
import { updateReady } from './update-notices';
import { webhooksStopped } from './webhook-notices';

/**
 * Every kind of native notification the desktop app raises, in one typed list. A new kind is a
 * rule (`defineRule`, see notice.ts) and one line here; its kind joins `NotificationKind`.
 * The inbox adds "new conversation" and "message in a conversation assigned to me" this way.
 */
export const NOTIFICATION_RULES = [
  campaignFinished,
  campaignPausedItself,
  qualityDropped,
  webhooksStopped,
  updateReady,
  // The inbox's kinds go here, one line each.
] as const;

export type NotificationKind = (typeof NOTIFICATION_RULES)[number]['kind'];
