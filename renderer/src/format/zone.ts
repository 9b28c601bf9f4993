/**
 * Campaigns are scheduled in the organization's time zone, whatever the computer's is. These turn
 * a wall-clock time there into an instant and back, with Intl's offsets (no library needed).
 */
export function offsetMinutes(timeZone: string, at: Date): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')?.value;
  const match = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name ?? '');
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return match[1] === '-' ? -minutes : minutes;
}

/** `2026-12-01T09:30` in `timeZone` → an ISO instant with offset. */
export function zonedWallTimeToIso(wallTime: string, timeZone: string): string {
  const asUtc = new Date(`${wallTime}:00Z`);
  // Twice: the offset at the guess may differ from the offset at the answer around DST changes.
  let instant = new Date(asUtc.getTime() - offsetMinutes(timeZone, asUtc) * 60_000);
  instant = new Date(asUtc.getTime() - offsetMinutes(timeZone, instant) * 60_000);
  return instant.toISOString();
}

/** An instant as `2026-12-01T09:30` on the clock of `timeZone`: the value a datetime-local field takes. */
export function isoToZonedWallTime(iso: string, timeZone: string): string {
  const shifted = new Date(Date.parse(iso) + offsetMinutes(timeZone, new Date(iso)) * 60_000);
  return shifted.toISOString().slice(0, 16);
}

/**
 * A calendar day (`YYYY-MM-DD`, already a day of the organization's zone, as the core gives the
 * dashboard's days) shown short, e.g. "3 Dec": read at noon UTC so no zone can move it a day.
 */
export function formatDay(date: string): string {
  return new Intl.DateTimeFormat(undefined, { timeZone: 'UTC', day: 'numeric', month: 'short' }).format(
    new Date(`${date}T12:00:00Z`),
  );
}
