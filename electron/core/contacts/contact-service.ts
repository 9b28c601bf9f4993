import type { EntityManager } from 'typeorm';
import type { FieldError } from '@shared/errors';
import type { ParsedInputOf } from '@shared/operations';
import type {
  ContactDetailDto,
  ContactDto,
  ContactStatus,
  CsvExport,
  ImportCheck,
  ImportPreview,
  ImportReport,
  Page,
  SavedContactDto,
  TagCount,
} from '@shared/types/contacts';
import type { Actor } from '../auth/actor';
import type { CoreContext } from '../core-context';
import { ContactEntity, type ContactRow } from '../db/entities/contact';
import { assertListsExist, subscribe, unsubscribeEverywhere } from '../lists/membership';
import { listsOfContact } from '../lists/list-lookup';
import { contactNotFound, invalidPhone, phoneTaken, userIdTaken } from './contact-errors';
import { loadContacts, toContactDtos, type RawContact } from './contact-rows';
import { ContactSearch, type ContactFilter } from './contact-search';
import { PageMemory } from './page-memory';
import { addTags, refreshSearchDocs, replaceAttributes, replaceTags } from './contact-writes';
import { exportContacts } from './csv/export-contacts';
import { ContactImporter } from './csv/import-contacts';
import { previewImport } from './csv/preview';
import { mergeContacts, type MergeHook } from './merge-contacts';
import { checkPhone, type CheckedPhone } from '../util/phone';
import { buildSearchDoc, fold } from './search-text';
import { chunks, execute, marks, select, sqlDate } from '../db/sql';
import type { ReadManager } from '../db/read-db';

type CreateInput = ParsedInputOf<'contacts.create'>;
type UpdateInput = ParsedInputOf<'contacts.update'>;

/** Who opted a contact out: a person in the app, or (later) a keyword the customer sent. */
export type OptOutSource = 'manual' | 'keyword';

/** How many ids an audit entry lists for a bulk action; the count is always complete. */
const AUDIT_SAMPLE = 50;

export class ContactService {
  private readonly search: ContactSearch;
  private readonly importer: ContactImporter;
  private readonly mergeHooks: MergeHook[] = [];

  constructor(private readonly ctx: CoreContext) {
    this.importer = new ContactImporter(ctx);
    this.search = new ContactSearch(new PageMemory(ctx.clock, ctx.events));
  }

  private get country(): string {
    return this.ctx.organization.defaultCountry;
  }

  list(input: ParsedInputOf<'contacts.list'>): Promise<Page<ContactDto>> {
    return this.search.page(this.ctx.db.manager, input);
  }

  async count(input: ParsedInputOf<'contacts.count'>): Promise<{ total: number }> {
    return { total: await this.search.exactTotal(this.ctx.db.manager, input) };
  }

  async get(id: number): Promise<ContactDetailDto> {
    const m = this.ctx.db.manager;
    const dto = await this.dto(m, id);
    return { ...dto, lists: await listsOfContact(m, id) };
  }

  /** A contact by its E.164 number, or null (for webhooks and the token API). */
  async findByPhone(phone: string): Promise<ContactDto | null> {
    const normalized = checkPhone(phone, this.country);
    if (!normalized) return null;
    const [row] = await select<{ id: number }>(
      this.ctx.db.manager,
      'SELECT id FROM contacts WHERE phone = ?',
      [normalized.e164],
    );
    return row ? this.dto(this.ctx.db.manager, row.id) : null;
  }

  /** A contact by WhatsApp user id (a customer who hides their number), or null. */
  async findByUserId(userId: string): Promise<ContactDto | null> {
    const [row] = await select<{ id: number }>(
      this.ctx.db.manager,
      'SELECT id FROM contacts WHERE user_id = ?',
      [userId],
    );
    return row ? this.dto(this.ctx.db.manager, row.id) : null;
  }

