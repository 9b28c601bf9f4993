import { isSupportedCountry } from 'libphonenumber-js';
import { AppError, type FieldError } from '@shared/errors';
import type { ParsedInputOf } from '@shared/operations';
import type { OrganizationDto } from '@shared/types/organization';
import type { Actor } from '../auth/actor';
import { OrganizationEntity, type OrganizationRow } from '../db/entities/organization';
import type { ReadDb } from '../db/read-db';
import type { WriteQueue } from '../db/write-queue';
import type { AuditLog } from '../audit/audit-log';
import type { EventBus } from '../events/event-bus';
import type { Clock } from '../util/clock';
import { canonicalLocale, defaultLocale, isKnownTimeZone } from './locale';

type UpdateInput = ParsedInputOf<'organization.update'>;

/**
 * The organization's name, default country, time zone and locale, as stored in the database.
 * config.toml gives the first-run values (bootstrap/apply-config.ts); afterwards they are edited in
 * the app, audited, and every service reads them from here. Kept in memory after `load()`: this
 * service is the only writer of the row, so the copy cannot go stale.
 */
export class OrganizationService {
  private row: OrganizationRow | null = null;

  constructor(
    private readonly deps: { db: ReadDb; tx: WriteQueue; audit: AuditLog; events: EventBus; clock: Clock },
  ) {}

  async load(): Promise<void> {
    this.row = await this.deps.db.getRepository(OrganizationEntity).findOneByOrFail({ id: 1 });
  }

  current(): OrganizationDto {
    return toDto(this.loaded());
  }

  /** For phone numbers typed without a country code. */
  get defaultCountry(): string {
    return this.loaded().defaultCountry;
  }

  get timeZone(): string {
    return this.loaded().timeZone;
  }

  async update(actor: Actor, input: UpdateInput): Promise<OrganizationDto> {
    const changes = checked(input);
    const before = this.loaded();
    const changed = (Object.keys(changes) as (keyof typeof changes)[]).filter(
      (key) => changes[key] !== before[key],
    );
    if (!changed.length) return this.current();
    await this.deps.tx.run(async (m) => {
      await m
        .getRepository(OrganizationEntity)
        .update({ id: 1 }, { ...changes, updatedAt: this.deps.clock.now() });
      await this.deps.audit.record(m, {
        actorUserId: actor.user.id,
        action: 'organization.updated',
        targetType: 'organization',
        targetId: 1,
        details: Object.fromEntries(changed.map((key) => [key, { from: before[key], to: changes[key] }])),
      });
    });
    await this.load();
    this.deps.events.publish('organization.changed', { fields: changed });
    return this.current();
  }

  private loaded(): OrganizationRow {
    if (!this.row) throw new Error('OrganizationService.load() has not run');
    return this.row;
  }
}

export function toDto(row: OrganizationRow): OrganizationDto {
  return {
    name: row.name,
    defaultCountry: row.defaultCountry,
    timeZone: row.timeZone,
    locale: row.locale ?? defaultLocale(row.defaultCountry),
    localeDerived: row.locale === null,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** What zod cannot check without the phone and locale data: every refusal names its field. */
function checked(
  input: UpdateInput,
): Partial<Pick<OrganizationRow, 'name' | 'defaultCountry' | 'timeZone' | 'locale'>> {
  const problems: FieldError[] = [];
  const out: Partial<Pick<OrganizationRow, 'name' | 'defaultCountry' | 'timeZone' | 'locale'>> = {};
  if (input.name !== undefined) out.name = input.name;
  if (input.defaultCountry !== undefined) {
    if (isSupportedCountry(input.defaultCountry)) out.defaultCountry = input.defaultCountry;
    else problems.push({ field: 'defaultCountry', message: 'Not a country code phone numbers know' });
  }
  if (input.timeZone !== undefined) {
    if (isKnownTimeZone(input.timeZone)) out.timeZone = input.timeZone;
    else problems.push({ field: 'timeZone', message: 'Not a known time zone, e.g. Asia/Kolkata' });
  }
  if (input.locale !== undefined) {
    const locale = input.locale === null ? null : canonicalLocale(input.locale);
    if (input.locale === null || locale) out.locale = locale;
    else problems.push({ field: 'locale', message: 'Not a locale, e.g. en-IN' });
  }
  if (problems.length)
    throw new AppError('VALIDATION', problems.map((p) => p.message).join('; '), { fields: problems });
  return out;
}
