/**
 * Figures kept per quarter hour of UTC (`bucket` = Unix seconds / 900): every time zone's offset is
 * a multiple of 15 minutes, so quarter hours sum exactly into the days of any zone, and the
 * organization may change its zone without anything being rebuilt.
 */
export const BUCKET_SECONDS = 900;

export function bucketOf(at: Date): number {
  return Math.floor(at.getTime() / 1000 / BUCKET_SECONDS);
}

/** The first bucket at or after an instant (day boundaries are on quarter hours in every zone). */
export function firstBucketFrom(at: Date): number {
  return Math.ceil(at.getTime() / 1000 / BUCKET_SECONDS);
}