  /**
   * The contact, with a warning when its number is possible but not in a known range. It is known
   * by its number, by its WhatsApp user id, or both (the operation asks for one at least).
   */
  async create(actor: Actor | null, input: CreateInput): Promise<SavedContactDto> {
    const phone = input.phone !== undefined ? this.phone(input.phone) : null;
    const userId = input.userId ?? null;
    const tags = [...new Set(input.tags ?? [])];
    const attributes = input.attributes ?? {};
    const email = input.email ?? null;
    const id = await this.ctx.tx.run(async (m) => {
      if (phone) await this.assertPhoneFree(m, phone.e164);
      if (userId) await this.assertUserIdFree(m, userId);
      await assertListsExist(m, input.listIds, 'listIds');
      const now = this.ctx.clock.now();
      const result = await m.getRepository(ContactEntity).insert({
        name: input.name,
        nameKey: fold(input.name),
        phone: phone?.e164 ?? null,
        waId: phone?.waId ?? null,
        userId,
        username: null,
        email,
        status: 'active',
        optedOut: false,
        optedOutAt: null,
        optOutSource: null,
        lastInboundAt: null,
        searchDoc: buildSearchDoc({ waId: phone?.waId ?? null, name: input.name, email, tags, attributes }),
        createdAt: now,
        updatedAt: now,
      });
      const contactId = result.identifiers[0]!.id as number;
      await addTags(
        m,
        tags.map((tag) => ({ contactId, tag })),
      );
      await replaceAttributes(m, contactId, attributes);
      for (const listId of new Set(input.listIds)) await subscribe(m, listId, [contactId], now);
      await this.ctx.audit.record(m, {
        actorUserId: actor?.user.id ?? null,
        action: 'contact.created',
        targetType: 'contact',
        targetId: contactId,
        details: { name: input.name, phone: phone?.e164 ?? null, userId, listIds: input.listIds },
      });
      return contactId;
    });
    this.changed('contact.created', input.listIds.length > 0);
    return { ...(await this.dto(this.ctx.db.manager, id)), warnings: phone ? phoneWarnings(phone) : [] };
  }

  /** Edits a contact. `attributes` and `tags`, when given, replace the whole set (the edit form sends all). */
  async update(actor: Actor | null, input: UpdateInput): Promise<SavedContactDto> {
    const phone = input.phone === undefined ? undefined : this.phone(input.phone);
    await this.ctx.tx.run(async (m) => {
      const current = await this.find(m, input.id);
      const changes: Partial<ContactRow> = {};
      if (phone && phone.e164 !== current.phone) {
        await this.assertPhoneFree(m, phone.e164, current.id);
        changes.phone = phone.e164;
        changes.waId = phone.waId;
      }
      if (input.userId !== undefined && input.userId !== current.userId) {
        await this.assertUserIdFree(m, input.userId);
        changes.userId = input.userId;
      }
      if (input.name !== undefined) changes.name = input.name;
      if (input.email !== undefined) changes.email = input.email;
      const now = this.ctx.clock.now();
      if (Object.keys(changes).length)
        await m.getRepository(ContactEntity).update({ id: current.id }, changes);
      if (input.tags) await replaceTags(m, current.id, input.tags);
      if (input.attributes) await replaceAttributes(m, current.id, input.attributes);
      await refreshSearchDocs(m, [current.id], now);
      await this.ctx.audit.record(m, {
        actorUserId: actor?.user.id ?? null,
        action: 'contact.updated',
        targetType: 'contact',
        targetId: current.id,
        details: { ...changes, tags: input.tags, attributes: input.attributes },
      });
    });
    this.changed('contact.updated');
    return {
      ...(await this.dto(this.ctx.db.manager, input.id)),
      warnings: phone ? phoneWarnings(phone) : [],
    };
  }

  /** Blocks or unblocks; returns how many contacts changed status. */
  async setStatus(
    actor: Actor | null,
    ids: readonly number[],
    status: ContactStatus,
  ): Promise<{ affected: number }> {
    const affected = await this.ctx.tx.run(async (m) => {
      const now = sqlDate(this.ctx.clock.now());
      let count = 0;
      for (const part of chunks([...new Set(ids)])) {
        count += await execute(
          m,
          `UPDATE contacts SET status = ?, updated_at = ? WHERE status <> ? AND id IN (${marks(part.length)})`,
          [status, now, status, ...part],
        );
      }
      await this.ctx.audit.record(m, {
        actorUserId: actor?.user.id ?? null,
        action: status === 'blocked' ? 'contacts.blocked' : 'contacts.unblocked',
        targetType: 'contact',
        details: { affected: count, ids: ids.slice(0, AUDIT_SAMPLE), requested: ids.length },
      });
      return count;
    });
    if (affected) this.changed(`contacts.${status}`);
    return { affected };
  }

