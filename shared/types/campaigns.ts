export const CAMPAIGN_STATUSES = [
  'draft',
  'scheduled',
  'running',
  'paused',
  'finished',
  'cancelled',
] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/** Where a template placeholder's value comes from, per recipient. */
export interface VariableBinding {
  component: 'header' | 'body';
  /** `1`, `2`… or a named parameter. */
  placeholder: string;
  source: 'fixed' | 'name' | 'phone' | 'email' | 'attribute';
  /** The text for `fixed`; the attribute key for `attribute`; unused otherwise. */
  value: string;
  /** Used when the contact's field or attribute is empty. */
  fallback: string;
}

/** A media header: a file of the media library, or a public link. */
export type MediaHeader = { mediaId: number } | { link: string };

/**
 * Messages whose send was interrupted (the app stopped, or the call timed out) and about which
 * WhatsApp has said nothing since: Meta may or may not have them. A status webhook settles each;
 * the rest the person counts failed, or sends again once they have been quiet long enough.
 */
export interface UnconfirmedMessages {
  count: number;
  /** Quiet for the whole quiet period: these may be sent again (a customer may get one twice). */
  resendable: number;
  /** When the next of the others may be sent again; null when every one may be. */
  nextResendableAt: string | null;
  /** How long a message must stay without any status before it may be sent again. */
  quietPeriodMinutes: number;
}

export interface CampaignDto {
  id: number;
  name: string;
  status: CampaignStatus;
  phoneNumberId: string;
  templateId: string;
  templateName: string;
  templateLanguage: string;
  listIds: number[];
  variables: VariableBinding[];
  mediaHeader: MediaHeader | null;
  optOutKeywords: string[];
  /** Overrides the number's throughput when set (messages a second). */
  messagesPerSecond: number | null;
  scheduledAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  /** Why the campaign paused by itself (an account or quality error), or started late. */
  notice: string | null;
  /** Null when no message is unconfirmed (none ever was, or every one was settled). */
  unconfirmed: UnconfirmedMessages | null;
  retargetOfCampaignId: number | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface CampaignSummaryDto extends CampaignDto {
  recipients: number;
  sent: number;
  failed: number;
}

export interface CampaignFigures {
  recipients: number;
  queued: number;
  sending: number;
  /** Sent but with an unknown fate after a crash: reconciled by webhooks or decided by the user. */
  unconfirmed: number;
  sent: number;
  delivered: number;
  read: number;
  replied: number;
  failed: number;
  optedOut: number;
  /** Shares of recipients, 0..1. */
  rates: { delivery: number; read: number; reply: number; failure: number };
}

export interface CampaignAnalyticsDto {
  campaignId: number;
  status: CampaignStatus;
  figures: CampaignFigures;
  failuresByCode: { code: number | null; reason: string; count: number }[];
  /** While running: messages a second over the last minute and the seconds left at that pace. */
  progress: { done: number; total: number; perSecond: number; etaSeconds: number | null };
  /** Counts per time bucket since the start. */
  timeline: { at: string; sent: number; delivered: number; read: number; failed: number }[];
}

export type RecipientState =
  'queued' | 'sending' | 'unconfirmed' | 'sent' | 'delivered' | 'read' | 'replied' | 'failed';

export interface RecipientDto {
  messageId: number;
  contactId: number | null;
  name: string | null;
  phone: string;
  state: RecipientState;
  error: { code: number | null; title: string | null } | null;
  sentAt: string | null;
  deliveredAt: string | null;
  readAt: string | null;
  repliedAt: string | null;
}

export interface RenderedMessage {
  header: { format: string; text: string | null; mediaUrl: string | null } | null;
  body: string;
  footer: string | null;
  buttons: { type: string; text: string }[];
  recipient: { contactId: number | null; name: string; phone: string } | null;
}
