import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { useSessionStore } from '@/stores/session';

/**
 * The one way the screens turn dates, times, numbers and phone numbers into text: in the
 * organization's time zone and locale (Settings → Organization), never the computer's. Views
 * and components call these; a lint rule keeps raw toLocale… and Intl formatters out of them.
 */

interface Place {
  timeZone: string;
  locale: string;
}

/** Before sign-in (the login screen) the browser's own locale and zone stand in. */
function place(): Place {
  const org = useSessionStore().session?.organization;
  return {
    timeZone: org?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
    locale: org?.locale ?? navigator.language,
  };
}

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function dateFormat(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const { timeZone, locale } = place();
  const key = `d|${locale}|${timeZone}|${JSON.stringify(options)}`;
  let found = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!found) {
    found = new Intl.DateTimeFormat(locale, { timeZone, ...options });
    cache.set(key, found);
  }
  return found;
}

function numberFormat(options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const { locale } = place();
  const key = `n|${locale}|${JSON.stringify(options)}`;
  let found = cache.get(key) as Intl.NumberFormat | undefined;
  if (!found) {
    found = new Intl.NumberFormat(locale, options);
    cache.set(key, found);
  }
  return found;
}

type When = string | number | Date | null | undefined;

function instant(value: When): Date | null {
  if (value === null || value === undefined || value === '') return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "2 Dec 2026, 8:30 am" (en-IN). `empty` for a missing value. */
export function formatDateTime(value: When, empty = '—'): string {
  const at = instant(value);
  return at ? dateFormat({ dateStyle: 'medium', timeStyle: 'short' }).format(at) : empty;
}

/** An instant as the core writes one into a message: ISO 8601 in UTC, "2026-12-04T21:34:24.704Z". */
const WRITTEN_INSTANT = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?Z\b/g;

/**
 * A message from the core (an error, a campaign's notice) with each instant in it shown as every
 * other date is. The core writes them in UTC, as the token API's integrators read them; a person
 * reads "4 Dec 2026, 3:04 am".
 */
export function formatInstantsIn(text: string): string {
  return text.replace(WRITTEN_INSTANT, (iso) => formatDateTime(iso));
}

/** "2 Dec 2026". */
export function formatDate(value: When, empty = '—'): string {
  const at = instant(value);
  return at ? dateFormat({ dateStyle: 'medium' }).format(at) : empty;
}

/**
 * A calendar day (`YYYY-MM-DD`, already a day of the organization's zone, as the core gives the
 * dashboard's days) shown short, "3 Dec", in the organization's locale: read at noon UTC so no zone
 * can move it a day.
 */
export function formatCalendarDay(date: string): string {
  const { locale } = place();
  const key = `c|${locale}`;
  let found = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!found) {
    found = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', day: 'numeric', month: 'short' });
    cache.set(key, found);
  }
  return found.format(new Date(`${date}T12:00:00Z`));
}

/** "8:30 am"; with `day`, "2 Dec, 8:30 am" (for a chart axis that spans days). */
export function formatTime(value: When, options: { day?: boolean } = {}, empty = '—'): string {
  const at = instant(value);
  if (!at) return empty;
  return options.day
    ? dateFormat({ day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit' }).format(at)
    : dateFormat({ hour: 'numeric', minute: '2-digit' }).format(at);
}

/** "1,00,000" (en-IN), "100,000" (en-US). */
export function formatNumber(value: number, options: Intl.NumberFormatOptions = {}): string {
  return numberFormat(options).format(value);
}

/**
 * A table footer's "5,976–6,000 of 6,000" (page 1-based), grouped as the organization's locale
 * groups: Vuetify's own footer prints the bare numbers.
 */
export function formatPageRange(page: number, pageSize: number, total: number): string {
  if (total === 0) return '0 of 0';
  const first = Math.min((page - 1) * pageSize + 1, total);
  const last = Math.min(page * pageSize, total);
  return `${formatNumber(first)}–${formatNumber(last)} of ${formatNumber(total)}`;
}

/** A share of 0..1 as "12.5%". */
export function formatPercent(share: number): string {
  return numberFormat({ style: 'percent', maximumFractionDigits: 1 }).format(share);
}

/** "about 3 minutes", "about 2 hours", "less than a minute": for estimates, never exact. */
export function formatDuration(seconds: number): string {
  if (seconds < 60) return 'less than a minute';
  const minutes = Math.round(seconds / 60);
  if (minutes < 90) return `about ${formatNumber(minutes)} minute${minutes === 1 ? '' : 's'}`;
  const hours = Math.round(seconds / 3600);
  if (hours < 36) return `about ${formatNumber(hours)} hours`;
  return `about ${formatNumber(Math.round(seconds / 86_400))} days`;
}

/**
 * A phone number in international format with spaces, "+91 98765 43210", as WhatsApp shows it.
 * Anything that does not read as a number is shown as it is.
 */
export function formatPhone(value: string | null | undefined, empty = '—'): string {
  if (!value) return empty;
  const e164 = value.startsWith('+') ? value : /^\d{7,15}$/.test(value) ? `+${value}` : value;
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? value;
}

/**
 * How a customer is reached, where a phone number was shown: the number; for a customer who hides
 * it behind a WhatsApp username, `@username`, else their WhatsApp user id (issue 13).
 */
export function formatReach(
  contact: { phone: string | null; username?: string | null; userId?: string | null },
  empty = '—',
): string {
  if (contact.phone) return formatPhone(contact.phone);
  if (contact.username) return `@${contact.username}`;
  return contact.userId ?? empty;
}

/** "India" for "IN", in English: the app's words are English. */
export function countryName(code: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** Every IANA time zone the browser knows. */
export function timeZones(): string[] {
  return Intl.supportedValuesOf('timeZone');
}

/** A sample of how a locale writes a date, a time and a number, to choose one by. */
export function localeSample(locale: string, timeZone: string): string {
  try {
    const at = new Date(Date.UTC(2026, 11, 2, 15, 30));
    const date = new Intl.DateTimeFormat(locale, {
      timeZone,
      dateStyle: 'medium',
      timeStyle: 'short',
    }).format(at);
    return `${date} · ${new Intl.NumberFormat(locale).format(1234567.5)}`;
  } catch {
    return locale;
  }
}
