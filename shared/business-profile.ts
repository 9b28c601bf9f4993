/**
 * WhatsApp's rules for a number's business profile (reference §5; Meta's business-profiles page):
 * one place for the limits the form shows, the operation checks and the sandbox enforces.
 */

export const PROFILE_LIMITS = {
  /** 1–139 characters; it cannot be emptied. */
  about: 139,
  address: 256,
  /** Sources disagree between 256 and 512 (reference §5); Meta's current page says 512. */
  description: 512,
  email: 128,
  websites: 2,
  website: 256,
  /** JPEG or PNG; Meta recommends a square of at least 192 px (640 px is ideal). */
  photoBytes: 5 * 1024 * 1024,
} as const;

export const PROFILE_PHOTO_TYPES = ['image/jpeg', 'image/png'] as const;

/** Meta's business categories, with the names WhatsApp shows for them. */
export const VERTICALS = {
  OTHER: 'Other',
  AUTO: 'Automotive',
  BEAUTY: 'Beauty, spa and salon',
  APPAREL: 'Clothing and apparel',
  EDU: 'Education',
  ENTERTAIN: 'Entertainment',
  EVENT_PLAN: 'Event planning and service',
  FINANCE: 'Finance and banking',
  GROCERY: 'Food and grocery',
  GOVT: 'Public service',
  HOTEL: 'Hotel and lodging',
  HEALTH: 'Medical and health',
  NONPROFIT: 'Non-profit',
  PROF_SERVICES: 'Professional services',
  RETAIL: 'Shopping and retail',
  TRAVEL: 'Travel and transportation',
  RESTAURANT: 'Restaurant',
  ALCOHOL: 'Alcoholic beverages',
  ONLINE_GAMBLING: 'Online gambling and gaming',
  PHYSICAL_GAMBLING: 'Gambling and gaming (not online)',
  OTC_DRUGS: 'Over-the-counter drugs',
} as const;

export type Vertical = keyof typeof VERTICALS;
export const VERTICAL_CODES = Object.keys(VERTICALS) as [Vertical, ...Vertical[]];

/** A website WhatsApp takes: http or https, with a host. */
export function isWebsite(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0;
  } catch {
    return false;
  }
}
