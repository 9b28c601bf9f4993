import { IsNull, type EntityManager } from 'typeorm';
import type { CoreEvents } from '@shared/events';
import type { CoreContext } from '../core-context';
import { CampaignEntity, CampaignPauseEntity, type CampaignRow } from '../db/entities/campaign';
import type { ReadManager } from '../db/read-db';
import { findCampaign } from './campaign-dto';
import { assertCan, type CampaignAction } from './campaign-states';

export interface Transition {
  action: CampaignAction;
  /** Null for the runner and the scheduler. */
  actorUserId: number | null;
  /** The new fields (status, times, notice). */
  changes: (row: CampaignRow, now: Date) => Partial<CampaignRow>;
  /** More work in the same transaction (fixing recipients, failing queued rows). */
  alsoIn?: (m: EntityManager, row: CampaignRow, now: Date) => Promise<Record<string, unknown> | void>;
}

/**
 * One state change: checked against the state machine, written, audited, in one transaction, and
 * published once committed. The service (a person) and the runner (WhatsApp's answers, the clock)
 * both change state through here, so the rules cannot drift apart.
 */
export async function transition(ctx: CoreContext, id: number, t: Transition): Promise<CampaignRow> {
  const row = await ctx.tx.run(async (m) => {
    const current = await findCampaign(m, id);
    assertCan(t.action, current.status);
    const now = ctx.clock.now();
    const changes = { ...t.changes(current, now), updatedAt: now };
    await m.getRepository(CampaignEntity).update({ id }, changes);
    const extra = (await t.alsoIn?.(m, current, now)) ?? {};
    const next = { ...current, ...changes };
    await recordPause(m, current, next, now);
    await ctx.audit.record(m, {
      actorUserId: t.actorUserId,
      action: `campaign.${auditVerb(t.action)}`,
      targetType: 'campaign',
      targetId: id,
      details: { from: current.status, to: next.status, notice: next.notice, ...extra },
    });
    return next;
  });
  publishChanged(ctx, row);
  return row;
}

/** Opens a pause when the campaign becomes paused and closes it when it stops being paused. */
async function recordPause(
  m: EntityManager,
  before: CampaignRow,
  after: CampaignRow,
  now: Date,
): Promise<void> {
  const pauses = m.getRepository(CampaignPauseEntity);
  if (before.status !== 'paused' && after.status === 'paused') {
    await pauses.insert({ campaignId: after.id, pausedAt: now, resumedAt: null, reason: after.notice });
  } else if (before.status === 'paused' && after.status !== 'paused') {
    await pauses.update({ campaignId: after.id, resumedAt: IsNull() }, { resumedAt: now });
  }
}

export function publishChanged(ctx: CoreContext, row: Pick<CampaignRow, 'id' | 'status' | 'notice'>): void {
  ctx.events.publish('campaigns.changed', { campaignId: row.id, status: row.status, notice: row.notice });
}

const AUDIT_VERB: Record<CampaignAction, string> = {
  update: 'updated',
  delete: 'deleted',
  schedule: 'scheduled',
  start: 'started',
  pause: 'paused',
  resume: 'resumed',
  cancel: 'cancelled',
  finish: 'finished',
  resolveUnconfirmed: 'unconfirmed_resolved',
};

function auditVerb(action: CampaignAction): string {
  return AUDIT_VERB[action];
}

/** The `campaigns.changed` event of a campaign as it is now; null when it was deleted. */
export async function campaignChangedEvent(
  m: ReadManager,
  id: number,
): Promise<CoreEvents['campaigns.changed'] | null> {
  const row = await m
    .getRepository(CampaignEntity)
    .findOne({ where: { id }, select: { id: true, status: true, notice: true } });
  return row ? { campaignId: row.id, status: row.status, notice: row.notice } : null;
}