  /**
   * Opts a contact out of marketing (every list membership becomes unsubscribed) or back in (lists
   * stay as they are: resubscribing is a separate, deliberate step).
   */
  async setOptOut(
    actor: Actor | null,
    id: number,
    optedOut: boolean,
    source: OptOutSource = 'manual',
  ): Promise<ContactDto> {
    const listsChanged = await this.ctx.tx.run(async (m) => {
      const current = await this.find(m, id);
      if (current.optedOut === optedOut) return 0;
      const now = this.ctx.clock.now();
      await m.getRepository(ContactEntity).update(
        { id },
        optedOut
          ? {
              optedOut: true,
              optedOutAt: now,
              optOutSource: source,
              optOutDetail: actor ? `Opted out by ${actor.user.name}` : null,
              updatedAt: now,
            }
          : { optedOut: false, optedOutAt: null, optOutSource: null, optOutDetail: null, updatedAt: now },
      );
      const unsubscribed = optedOut ? await unsubscribeEverywhere(m, [id], now) : 0;
      await this.ctx.audit.record(m, {
        actorUserId: actor?.user.id ?? null,
        action: optedOut ? 'contact.opted_out' : 'contact.opted_in',
        targetType: 'contact',
        targetId: id,
        details: { source: optedOut ? source : null, listsUnsubscribed: unsubscribed },
      });
      return unsubscribed;
    });
    this.changed('contact.opt_out', listsChanged > 0);
    return this.dto(this.ctx.db.manager, id);
  }

  /**
   * Lets another domain (conversations, messages) move its rows from the merged contact to the kept
   * one inside the merge's transaction, before the merged contact is deleted.
   */
  onMerge(hook: MergeHook): void {
    this.mergeHooks.push(hook);
  }

  /**
   * Inside a webhook's transaction: one message named a number and a user id held by two contacts,
   * so they are one customer (issue 13). Audited as the system's merge. No event here: the
   * transaction has not committed yet, and the webhook publishes its own changes after it.
   */
  joinWithin(m: EntityManager, keepId: number, mergeId: number): Promise<void> {
    return this.mergeWithin(m, keepId, mergeId, null, { reason: 'WhatsApp named both as one customer' });
  }

  async merge(actor: Actor | null, keepId: number, mergeId: number): Promise<ContactDto> {
    await this.ctx.tx.run((m) => this.mergeWithin(m, keepId, mergeId, actor?.user.id ?? null));
    this.changed('contacts.merged', true);
    return this.dto(this.ctx.db.manager, keepId);
  }

  private mergeWithin(
    m: EntityManager,
    keepId: number,
    mergeId: number,
    actorUserId: number | null,
    why: Record<string, unknown> = {},
  ): Promise<void> {
    return mergeContacts(m, {
      keepId,
      mergeId,
      now: this.ctx.clock.now(),
      hooks: this.mergeHooks,
      audit: (details) =>
        this.ctx.audit.record(m, {
          actorUserId,
          action: 'contacts.merged',
          targetType: 'contact',
          targetId: keepId,
          details: { ...details, ...why },
        }),
    });
  }

  /** Adds or removes one tag on many contacts; returns how many actually gained or lost it. */
  async tag(
    actor: Actor | null,
    ids: readonly number[],
    tag: string,
    remove: boolean,
  ): Promise<{ affected: number }> {
    const affected = await this.ctx.tx.run(async (m) => {
      const touched: number[] = [];
      for (const part of chunks([...new Set(ids)])) {
        const tagged = new Set(
          (
            await select<{ contact_id: number }>(
              m,
              `SELECT contact_id FROM contact_tags WHERE tag = ? AND contact_id IN (${marks(part.length)})`,
              [tag, ...part],
            )
          ).map((r) => r.contact_id),
        );
        if (remove) {
          const losing = part.filter((id) => tagged.has(id));
          if (!losing.length) continue;
          await execute(
            m,
            `DELETE FROM contact_tags WHERE tag = ? AND contact_id IN (${marks(losing.length)})`,
            [tag, ...losing],
          );
          touched.push(...losing);
        } else {
          const existing = await select<{ id: number }>(
            m,
            `SELECT id FROM contacts WHERE id IN (${marks(part.length)})`,
            part,
          );
          const gaining = existing.map((r) => r.id).filter((id) => !tagged.has(id));
          await addTags(
            m,
            gaining.map((contactId) => ({ contactId, tag })),
          );
          touched.push(...gaining);
        }
      }
      await refreshSearchDocs(m, touched, this.ctx.clock.now());
      await this.ctx.audit.record(m, {
        actorUserId: actor?.user.id ?? null,
        action: remove ? 'contacts.untagged' : 'contacts.tagged',
        targetType: 'contact',
        details: { tag, affected: touched.length, ids: touched.slice(0, AUDIT_SAMPLE) },
      });
      return touched.length;
    });
    if (affected) this.changed(remove ? 'contacts.untagged' : 'contacts.tagged');
    return { affected };
  }

