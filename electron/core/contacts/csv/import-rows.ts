import { z } from 'zod';
import type { ImportRowError, ImportTarget } from '@shared/types/contacts';
import { isBusinessUserId } from '@shared/customer-id';
import { checkPhone, type CheckedPhone } from '../../util/phone';
import { splitTags, unguardFormula } from './csv-format';
import type { CsvRecord } from './read-records';

/** A row that passed every check, with its values where the mapping sends them. */
export interface ImportRow {
  line: number;
  /** At least one of `phone` and `userId` is set (a customer who hides their number has no phone). */
  phone: CheckedPhone | null;
  userId: string | null;
  /** Null when the name cell is empty or unmapped: an existing contact keeps its name. */
  name: string | null;
  email: string | null;
  tags: string[];
  /** Non-empty cells only: an empty cell never wipes a value. */
  attributes: Record<string, string>;
}

export type RowCheck = { ok: true; row: ImportRow } | { ok: false; error: ImportRowError };

/** The contract's limits (shared/operations/contacts.ts), applied to imported rows as to typed ones. */
const LIMITS = { name: 120, tag: 40, tags: 50, attribute: 1000 };
const email = z.email();

/**
 * Checks rows one at a time, in file order. It remembers every phone number and user id seen, so
 * one that appears twice is reported on its second line with a pointer to the first.
 */
export class RowValidator {
  private readonly firstLine = new Map<string, number>();
  private readonly column: { name?: number; phone?: number; userId?: number; email?: number; tags?: number };
  private readonly attributeColumns: { index: number; key: string }[] = [];

  constructor(
    private readonly mapping: readonly ImportTarget[],
    private readonly defaultCountry: string,
  ) {
    const find = (target: ImportTarget) => {
      const index = mapping.indexOf(target);
      return index >= 0 ? index : undefined;
    };
    this.column = {
      name: find('name'),
      phone: find('phone'),
      userId: find('user_id'),
      email: find('email'),
      tags: find('tags'),
    };
    mapping.forEach((target, index) => {
      if (target.startsWith('attribute:'))
        this.attributeColumns.push({ index, key: target.slice('attribute:'.length) });
    });
  }

  check(record: CsvRecord): RowCheck {
    const fail = (reason: string): RowCheck => ({
      ok: false,
      error: { row: record.line, reason, values: record.values },
    });
    const { values } = record;
    const extra = values.slice(this.mapping.length);
    if (extra.some((v) => v.trim() !== '')) {
      return fail(`Too many columns: ${values.length}, the header has ${this.mapping.length}`);
    }
    const cell = (index: number | undefined) => (index === undefined ? '' : (values[index] ?? '').trim());
    const text = (index: number | undefined) => unguardFormula(cell(index));

    const rawPhone = cell(this.column.phone);
    const userId = cell(this.column.userId) || null;
    if (!rawPhone && !userId) {
      return fail(
        this.column.userId === undefined ? 'Missing phone number' : 'Missing phone number and user id',
      );
    }
    const phone = rawPhone ? checkPhone(rawPhone, this.defaultCountry) : null;
    if (rawPhone && !phone) return fail(`Not a phone number: “${rawPhone}”`);
    if (userId && !isBusinessUserId(userId)) return fail(`Not a WhatsApp user id: “${userId}”`);
    for (const key of [phone?.e164, userId]) {
      const first = key ? this.firstLine.get(key) : undefined;
      if (first !== undefined) {
        const what = key === userId ? 'user id' : 'phone number';
        return fail(`Same ${what} as line ${first} (${key})`);
      }
    }

    const rawEmail = text(this.column.email).toLowerCase();
    if (rawEmail && !email.safeParse(rawEmail).success) return fail(`Not an email address: “${rawEmail}”`);
    const name = text(this.column.name);
    if (name.length > LIMITS.name) return fail(`Name longer than ${LIMITS.name} characters`);
    const tags = [...new Set(splitTags(text(this.column.tags)))];
    const longTag = tags.find((t) => t.length > LIMITS.tag);
    if (longTag) return fail(`Tag longer than ${LIMITS.tag} characters: “${longTag}”`);
    if (tags.length > LIMITS.tags) return fail(`More than ${LIMITS.tags} tags`);
    const attributes: Record<string, string> = {};
    for (const { index, key } of this.attributeColumns) {
      const value = text(index);
      if (value.length > LIMITS.attribute)
        return fail(`“${key}” is longer than ${LIMITS.attribute} characters`);
      if (value) attributes[key] = value;
    }

    // Only a row that is going in claims its number; a bad row does not shadow a later good one.
    if (phone) this.firstLine.set(phone.e164, record.line);
    if (userId) this.firstLine.set(userId, record.line);
    return {
      ok: true,
      row: {
        line: record.line,
        phone,
        userId,
        name: name || null,
        email: rawEmail || null,
        tags,
        attributes,
      },
    };
  }
}
