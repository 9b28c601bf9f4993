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
  source: 'fixed' | 'name' | 'first_name' | 'phone' | 'email' | 'attribute';
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
  /** Fixed when it starts: its message rows. */
  recipients: number;
  /** For a draft or scheduled campaign, whom its lists would reach now; null once started. */
  plannedRecipients: number | null;
  sent: number;
  failed: number;
}

/** What starting a campaign now means: how many it reaches and how long that takes. */
export interface CampaignEstimateDto {
  recipients: number;
  messagesPerSecond: number;
  /** Sending time at that pace, ignoring the daily limit. */
  seconds: number;
  /** New customers the number may reach in 24 hours (its messaging limit), null when unlimited. */
  dailyLimit: number | null;
  /** Days the daily limit stretches sending over (1 when it fits in a day). */
  days: number;
}

/** A test send of a campaign and how far it got; statuses follow WhatsApp's webhooks. */
export interface TestSendDto {
  messageId: number;
  /** E.164. */
  to: string;
  status: 'sending' | 'sent' | 'delivered' | 'read' | 'failed' | 'queued' | 'unconfirmed';
  error: { code: number | null; title: string | null } | null;
  createdAt: string;
  /** The text as sent, personalised for the chosen contact. */
  text: string | null;
}

export type RetargetSelection = 'failed' | 'delivered_not_read' | 'read_not_replied' | 'replied';

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
  /**
   * Running totals at the end of each time bucket since the start (buckets aligned in the
   * organization's time zone), so each line only ever rises.
   */
  timeline: TimelineBucket[];
  /** When the campaign was paused, and resumed (null: still paused). */
  pauses: { from: string; to: string | null; reason: string | null }[];
  /** The size of a bucket, in seconds. */
  bucketSeconds: number;
}

export interface TimelineBucket {
  at: string;
  sent: number;
  delivered: number;
  read: number;
  replied: number;
  failed: number;
  optedOut: number;
}

export type RecipientState =
  'queued' | 'sending' | 'unconfirmed' | 'sent' | 'delivered' | 'read' | 'replied' | 'failed';

export interface RecipientDto {
  messageId: number;
  contactId: number | null;
  name: string | null;
  /** Their number; for a customer who hides it, `@username` or their WhatsApp user id. */
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
  recipient: { contactId: number | null; name: string; phone: string | null } | null;
}
