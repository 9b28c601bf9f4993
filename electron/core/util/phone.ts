import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/**
 * A phone number in E.164 (`+919876543210`), or null when it cannot be a real number. The
 * organization's default country fills in a missing country code.
 */
export function toE164(raw: string, defaultCountry: string): string | null {
  const parsed = parsePhoneNumberFromString(raw.trim(), defaultCountry as CountryCode);
  if (!parsed || !parsed.isValid()) return null;
  return parsed.number;
}

/**
 * For sending: any number that could exist. libphonenumber's stricter `isValid` lags behind new
 * number ranges (and refuses 555 test numbers); Meta itself reports an unreachable number as a
 * failed status, which is the authority here.
 */
export function toPossibleE164(raw: string, defaultCountry: string): string | null {
  const parsed = parsePhoneNumberFromString(raw.trim(), defaultCountry as CountryCode);
  if (!parsed || !parsed.isPossible()) return null;
  return parsed.number;
}
