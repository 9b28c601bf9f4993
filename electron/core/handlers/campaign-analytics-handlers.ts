import type { CampaignAnalyticsService } from '../campaigns/analytics/campaign-analytics-service';
import { actorOf, type HandlerMap } from '../dispatcher/handler';

type CampaignAnalyticsHandlers = Pick<
  HandlerMap,
  | 'campaigns.analytics'
  | 'campaigns.recipients'
  | 'campaigns.exportRecipients'
  | 'campaigns.retarget'
  | 'campaigns.preview'
  | 'campaigns.previewDraft'
  | 'campaigns.retargetCounts'
>;

/** Campaign figures, recipients, retargeting and the preview; the lifecycle has its own handlers. */
export function campaignAnalyticsHandlers(analytics: CampaignAnalyticsService): CampaignAnalyticsHandlers {
  return {
    'campaigns.analytics': (input) => analytics.analytics(input.id),
    'campaigns.recipients': (input) => analytics.recipients(input),
    'campaigns.exportRecipients': (input) => analytics.exportRecipients(input),
    'campaigns.retarget': (input, c) => analytics.retarget(actorOf(c), input),
    'campaigns.preview': (input) => analytics.preview(input),
    'campaigns.previewDraft': (input) => analytics.previewDraft(input),
    'campaigns.retargetCounts': (input) => analytics.retargetCounts(input.id),
  };
}
