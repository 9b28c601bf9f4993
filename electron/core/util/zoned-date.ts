/** Minutes `timeZone` is ahead of UTC at `at` (negative west of Greenwich). */
function offsetMinutes(timeZone: string, at: Date): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')?.value;
  const match = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name ?? '');
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return match[1] === '-' ? -minutes : minutes;
}

/** The instant a wall-clock time (`2027-06-30T00:00`) happens in `timeZone`. */
export function wallTimeInZone(wallTime: string, timeZone: string): Date {
  const asUtc = new Date(`${wallTime}:00Z`);
  // Twice: the offset at the guess may differ from the offset at the answer around DST changes.
  let instant = new Date(asUtc.getTime() - offsetMinutes(timeZone, asUtc) * 60_000);
  instant = new Date(asUtc.getTime() - offsetMinutes(timeZone, instant) * 60_000);
  return instant;
}

/** The end of a calendar day (`2027-06-30`) in `timeZone`: the first instant of the next day there. */
export function endOfDayInZone(date: string, timeZone: string): Date {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return wallTimeInZone(`${next.toISOString().slice(0, 10)}T00:00`, timeZone);
}
