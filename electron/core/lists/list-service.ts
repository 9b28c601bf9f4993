import type { EntityManager } from 'typeorm';
import { AppError } from '@shared/errors';
import type { ParsedInputOf } from '@shared/operations';
import type { ListDto, ListMemberDto, Page } from '@shared/types/contacts';
import type { Actor } from '../auth/actor';
import { chunks, execute, marks, select, sqlDate } from '../db/sql';
import type { CoreContext } from '../core-context';
import { ListEntity, type ListRow } from '../db/entities/list';
import { memberPage } from './member-query';
import { PageMemory } from '../contacts/page-memory';
import { insertList } from './list-writes';
import { subscribe, unsubscribe } from './membership';
import type { ReadManager } from '../db/read-db';
import { optedIn } from '../contacts/opted-in-contacts';

type CreateInput = ParsedInputOf<'lists.create'>;
type UpdateInput = ParsedInputOf<'lists.update'>;

interface Counts {
  subscribed: number;
  unsubscribed: number;
}

/** How many contact ids an audit entry lists; the count is always complete. */
const AUDIT_SAMPLE = 50;

export class ListService {
  /** The member pages read so far, so a big list's deep pages seek (contacts/page-memory.ts). */
  private readonly memberPages: PageMemory;

  constructor(private readonly ctx: CoreContext) {
    this.memberPages = new PageMemory(ctx.clock, ctx.events);
  }

