import type { ParsedInputOf } from '@shared/operations';
import type {
  CampaignAnalyticsDto,
  CampaignFigures,
  CampaignDto,
  RecipientDto,
  RenderedMessage,
  RetargetSelection,
} from '@shared/types/campaigns';
import type { CsvExport, Page } from '@shared/types/contacts';
import type { Actor } from '../../auth/actor';
import type { CoreContext } from '../../core-context';
import { CampaignPauseEntity, type CampaignRow } from '../../db/entities/campaign';
import { findCampaign } from '../campaign-dto';
import { exportRecipients } from './export-recipients';
import { failuresByCode } from './failures';
import { optedOutAt } from './opt-outs';
import { campaignFigures, lastEventAt, sentSince } from './figures';
import { previewCampaign, previewDraft } from './preview';
import { eligibleContacts, selectContacts } from './retarget-selection';
import { recipientPage } from './recipient-rows';
import { retarget } from './retarget';
import { planBuckets, timeline } from './timeline';

/** The pace is measured over the last minute of sends. */
const PACE_WINDOW_MS = 60_000;
/**
 * A running campaign that sent nothing for this long is waiting (the messaging limit, retries, Meta
 * slowing it down): its pace is 0 and it has no time left to show. At the slowest pace one can set
 * (1 a second) this is ten sends missed. Without it, a campaign that had just reached the limit
 * showed "21 a second · about 4 minutes left" under a notice saying it waits until tomorrow.
 */
const STALLED_AFTER_MS = 10_000;

/**
 * What a campaign did, read from the counters its message rows keep up to date in the transaction
 * of every write (migrations 0021 and 0024; tests recount them from the rows): figures and rates, failures by Meta's code, progress and a timeline;
 * its recipients page by page or as CSV; retargeting some of them; a preview of its message.
 * Reads only, except retarget.
 */
export class CampaignAnalyticsService {
  constructor(private readonly ctx: CoreContext) {}

  async analytics(id: number): Promise<CampaignAnalyticsDto> {
    const m = this.ctx.db.manager;
    const campaign = await findCampaign(m, id);
    const now = this.ctx.clock.now();
    const since = paceWindowStart(campaign, now);
    const plan = campaign.startedAt
      ? planBuckets(
          campaign.startedAt,
          timelineEnd(campaign, await lastEventAt(m, id), now),
          this.ctx.organization.timeZone,
        )
      : null;
    const optOuts = optedOutAt(m, campaign);
    const [figures, recent, lately, failures, series, pauses] = await Promise.all([
      campaignFigures(m, campaign, optOuts),
      sentSince(m, id, since),
      sentSince(m, id, new Date(now.getTime() - STALLED_AFTER_MS)),
      failuresByCode(m, id),
      plan ? timeline(m, campaign, plan, optOuts) : [],
      m.getRepository(CampaignPauseEntity).find({ where: { campaignId: id }, order: { pausedAt: 'ASC' } }),
    ]);
    return {
      campaignId: id,
      status: campaign.status,
      figures,
      failuresByCode: failures,
      progress: progress(
        campaign,
        figures,
        lately > 0 ? recent : 0,
        (now.getTime() - since.getTime()) / 1000,
      ),
      timeline: series,
      bucketSeconds: plan?.sizeSeconds ?? 60,
      pauses: pauses.map((p) => ({
        from: p.pausedAt.toISOString(),
        to: p.resumedAt?.toISOString() ?? null,
        reason: p.reason,
      })),
    };
  }

  async recipients(input: ParsedInputOf<'campaigns.recipients'>): Promise<Page<RecipientDto>> {
    const m = this.ctx.db.manager;
    return recipientPage(m, await findCampaign(m, input.id), input);
  }

  async exportRecipients(input: ParsedInputOf<'campaigns.exportRecipients'>): Promise<CsvExport> {
    const m = this.ctx.db.manager;
    return exportRecipients(m, await findCampaign(m, input.id), input.state, this.ctx.clock.now());
  }

  retarget(
    actor: Actor,
    input: ParsedInputOf<'campaigns.retarget'>,
  ): Promise<{ listId: number; campaign: CampaignDto }> {
    return retarget(this.ctx, actor, input);
  }

  preview(input: ParsedInputOf<'campaigns.preview'>): Promise<RenderedMessage> {
    return previewCampaign(this.ctx.db.manager, input.id, input.contactId);
  }

  previewDraft(input: ParsedInputOf<'campaigns.previewDraft'>): Promise<RenderedMessage> {
    return previewDraft(this.ctx.db.manager, input);
  }

  /**
   * How many each retarget choice would put on its list, by the very selection and eligibility
   * `retarget` uses, so the number a person picks is the number they get.
   */
  async retargetCounts(id: number): Promise<Record<RetargetSelection, number>> {
    const m = this.ctx.db.manager;
    const campaign = await findCampaign(m, id);
    const choices: RetargetSelection[] = ['failed', 'delivered_not_read', 'read_not_replied', 'replied'];
    const counts = await Promise.all(
      choices.map(async (choice) => {
        const chosen = await selectContacts(m, campaign, choice, []);
        return (await eligibleContacts(m, chosen)).eligible.length;
      }),
    );
    return Object.fromEntries(choices.map((c, i) => [c, counts[i]!])) as Record<RetargetSelection, number>;
  }
}

/** The last minute, or less when the campaign started less than a minute ago (else the pace reads low). */
function paceWindowStart(campaign: CampaignRow, now: Date): Date {
  const minuteAgo = now.getTime() - PACE_WINDOW_MS;
  const started = campaign.startedAt?.getTime() ?? minuteAgo;
  // At least a second, so a campaign started this instant does not divide by zero.
  return new Date(Math.min(now.getTime() - 1000, Math.max(minuteAgo, started)));
}

/** Done: every recipient whose message is no longer waiting or on its way (sent, failed, unconfirmed). */
function progress(
  campaign: CampaignRow,
  figures: CampaignFigures,
  sentInWindow: number,
  windowSeconds: number,
): CampaignAnalyticsDto['progress'] {
  const { recipients, queued, sending } = figures;
  const left = queued + sending;
  const perSecond = Math.round((sentInWindow / windowSeconds) * 100) / 100;
  return {
    done: recipients - left,
    total: recipients,
    perSecond,
    etaSeconds: campaign.status === 'running' && perSecond > 0 ? Math.ceil(left / perSecond) : null,
  };
}

/** Until now while the campaign can still send; receipts keep coming after it ends, so up to the last. */
function timelineEnd(campaign: CampaignRow, lastEvent: Date | null, now: Date): Date {
  const active = campaign.status === 'running' || campaign.status === 'paused';
  const end = active ? now : (campaign.finishedAt ?? now);
  return lastEvent && lastEvent > end ? lastEvent : end;
}