  /** Deletes contacts with their tags, attributes and list memberships. */
  async delete(actor: Actor | null, ids: readonly number[]): Promise<{ deleted: number }> {
    const deleted = await this.ctx.tx.run(async (m) => {
      const unique = [...new Set(ids)];
      const sample = await loadContacts(m, unique.slice(0, AUDIT_SAMPLE));
      let count = 0;
      for (const part of chunks(unique)) {
        count += await execute(m, `DELETE FROM contacts WHERE id IN (${marks(part.length)})`, part);
      }
      await this.ctx.audit.record(m, {
        actorUserId: actor?.user.id ?? null,
        action: 'contacts.deleted',
        targetType: 'contact',
        details: { deleted: count, sample: sample.map((c) => ({ id: c.id, name: c.name, phone: c.phone })) },
      });
      return count;
    });
    if (deleted) this.changed('contacts.deleted', true);
    return { deleted };
  }

  async tags(): Promise<TagCount[]> {
    const rows = await select<{ tag: string; count: number }>(
      this.ctx.db.manager,
      'SELECT tag, count(*) AS count FROM contact_tags GROUP BY tag ORDER BY tag',
    );
    return rows.map((r) => ({ tag: r.tag, count: r.count }));
  }

  async attributeKeys(): Promise<string[]> {
    const rows = await select<{ key: string }>(
      this.ctx.db.manager,
      'SELECT DISTINCT key FROM contact_attributes ORDER BY key',
    );
    return rows.map((r) => r.key);
  }

  async importPreview(input: ParsedInputOf<'contacts.importPreview'>): Promise<ImportPreview> {
    return previewImport(Buffer.from(input.contentBase64, 'base64'), await this.attributeKeys());
  }

  importCheck(input: ParsedInputOf<'contacts.importCheck'>): Promise<ImportCheck> {
    return this.importer.check({
      content: Buffer.from(input.contentBase64, 'base64'),
      mapping: input.mapping,
      tags: input.tags,
    });
  }

  importRun(actor: Actor | null, input: ParsedInputOf<'contacts.importRun'>): Promise<ImportReport> {
    return this.importer.run(actor, {
      importId: input.importId,
      content: Buffer.from(input.contentBase64, 'base64'),
      mapping: input.mapping,
      listIds: input.listIds,
      tags: input.tags,
      mode: input.mode,
    });
  }

  export(filter: ContactFilter): Promise<CsvExport> {
    return exportContacts(this.ctx, this.search, filter);
  }

  /** What to double-check about a number that is accepted (none for a known range or a refusal). */
  phoneWarnings(raw: string): FieldError[] {
    const phone = checkPhone(raw, this.country);
    return phone ? phoneWarnings(phone) : [];
  }

  private phone(raw: string): CheckedPhone {
    const phone = checkPhone(raw, this.country);
    if (!phone) throw invalidPhone(raw);
    return phone;
  }

  private async assertPhoneFree(m: EntityManager, e164: string, exceptId?: number): Promise<void> {
    const [owner] = await select<{ id: number; name: string }>(
      m,
      'SELECT id, name FROM contacts WHERE phone = ?',
      [e164],
    );
    if (owner && owner.id !== exceptId) throw phoneTaken(e164, owner);
  }

  private async assertUserIdFree(m: EntityManager, userId: string): Promise<void> {
    const [owner] = await select<{ id: number; name: string }>(
      m,
      'SELECT id, name FROM contacts WHERE user_id = ?',
      [userId],
    );
    if (owner) throw userIdTaken(userId, owner);
  }

  private async find(m: ReadManager, id: number): Promise<ContactRow> {
    const row = await m.getRepository(ContactEntity).findOneBy({ id });
    if (!row) throw contactNotFound(id);
    return row;
  }

  private async dto(m: ReadManager, id: number): Promise<ContactDto> {
    const rows: RawContact[] = await loadContacts(m, [id]);
    if (!rows.length) throw contactNotFound(id);
    const [dto] = await toContactDtos(m, rows);
    return dto!;
  }

  private changed(reason: string, listsToo = false): void {
    this.ctx.events.publish('contacts.changed', { reason });
    if (listsToo) this.ctx.events.publish('lists.changed', { reason });
  }
}

function phoneWarnings(phone: CheckedPhone): FieldError[] {
  return phone.warning ? [{ field: 'phone', message: phone.warning }] : [];
}
