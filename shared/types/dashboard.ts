import type { CostDto } from './pricing';

/** The periods the dashboard offers, in days ending today (the organization's time zone). */
export const DASHBOARD_PERIODS = [7, 30, 90] as const;
export type DashboardPeriod = (typeof DASHBOARD_PERIODS)[number];

export interface DashboardPeriodDto {
  days: number;
  timeZone: string;
  /** The start of the first day, in the organization's time zone, as an instant. */
  from: string;
  /** Now. */
  to: string;
  /** Each day of the period, `YYYY-MM-DD` in the organization's time zone, oldest first. */
  dates: string[];
}

/** A phone number's standing. */
export interface DashboardNumberDto {
  id: string;
  displayPhoneNumber: string;
  verifiedName: string | null;
  /** GREEN, YELLOW, RED, or UNKNOWN / NA / null when WhatsApp has not rated it. */
  qualityRating: string | null;
  messagingLimitTier: string | null;
  /** Messages a second it may send. */
  throughputMps: number;
  status: string | null;
}

/** One change of a number's or a template's quality, as WhatsApp reported it. */
export interface QualityHistoryDto {
  subject: 'phone_number' | 'template';
  subjectId: string;
  /** The number as displayed, or the template's name and language. */
  subjectName: string;
  rating: string | null;
  previousRating: string | null;
  /** WhatsApp's event (FLAGGED, THROUGHPUT_UPGRADE, …); null when seen on reading the number. */
  event: string | null;
  detail: string | null;
  at: string;
}

/** The business portfolio's messaging limit, shared by all its numbers, and how much of it is used. */
export interface DashboardQuotaDto {
  tier: string;
  /** Unique customers outside a service window per moving 24 hours; null: no limit. */
  dailyLimit: number | null;
  /** Where the limit comes from: a WhatsApp webhook, the numbers as read, or `default` (not known yet). */
  source: string;
  /** Unique customers reached with a template outside a service window in the last 24 hours. */
  used: number;
  /** What is left now; null when there is no limit. */
  left: number | null;
  /** When the oldest counted customer leaves the moving window (room for one more). */
  nextRoomAt: string | null;
}

export interface DashboardCampaignDto {
  id: number;
  name: string;
  status: string;
  phoneNumberId: string;
  scheduledAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  recipients: number;
  queued: number;
  sent: number;
  delivered: number;
  read: number;
  replied: number;
  failed: number;
  /** Shares of the recipients, as the campaign's page gives them. */
  rates: { delivery: number; read: number; reply: number; failure: number };
}

export interface DashboardCampaignsDto {
  running: DashboardCampaignDto[];
  scheduled: DashboardCampaignDto[];
  /** The earliest scheduled start. */
  nextStartAt: string | null;
  /** Finished in the period, newest first. */
  finished: DashboardCampaignDto[];
  /** Among those finished in the period that sent something; null when there is none. */
  best: { byRead: DashboardCampaignDto | null; byReply: DashboardCampaignDto | null };
  worst: { byRead: DashboardCampaignDto | null; byReply: DashboardCampaignDto | null };
}

export interface OptOutCounts {
  keyword: number;
  manual: number;
  /** WhatsApp's own stop button, or a send refused with 131050. */
  whatsapp: number;
  other: number;
}

export interface DashboardContactsDto {
  total: number;
  newInPeriod: number;
  removedInPeriod: number;
  /** Opted out now, by source. */
  optedOut: OptOutCounts & { total: number };
  /** Opt-outs that happened in the period, by source. */
  optOutsInPeriod: OptOutCounts;
  optInsInPeriod: number;
  /** Contacts at the end of each day. */
  growth: { date: string; total: number; added: number; removed: number }[];
}

export interface DashboardDayDto {
  date: string;
  /** Outbound messages by the day each status happened. */
  sent: number;
  delivered: number;
  read: number;
  failed: number;
  /** Messages from customers. */
  received: number;
  optOuts: OptOutCounts;
}

export interface DashboardSpendingDto extends CostDto {
  /** Messages by pricing category and type, per day (days without any are left out). */
  perDay: { date: string; category: string; type: string; messages: number }[];
}

export interface DashboardDto {
  period: DashboardPeriodDto;
  numbers: DashboardNumberDto[];
  /** Quality changes of numbers and templates in the period, newest first (at most 50). */
  qualityHistory: QualityHistoryDto[];
  quota: DashboardQuotaDto;
  campaigns: DashboardCampaignsDto;
  contacts: DashboardContactsDto;
  days: DashboardDayDto[];
  spending: DashboardSpendingDto;
  conversations: DashboardConversationsDto;
}

/** A member's conversation figures: names and counts only, never what was written. */
export interface DashboardConversationMemberDto {
  userId: number;
  name: string;
  /** Open conversations assigned to them now. */
  openNow: number;
  /** Resolved in the period while assigned to them. */
  resolved: number;
  /** Conversations opened by a customer that they answered first, in the period. */
  firstResponses: number;
  /** Median seconds a customer waited for their first reply; null when they gave none. */
  medianFirstResponseSeconds: number | null;
}

export interface DashboardConversationsDto {
  /** Conversations opened in the period: a customer's first message, or a resolved one reopened. */
  opened: number;
  resolved: number;
  /** Now, whatever the period. */
  openNow: number;
  unassignedNow: number;
  /** First replies by a member to conversations a customer opened, in the period. */
  firstResponses: number;
  /** Median seconds from a customer opening a conversation to a member's first reply. */
  medianFirstResponseSeconds: number | null;
  /** Every member with a figure in the period or a conversation now, by name. */
  members: DashboardConversationMemberDto[];
  /** Each day of the period, oldest first. */
  perDay: { date: string; opened: number; resolved: number }[];
}
