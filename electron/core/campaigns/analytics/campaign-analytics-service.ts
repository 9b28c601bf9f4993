import type { ParsedInputOf } from '@shared/operations';
import type {
  CampaignAnalyticsDto,
  CampaignDto,
  RecipientDto,
  RenderedMessage,
} from '@shared/types/campaigns';
import type { CsvExport, Page } from '@shared/types/contacts';
import type { Actor } from '../../auth/actor';
import type { CoreContext } from '../../core-context';
import type { CampaignRow } from '../../db/entities/campaign';
import { findCampaign } from '../campaign-dto';
import { exportRecipients } from './export-recipients';
import { failuresByCode } from './failures';
import { scanFigures, type FigureScan } from './figures';
import { previewCampaign } from './preview';
import { recipientPage } from './recipient-rows';
import { retarget } from './retarget';
import { planBuckets, timeline } from './timeline';

/** The pace is measured over the last minute of sends. */
const PACE_WINDOW_MS = 60_000;

/**
 * What a campaign did, read from its message rows (never from counters kept on the side, which
 * could drift from the rows): figures and rates, failures by Meta's code, progress and a timeline;
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
    const scan = await scanFigures(m, campaign, since);
    const [failures, series] = await Promise.all([
      failuresByCode(m, id),
      campaign.startedAt
        ? timeline(m, id, planBuckets(campaign.startedAt, timelineEnd(campaign, scan, now)))
        : [],
    ]);
    return {
      campaignId: id,
      status: campaign.status,
      figures: scan.figures,
      failuresByCode: failures,
      progress: progress(campaign, scan, (now.getTime() - since.getTime()) / 1000),
      timeline: series,
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
  scan: FigureScan,
  windowSeconds: number,
): CampaignAnalyticsDto['progress'] {
  const { recipients, queued, sending } = scan.figures;
  const left = queued + sending;
  const perSecond = Math.round((scan.sentSince / windowSeconds) * 100) / 100;
  return {
    done: recipients - left,
    total: recipients,
    perSecond,
    etaSeconds: campaign.status === 'running' && perSecond > 0 ? Math.ceil(left / perSecond) : null,
  };
}

/** Until now while the campaign can still send; receipts keep coming after it ends, so up to the last. */
function timelineEnd(campaign: CampaignRow, scan: FigureScan, now: Date): Date {
  const active = campaign.status === 'running' || campaign.status === 'paused';
  const end = active ? now : (campaign.finishedAt ?? now);
  return scan.lastEventAt && scan.lastEventAt > end ? scan.lastEventAt : end;
}