  async list(): Promise<ListDto[]> {
    const m = this.ctx.db.manager;
    const [lists, counts] = await Promise.all([m.getRepository(ListEntity).find(), this.counts(m, null)]);
    return lists
      .sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }))
      .map((l) => toListDto(l, counts.get(l.id)));
  }

  async get(id: number): Promise<ListDto> {
    const m = this.ctx.db.manager;
    const list = await this.find(m, id);
    return toListDto(list, (await this.counts(m, id)).get(id));
  }

  /** `linkedCampaignId` is for the campaign runner's retarget lists; the UI never sets it. */
  async create(
    actor: Actor | null,
    input: CreateInput,
    linkedCampaignId: number | null = null,
  ): Promise<ListDto> {
    const id = await this.ctx.tx.run(async (m) => {
      await this.assertNameFree(m, input.name);
      const now = this.ctx.clock.now();
      const listId = await insertList(m, {
        name: input.name,
        description: input.description,
        tags: input.tags,
        linkedCampaignId,
        now,
      });
      await this.audit(m, actor, 'list.created', listId, {
        name: input.name,
        tags: input.tags,
        linkedCampaignId,
      });
      return listId;
    });
    this.ctx.events.publish('lists.changed', { reason: 'list.created' });
    return this.get(id);
  }

  async update(actor: Actor | null, input: UpdateInput): Promise<ListDto> {
    await this.ctx.tx.run(async (m) => {
      const list = await this.find(m, input.id);
      if (input.name !== undefined && input.name !== list.name)
        await this.assertNameFree(m, input.name, list.id);
      const changes: Partial<ListRow> = { updatedAt: this.ctx.clock.now() };
      if (input.name !== undefined) changes.name = input.name;
      if (input.description !== undefined) changes.description = input.description;
      if (input.tags !== undefined) changes.tags = [...new Set(input.tags)];
      await m.getRepository(ListEntity).update({ id: list.id }, changes);
      await this.audit(m, actor, 'list.updated', list.id, {
        name: input.name,
        description: input.description,
        tags: input.tags,
      });
    });
    this.ctx.events.publish('lists.changed', { reason: 'list.updated' });
    return this.get(input.id);
  }

  /** Deletes the list and its memberships; the contacts themselves stay. */
  async delete(actor: Actor | null, id: number): Promise<void> {
    await this.ctx.tx.run(async (m) => {
      const list = await this.find(m, id);
      const counts = (await this.counts(m, id)).get(id);
      await m.getRepository(ListEntity).delete({ id });
      await this.audit(m, actor, 'list.deleted', id, { name: list.name, ...counts });
    });
    this.ctx.events.publish('lists.changed', { reason: 'list.deleted' });
    this.ctx.events.publish('contacts.changed', { reason: 'list.deleted' });
  }

  async members(input: ParsedInputOf<'lists.members'>): Promise<Page<ListMemberDto>> {
    await this.find(this.ctx.db.manager, input.listId);
    return memberPage(this.ctx.db.manager, input, this.memberPages);
  }

  /** Adds contacts, resubscribing those who had left. Opted-out contacts are not (re)subscribed. */
  async addContacts(
    actor: Actor | null,
    listId: number,
    contactIds: readonly number[],
  ): Promise<{ added: number }> {
    const added = await this.ctx.tx.run(async (m) => {
      await this.find(m, listId);
      const changed = await subscribe(m, listId, contactIds, this.ctx.clock.now());
      await this.audit(m, actor, 'list.contacts_added', listId, {
        added: changed,
        requested: contactIds.length,
        contactIds: contactIds.slice(0, AUDIT_SAMPLE),
      });
      return changed;
    });
    if (added) this.membershipChanged('list.contacts_added');
    return { added };
  }

  /** Takes contacts off the list altogether: no trace that they were on it (unlike unsubscribing). */
  async removeContacts(
    actor: Actor | null,
    listId: number,
    contactIds: readonly number[],
  ): Promise<{ removed: number }> {
    const removed = await this.ctx.tx.run(async (m) => {
      await this.find(m, listId);
      let count = 0;
      for (const part of chunks([...new Set(contactIds)])) {
        count += await execute(
          m,
          `DELETE FROM list_members WHERE list_id = ? AND contact_id IN (${marks(part.length)})`,
          [listId, ...part],
        );
      }
      await this.audit(m, actor, 'list.contacts_removed', listId, {
        removed: count,
        contactIds: contactIds.slice(0, AUDIT_SAMPLE),
      });
      return count;
    });
    if (removed) this.membershipChanged('list.contacts_removed');
    return { removed };
  }

  /**
   * Unsubscribes members (they stay on the list, marked unsubscribed with the date) or resubscribes
   * them. Only members are affected; an opted-out contact is never resubscribed.
   */
  async setSubscription(
    actor: Actor | null,
    listId: number,
    contactIds: readonly number[],
    subscribed: boolean,
  ): Promise<{ affected: number }> {
    const affected = await this.ctx.tx.run(async (m) => {
      await this.find(m, listId);
      const now = this.ctx.clock.now();
      let count = 0;
      if (!subscribed) {
        count = await unsubscribe(m, listId, contactIds, now);
      } else {
        const eligible = optedIn('contact_id');
        for (const part of chunks([...new Set(contactIds)])) {
          count += await execute(
            m,
            `UPDATE list_members SET subscribed = 1, subscribed_at = ?, unsubscribed_at = NULL
             WHERE list_id = ? AND subscribed = 0 AND contact_id IN (${marks(part.length)})
               AND ${eligible.sql}`,
            [sqlDate(now), listId, ...part, ...eligible.params],
          );
        }
      }
      await this.audit(m, actor, subscribed ? 'list.resubscribed' : 'list.unsubscribed', listId, {
        affected: count,
        contactIds: contactIds.slice(0, AUDIT_SAMPLE),
      });
      return count;
    });
    if (affected) this.membershipChanged(subscribed ? 'list.resubscribed' : 'list.unsubscribed');
    return { affected };
  }

  /** Subscribed and unsubscribed members per list (one list, or all), from the list_members_state index. */
  private async counts(m: ReadManager, listId: number | null): Promise<Map<number, Counts>> {
    const rows = await select<{ list_id: number; subscribed: number; n: number }>(
      m,
      `SELECT list_id, subscribed, count(*) AS n FROM list_members
       ${listId === null ? '' : 'WHERE list_id = ?'} GROUP BY list_id, subscribed`,
      listId === null ? [] : [listId],
    );
    const counts = new Map<number, Counts>();
    for (const row of rows) {
      const c = counts.get(row.list_id) ?? { subscribed: 0, unsubscribed: 0 };
      if (row.subscribed === 1) c.subscribed += row.n;
      else c.unsubscribed += row.n;
      counts.set(row.list_id, c);
    }
    return counts;
  }

  private async find(m: ReadManager, id: number): Promise<ListRow> {
    const list = await m.getRepository(ListEntity).findOneBy({ id });
    if (!list) throw new AppError('NOT_FOUND', `No list with id ${id}`);
    return list;
  }

  private async assertNameFree(m: EntityManager, name: string, exceptId?: number): Promise<void> {
    // The column is COLLATE NOCASE: "VIP" and "vip" would clash on insert, so they clash here.
    const [clash] = await select<{ id: number }>(m, 'SELECT id FROM lists WHERE name = ? COLLATE NOCASE', [
      name,
    ]);
    if (clash && clash.id !== exceptId) {
      throw new AppError('CONFLICT', `A list named “${name}” exists already`, {
        fields: [{ field: 'name', message: 'Already taken' }],
      });
    }
  }

  private audit(
    m: EntityManager,
    actor: Actor | null,
    action: string,
    listId: number,
    details: Record<string, unknown>,
  ): Promise<void> {
    return this.ctx.audit.record(m, {
      actorUserId: actor?.user.id ?? null,
      action,
      targetType: 'list',
      targetId: listId,
      details,
    });
  }

  private membershipChanged(reason: string): void {
    this.ctx.events.publish('lists.changed', { reason });
    this.ctx.events.publish('contacts.changed', { reason });
  }
}

function toListDto(list: ListRow, counts: Counts | undefined): ListDto {
  return {
    id: list.id,
    name: list.name,
    description: list.description,
    tags: list.tags,
    linkedCampaignId: list.linkedCampaignId,
    subscribedCount: counts?.subscribed ?? 0,
    unsubscribedCount: counts?.unsubscribed ?? 0,
    createdAt: list.createdAt.toISOString(),
    updatedAt: list.updatedAt.toISOString(),
  };
}
