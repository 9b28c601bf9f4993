import type { EntityManager } from 'typeorm';
import { AppError } from '@shared/errors';
import type { CampaignDto } from '@shared/types/campaigns';
import type { Actor } from '../../auth/actor';
import type { CoreContext } from '../../core-context';
import { CampaignEntity, CampaignListEntity, type CampaignRow } from '../../db/entities/campaign';
import { listNameTaken } from '../../lists/list-names';
import { insertList } from '../../lists/list-writes';
import { subscribe } from '../../lists/membership';
import { findCampaign, loadCampaignDto } from '../campaign-dto';
import { UNCONFIRMED_QUIET_PERIOD_MS } from '../unconfirmed';
import { eligibleContacts, SELECTION_LABEL, selectContacts, type RetargetSelect } from './retarget-selection';

export interface RetargetInput {
  id: number;
  select: RetargetSelect;
  contactIds: number[];
  name?: string;
}

/** The tag that marks a retarget list, as the product's design names it. */
export const RETARGET_TAG = 'retarget';
const NAME_MAX = 120;

/**
 * From a campaign that has started: a list tagged `retarget`, linked to the campaign, holding the
 * chosen recipients (minus anyone opted out or blocked since), and a draft campaign aimed at it with
 * the same template, number, variables, media header, keywords and pace. One transaction, so a
 * failure leaves neither a list nor a draft behind; audited; lists and campaigns told afterwards.
 *
 * The list is written here rather than through ListService.create, whose own transaction could not
 * run inside this one on SQLite's single connection; the rows and the audit entry are the same.
 */
export async function retarget(
  ctx: CoreContext,
  actor: Actor,
  input: RetargetInput,
): Promise<{ listId: number; campaign: CampaignDto }> {
  const done = await ctx.tx.run(async (m) => {
    const source = await findCampaign(m, input.id);
    if (!source.startedAt || source.status === 'draft' || source.status === 'scheduled') {
      throw new AppError('CONFLICT', 'Only a campaign that has started can be retargeted');
    }
    const chosen = await selectContacts(m, source, input.select, input.contactIds);
    const { eligible, skipped } = await eligibleContacts(m, chosen);
    if (!eligible.length) {
      throw new AppError(
        'VALIDATION',
        chosen.length
          ? 'Everyone in this selection has opted out or is blocked'
          : 'No recipients in this selection',
        {
          fields: [
            { field: input.select === 'manual' ? 'contactIds' : 'select', message: 'Nobody to send to' },
          ],
        },
      );
    }
    const now = ctx.clock.now();
    const label = SELECTION_LABEL[input.select];
    const name = input.name ?? defaultName(source.name, label);
    const listId = await createList(ctx, m, actor, source, await freeListName(m, name), label, eligible, now);
    const notice =
      `Retargets ${eligible.length} recipient${eligible.length === 1 ? '' : 's'} of “${source.name}” (${label})` +
      (skipped ? `; ${skipped} skipped: opted out or blocked.` : '.');
    const inserted = await m.getRepository(CampaignEntity).insert({
      name,
      status: 'draft',
      phoneNumberId: source.phoneNumberId,
      templateId: source.templateId,
      templateName: source.templateName,
      templateLanguage: source.templateLanguage,
      variables: source.variables,
      mediaHeader: source.mediaHeader,
      optOutKeywords: source.optOutKeywords,
      messagesPerSecond: source.messagesPerSecond,
      scheduledAt: null,
      startedAt: null,
      finishedAt: null,
      notice,
      retargetOfCampaignId: source.id,
      createdByUserId: actor.user.id,
      createdAt: now,
      updatedAt: now,
    });
    const campaignId = inserted.identifiers[0]!.id as number;
    await m.getRepository(CampaignListEntity).insert({ campaignId, listId });
    await ctx.audit.record(m, {
      actorUserId: actor.user.id,
      action: 'campaign.retargeted',
      targetType: 'campaign',
      targetId: campaignId,
      details: {
        fromCampaignId: source.id,
        select: input.select,
        listId,
        recipients: eligible.length,
        skipped,
      },
    });
    // A new draft: nothing of it is unconfirmed, whatever the quiet period.
    const quiet = { now, quietMs: UNCONFIRMED_QUIET_PERIOD_MS };
    return { listId, campaign: await loadCampaignDto(m, campaignId, quiet) };
  });
  ctx.events.publish('lists.changed', { reason: 'list.created' });
  ctx.events.publish('contacts.changed', { reason: 'list.contacts_added' });
  ctx.events.publish('campaigns.changed', {
    campaignId: done.campaign.id,
    status: done.campaign.status,
    notice: done.campaign.notice,
  });
  return done;
}

async function createList(
  ctx: CoreContext,
  m: EntityManager,
  actor: Actor,
  source: CampaignRow,
  name: string,
  label: string,
  contactIds: number[],
  now: Date,
): Promise<number> {
  const listId = await insertList(m, {
    name,
    description: `Recipients of “${source.name}”: ${label}`.slice(0, 500),
    tags: [RETARGET_TAG],
    linkedCampaignId: source.id,
    now,
  });
  const added = await subscribe(m, listId, contactIds, now);
  await ctx.audit.record(m, {
    actorUserId: actor.user.id,
    action: 'list.created',
    targetType: 'list',
    targetId: listId,
    details: { name, tags: [RETARGET_TAG], linkedCampaignId: source.id, added },
  });
  return listId;
}

/** "<campaign> — retarget (<selection>)", the campaign's name shortened to keep within 120. */
function defaultName(campaignName: string, label: string): string {
  const suffix = ` — retarget (${label})`;
  const room = NAME_MAX - suffix.length;
  const base = campaignName.length > room ? `${campaignName.slice(0, room - 1)}…` : campaignName;
  return base + suffix;
}

/** List names are unique regardless of case: a second retarget of the same kind gets " 2", " 3"… */
async function freeListName(m: EntityManager, name: string): Promise<string> {
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? '' : ` ${n}`;
    const candidate = name.slice(0, NAME_MAX - suffix.length) + suffix;
    if (!(await listNameTaken(m, candidate))) return candidate;
  }
}
