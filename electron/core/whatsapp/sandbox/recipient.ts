import { parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * The WhatsApp id Meta makes of `to`: `+ - ( )` and spaces are dropped, and without a leading `+` the
 * business number's country code is put in front (reference §2), which is why integrators should send
 * E.164 with the `+`. Null when what is left cannot be a phone number.
 */
export function recipientWaId(to: string, businessDisplayNumber: string): string | null {
  const trimmed = to.trim();
  const digits = trimmed.replace(/[\s\-()+]/g, '');
  if (!/^\d+$/.test(digits)) return null;
  const waId = trimmed.startsWith('+') ? digits : `${countryCallingCode(businessDisplayNumber)}${digits}`;
  return /^\d{7,15}$/.test(waId) ? waId : null;
}

function countryCallingCode(displayNumber: string): string {
  return parsePhoneNumberFromString(`+${displayNumber.replace(/\D/g, '')}`)?.countryCallingCode ?? '';
}
