import { z } from 'zod';

/**
 * WhatsApp's business-scoped user id (BSUID, reference §10): two capital letters (the country the
 * account was made in), a dot, then an opaque id, e.g. `US.13491208655302741918`; a parent id reads
 * `US.ENT.…`. A phone number's WhatsApp id is digits only, so the two never look alike: that is
 * what lets a message's recipient column hold either (see electron/core/util/customer-address.ts).
 */
const BSUID = /^[A-Z]{2}\.[A-Za-z0-9][A-Za-z0-9.]{0,127}$/;

export function isBusinessUserId(value: string): boolean {
  return BSUID.test(value);
}

/** A BSUID as the forms, the CSV import and the token API accept it. */
export const businessUserIdField = z
  .string()
  .trim()
  .refine(isBusinessUserId, 'Not a WhatsApp user id (it looks like US.13491208655302741918)');
