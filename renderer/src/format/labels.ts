/**
 * Words for the values WhatsApp and the core use as codes (GREEN, TIER_250, UTILITY, delivered),
 * so no screen shows a raw enum. An unknown code reads as itself, lower-cased and spaced.
 */
function words(code: string): string {
  const text = code.replace(/_/g, ' ').toLowerCase();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function lookup(table: Record<string, string>, code: string | null | undefined, empty = '—'): string {
  if (!code) return empty;
  return table[code] ?? words(code);
}

const QUALITY: Record<string, string> = {
  GREEN: 'High',
  YELLOW: 'Medium',
  RED: 'Low',
  UNKNOWN: 'Not rated yet',
  NA: 'Not rated yet',
};
/** Meta's quality rating of a number, as its WhatsApp Manager words it. */
export const qualityLabel = (code: string | null | undefined) => lookup(QUALITY, code);

const TIERS: Record<string, string> = {
  TIER_50: '50 new customers a day',
  TIER_250: '250 new customers a day',
  TIER_1K: '1,000 new customers a day',
  TIER_2K: '2,000 new customers a day',
  TIER_10K: '10,000 new customers a day',
  TIER_100K: '100,000 new customers a day',
  TIER_UNLIMITED: 'No daily limit',
};
/** A messaging limit tier: how many customers outside a conversation a number may reach in 24 h. */
export const tierLabel = (code: string | null | undefined) => lookup(TIERS, code);

const CATEGORIES: Record<string, string> = {
  MARKETING: 'Marketing',
  UTILITY: 'Utility',
  AUTHENTICATION: 'Authentication',
};
export const categoryLabel = (code: string | null | undefined) => lookup(CATEGORIES, code);
export const TEMPLATE_CATEGORIES = Object.entries(CATEGORIES).map(([value, title]) => ({ value, title }));

const TEMPLATE_STATUS: Record<string, string> = {
  APPROVED: 'Approved',
  PENDING: 'In review',
  REJECTED: 'Rejected',
  PAUSED: 'Paused by Meta',
  DISABLED: 'Disabled by Meta',
  IN_APPEAL: 'In appeal',
};
export const templateStatusLabel = (code: string | null | undefined) => lookup(TEMPLATE_STATUS, code);
export const TEMPLATE_STATUSES = Object.entries(TEMPLATE_STATUS).map(([value, title]) => ({ value, title }));

const MESSAGE_STATUS: Record<string, string> = {
  queued: 'Waiting to send',
  sending: 'Sending',
  unconfirmed: 'Unconfirmed',
  sent: 'Sent',
  delivered: 'Delivered',
  read: 'Read',
  replied: 'Replied',
  failed: 'Failed',
  received: 'Received',
};
/** A message's (or a campaign recipient's) state. */
export const messageStatusLabel = (code: string | null | undefined) => lookup(MESSAGE_STATUS, code);
export const RECIPIENT_STATES = [
  'queued',
  'sending',
  'unconfirmed',
  'sent',
  'delivered',
  'read',
  'replied',
  'failed',
].map((value) => ({ value, title: MESSAGE_STATUS[value]! }));

const CAMPAIGN_STATUS: Record<string, string> = {
  draft: 'Draft',
  scheduled: 'Scheduled',
  running: 'Running',
  paused: 'Paused',
  finished: 'Finished',
  cancelled: 'Cancelled',
};
export const campaignStatusLabel = (code: string | null | undefined) => lookup(CAMPAIGN_STATUS, code);
export const CAMPAIGN_STATUSES = Object.entries(CAMPAIGN_STATUS).map(([value, title]) => ({ value, title }));

const LANGUAGES: Record<string, string> = {
  en: 'English',
  en_US: 'English (US)',
  en_GB: 'English (UK)',
  es: 'Spanish',
  hi: 'Hindi',
  pt_BR: 'Portuguese (Brazil)',
  de: 'German',
  fr: 'French',
};
/** A template's language code ("en_US") as words, with the code kept for those who know them. */
export const languageLabel = (code: string | null | undefined) =>
  code && LANGUAGES[code] ? `${LANGUAGES[code]}` : (code ?? '—');

/** The kinds of thing the audit log records changes to (its target types). */
export const AUDIT_KINDS: { value: string; title: string }[] = [
  { value: 'contact', title: 'Contacts' },
  { value: 'import', title: 'Imports' },
  { value: 'list', title: 'Lists' },
  { value: 'campaign', title: 'Campaigns' },
  { value: 'template', title: 'Templates' },
  { value: 'user', title: 'Members' },
  { value: 'role', title: 'Roles' },
  { value: 'api_token', title: 'API tokens' },
  { value: 'secret', title: 'WhatsApp secrets' },
  { value: 'organization', title: 'Organization' },
  { value: 'media', title: 'Media' },
];

/** "contact.opted_out" → "Contact opted out". */
export function auditActionLabel(action: string): string {
  return words(action.replace(/\./g, ' '));
}
