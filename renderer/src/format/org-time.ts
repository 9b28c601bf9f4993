import { computed } from 'vue';
import { useSessionStore } from '@/stores/session';

/**
 * The inbox's relative dates and times (Today, Yesterday, a weekday), part of the one formatting
 * module: in the organization's time zone and locale, so the shop's day decides what "today" is,
 * whatever the computer's zone. Formatters are cached because the list formats hundreds of times a
 * second while scrolling.
 */
const cache = new Map<string, Intl.DateTimeFormat>();

/** The organization's locale (Settings → Organization), else the browser's. */
function orgLocale(): string {
  return useSessionStore().session?.organization.locale ?? navigator.language;
}

function formatter(timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const locale = orgLocale();
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let found = cache.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(locale, { timeZone, ...options });
    cache.set(key, found);
  }
  return found;
}

/** `2026-06-03` for an instant in the zone, for comparing days. */
export function dayKey(iso: string | number | Date, timeZone: string): string {
  const parts = formatter(timeZone, { year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(
    new Date(iso),
  );
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** 14:05 (or 2:05 PM, as the language writes it). */
export function formatClock(iso: string, timeZone: string): string {
  return formatter(timeZone, { hour: 'numeric', minute: '2-digit' }).format(new Date(iso));
}

/** Today, Yesterday, Monday (within a week), or 3 June 2026: the thread's day separators. */
export function formatDay(iso: string, timeZone: string, now = Date.now()): string {
  const day = dayKey(iso, timeZone);
  if (day === dayKey(now, timeZone)) return 'Today';
  if (day === dayKey(now - 86_400_000, timeZone)) return 'Yesterday';
  if (now - new Date(iso).getTime() < 6 * 86_400_000)
    return formatter(timeZone, { weekday: 'long' }).format(new Date(iso));
  return formatter(timeZone, { day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(iso));
}

/** The list's time: the clock today, "Yesterday", a weekday within the week, else a short date. */
export function formatListTime(iso: string, timeZone: string, now = Date.now()): string {
  const day = dayKey(iso, timeZone);
  if (day === dayKey(now, timeZone)) return formatClock(iso, timeZone);
  if (day === dayKey(now - 86_400_000, timeZone)) return 'Yesterday';
  if (now - new Date(iso).getTime() < 6 * 86_400_000)
    return formatter(timeZone, { weekday: 'short' }).format(new Date(iso));
  return formatter(timeZone, { day: 'numeric', month: 'short', year: '2-digit' }).format(new Date(iso));
}

/** 3 Jun 2026, 14:05. */
export function formatDateTime(iso: string | null, timeZone: string): string {
  if (!iso) return '—';
  return formatter(timeZone, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** "5 h 20 min", "12 min", "less than a minute": how long until (or since) something. */
export function formatDuration(ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  if (minutes < 1) return 'less than a minute';
  const hours = Math.floor(minutes / 60);
  if (hours === 0) return `${minutes} min`;
  const rest = minutes % 60;
  return rest ? `${hours} h ${rest} min` : `${hours} h`;
}

/** The formatters bound to the signed-in organization's zone. */
export function useOrgTime() {
  const session = useSessionStore();
  const zone = computed(() => session.session?.organization.timeZone ?? 'UTC');
  return {
    zone,
    clock: (iso: string) => formatClock(iso, zone.value),
    day: (iso: string) => formatDay(iso, zone.value),
    dayKey: (iso: string) => dayKey(iso, zone.value),
    listTime: (iso: string) => formatListTime(iso, zone.value),
    dateTime: (iso: string | null) => formatDateTime(iso, zone.value),
  };
}
