import { parsePhoneNumberFromString, type CountryCode, type PhoneNumber } from 'libphonenumber-js';

export interface ContactPhone {
  /** E.164, e.g. +919876543210. */
  e164: string;
  /** The WhatsApp id: the E.164 number's digits. */
  waId: string;
}

/**
 * Normalises a phone number as typed or found in a spreadsheet: spaces, dashes, dots and brackets
 * are fine; `+CC` or the organization's international prefix (`00` in most countries) names the
 * country; without one the organization's default country applies. Null when it is not a valid
 * number. Same rules as util/phone.ts `toE164`, plus the "+"-less fallback below.
 */
export function normalizePhone(raw: string, defaultCountry: string): ContactPhone | null {
  const text = raw.trim();
  if (!/\d/.test(text)) return null;
  let parsed = validOrNull(parsePhoneNumberFromString(text, defaultCountry as CountryCode));
  if (!parsed && !text.startsWith('+')) {
    // Spreadsheets and WhatsApp exports often drop the "+": "4915123456789" is a German mobile,
    // not an Indian number. Tried only when the number is not valid in the default country.
    const digits = text.replace(/\D/g, '');
    if (digits.length >= 8) parsed = validOrNull(parsePhoneNumberFromString(`+${digits}`));
  }
  if (!parsed) return null;
  return { e164: parsed.number, waId: parsed.number.slice(1) };
}

function validOrNull(parsed: PhoneNumber | undefined): PhoneNumber | null {
  return parsed && parsed.isValid() ? parsed : null;
}
