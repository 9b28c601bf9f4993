import { WEEKDAYS, type OpeningRange, type Weekday } from '@shared/types/replies';

export type OpeningHours = Record<Weekday, OpeningRange[]>;

/** Monday to Friday 09:00–18:00, Saturday 10:00–14:00: a shop's usual week until the owner sets theirs. */
export const DEFAULT_OPENING_HOURS: OpeningHours = {
  mon: [{ from: '09:00', to: '18:00' }],
  tue: [{ from: '09:00', to: '18:00' }],
  wed: [{ from: '09:00', to: '18:00' }],
  thu: [{ from: '09:00', to: '18:00' }],
  fri: [{ from: '09:00', to: '18:00' }],
  sat: [{ from: '10:00', to: '14:00' }],
  sun: [],
};

/** The weekday and wall-clock time of an instant in a time zone. */
export function wallClock(at: Date, timeZone: string): { day: Weekday; time: string } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const day = get('weekday').toLowerCase().slice(0, 3) as Weekday;
  return { day: WEEKDAYS.includes(day) ? day : 'mon', time: `${get('hour')}:${get('minute')}` };
}

/** Whether the shop is open at this instant, in its own time zone; `to` is exclusive. */
export function isOpen(hours: OpeningHours, timeZone: string, at: Date): boolean {
  const { day, time } = wallClock(at, timeZone);
  return (hours[day] ?? []).some((range) => range.from <= time && time < range.to);
}
