import type { VariableBinding } from './campaigns';
import type { MediaKind } from './media';

/** A saved answer an agent inserts with `/shortcut`; `{{name}}`-style variables come from the contact. */
export interface QuickReplyDto {
  id: number;
  /** Typed after `/` in the composer; lower-case letters, digits, `-` and `_`. */
  shortcut: string;
  title: string;
  text: string;
  /** A file of the media library sent with it (the text becomes its caption). */
  media: { id: number; fileName: string; kind: MediaKind } | null;
  createdAt: string;
  updatedAt: string;
}

export const AUTO_REPLY_MATCHES = ['equals', 'contains', 'starts_with'] as const;
export type AutoReplyMatch = (typeof AUTO_REPLY_MATCHES)[number];

export const AUTO_REPLY_SCHEDULES = ['always', 'outside_hours', 'inside_hours'] as const;
/** When a rule answers: always, or only outside (or inside) the shop's opening hours. */
export type AutoReplySchedule = (typeof AUTO_REPLY_SCHEDULES)[number];

export type AutoReplyAnswer =
  | { kind: 'text'; text: string }
  | { kind: 'media'; mediaId: number; caption: string }
  | { kind: 'template'; templateId: string; variables: VariableBinding[] };

/** "Message equals / contains / starts with a keyword → answer", per phone number or for all. */
export interface AutoReplyDto {
  id: number;
  name: string;
  /** Only messages to this number; null for every number. */
  phoneNumberId: string | null;
  match: AutoReplyMatch;
  keywords: string[];
  answer: AutoReplyAnswer;
  schedule: AutoReplySchedule;
  enabled: boolean;
  /** Rules are tried in this order; the first that matches answers. */
  position: number;
  /** How many times it answered. */
  sentCount: number;
  lastSentAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** `HH:MM` in the organization's time zone; a range may not cross midnight. */
export interface OpeningRange {
  from: string;
  to: string;
}

export interface AutoReplySettingsDto {
  /** The shop's opening hours per weekday, in the organization's time zone; empty means closed. */
  openingHours: Record<Weekday, OpeningRange[]>;
  /** At most one automatic reply to a customer within this many minutes (no loops with another bot). */
  quietMinutes: number;
  /** The organization's time zone the hours are read in. */
  timeZone: string;
  /** Whether the shop is open now, by these hours. */
  openNow: boolean;
}
