import { parsePhoneNumberFromString, type CountryCode, type PhoneNumber } from 'libphonenumber-js';

/**
 * The one rule for phone numbers, used by the contact form, the CSV import, the token API, members,
 * config.toml and test sends alike.
 *
 * libphonenumber's `isValid` knows the number ranges each country has handed out, and its metadata
 * lags behind new ranges (and refuses test ranges such as +1 555 and +44 7700 900, which the
 * sandbox's demo customers use). WhatsApp itself is the authority on whether a number exists: it
 * reports an unknown one as a failed message. So a number that is *possible* (a known country code
 * and the right length) is accepted, with a warning when it is not *valid*; only what cannot be a
 * phone number at all is refused.
 */
export interface CheckedPhone {
  /** E.164, e.g. +919876543210. */
  e164: string;
  /** The WhatsApp id: the E.164 number's digits. */
  waId: string;
  /** Null for a number in a known range; else a sentence saying what to check. */
  warning: string | null;
}

/**
 * Reads a number as typed or found in a spreadsheet: spaces, dashes, dots and brackets are fine;
 * `+CC` or the international prefix (`00` in most countries) names the country; without one the
 * organization's default country applies. Spreadsheets and WhatsApp exports often drop the "+", so
 * "4915123456789" is tried as +49… when it is not a number of the default country. Null when it
 * cannot be a phone number.
 */
export function checkPhone(raw: string, defaultCountry: string): CheckedPhone | null {
  const text = raw.trim();
  if (!/\d/.test(text)) return null;
  const local = parse(text, defaultCountry);
  // A known range wins over a merely possible one, in the default country first. Most numbers are
  // in a known range of the default country, so the "+"-less reading is tried only when this one
  // is not: it costs a second parse, and libphonenumber throws and catches an error inside for
  // most local numbers read that way (a tenth of a 100,000-row import's time).
  if (local?.isValid()) return checked(local, true);
  const digits = text.replace(/\D/g, '');
  const plus = !text.startsWith('+') && digits.length >= 8 ? parse(`+${digits}`) : undefined;
  if (plus?.isValid()) return checked(plus, true);
  const possible = [local, plus].find((p) => p && isPossible(p));
  return possible ? checked(possible, false) : null;
}

function checked(phone: PhoneNumber, valid: boolean): CheckedPhone {
  return {
    e164: phone.number,
    waId: phone.number.slice(1),
    warning: valid ? null : rangeWarning(phone),
  };
}

/** E.164, or null when it cannot be a phone number (the warning is dropped). */
export function toE164(raw: string, defaultCountry: string): string | null {
  return checkPhone(raw, defaultCountry)?.e164 ?? null;
}

function parse(text: string, defaultCountry?: string): PhoneNumber | undefined {
  return parsePhoneNumberFromString(text, defaultCountry as CountryCode | undefined);
}

/** The right length for a known country code, and not all zeros (a placeholder, never a number). */
function isPossible(phone: PhoneNumber): boolean {
  return phone.isPossible() && !/^0+$/.test(phone.nationalNumber);
}

function rangeWarning(phone: PhoneNumber): string {
  return (
    `${phone.formatInternational()} has the right length for +${phone.countryCallingCode}, but is not in a ` +
    'number range the phone data knows yet. It is saved; check it if messages to it fail.'
  );
}
