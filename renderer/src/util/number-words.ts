import { parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * What WhatsApp's codes for a business number mean, in words and colours a shop owner reads at a
 * glance. (Phone numbers are shown in international form; the lead may fold `displayNumber` into
 * the formatting module.)
 */

/** `15550783881` → `+1 555 078 3881`. */
export function displayNumber(digits: string): string {
  const parsed = parsePhoneNumberFromString(digits.startsWith('+') ? digits : `+${digits}`);
  return parsed?.formatInternational() ?? `+${digits.replace(/^\+/, '')}`;
}

export interface Badge {
  text: string;
  color: string;
  icon: string;
  /** What it means for the shop, for a tooltip or a line under it. */
  meaning: string;
}

export function qualityBadge(rating: string | null): Badge {
  switch (rating) {
    case 'GREEN':
      return {
        text: 'High quality',
        color: 'success',
        icon: 'mdi-check-circle',
        meaning: 'Customers are happy with your messages: your limits can grow.',
      };
    case 'YELLOW':
      return {
        text: 'Medium quality',
        color: 'warning',
        icon: 'mdi-alert',
        meaning: 'Some customers blocked or reported you lately: send fewer, more wanted messages.',
      };
    case 'RED':
      return {
        text: 'Low quality',
        color: 'error',
        icon: 'mdi-alert-octagon',
        meaning: 'Many customers blocked or reported you: WhatsApp may lower your limit or pause templates.',
      };
    default:
      return {
        text: 'Not rated yet',
        color: 'neutral',
        icon: 'mdi-help-circle-outline',
        meaning: 'WhatsApp rates a number once it has sent enough messages.',
      };
  }
}

export function nameStatusBadge(status: string | null): Badge {
  const badges: Record<string, Badge> = {
    APPROVED: {
      text: 'Name approved',
      color: 'success',
      icon: 'mdi-check',
      meaning: 'Customers see this name.',
    },
    AVAILABLE_WITHOUT_REVIEW: {
      text: 'Name usable, not reviewed',
      color: 'info',
      icon: 'mdi-information',
      meaning: 'The name can be used; Meta reviews it later.',
    },
    PENDING_REVIEW: {
      text: 'Name in review',
      color: 'info',
      icon: 'mdi-timer-sand',
      meaning: 'Meta is reviewing the display name.',
    },
    DECLINED: {
      text: 'Name declined',
      color: 'error',
      icon: 'mdi-close-circle',
      meaning: 'Meta declined the display name: change it in WhatsApp Manager.',
    },
    EXPIRED: { text: 'Name expired', color: 'warning', icon: 'mdi-alert', meaning: 'Submit the name again.' },
  };
  return (
    badges[status ?? ''] ?? {
      text: 'Name not submitted',
      color: 'neutral',
      icon: 'mdi-minus-circle-outline',
      meaning: 'No display name was submitted for review.',
    }
  );
}

export function verificationWords(status: string | null): string {
  if (status === 'VERIFIED') return 'Verified by code';
  if (status === 'EXPIRED') return 'Verification expired';
  return 'Not verified yet';
}

const TIER_WORDS: Record<string, string> = {
  TIER_50: '50 customers a day',
  TIER_250: '250 customers a day',
  TIER_1K: '1,000 customers a day',
  TIER_2K: '2,000 customers a day',
  TIER_10K: '10,000 customers a day',
  TIER_100K: '100,000 customers a day',
  TIER_UNLIMITED: 'No daily limit',
};

/**
 * The portfolio's messaging limit: unique customers a day reached outside a service window,
 * shared by all its numbers (reference §7, §10).
 */
export function limitWords(tier: string | null): string {
  return TIER_WORDS[tier ?? ''] ?? 'Not set yet';
}
