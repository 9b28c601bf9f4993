import { defineRule } from './notice';

const count = (n: number) => n.toLocaleString('en');

/** A campaign sent everything it could. */
export const campaignFinished = defineRule({
  kind: 'campaign.finished',
  on: 'campaign.stopped',
  notice: (stopped) =>
    stopped.outcome !== 'finished'
      ? null
      : {
          title: `Campaign “${stopped.name}” finished`,
          body:
            `${count(stopped.sent)} sent` +
            (stopped.failed ? `, ${count(stopped.failed)} failed` : '') +
            (stopped.notice ? `. ${stopped.notice}` : ''),
          route: `/campaigns/${stopped.campaignId}`,
          tag: `campaign-${stopped.campaignId}`,
        },
});

/**
 * A campaign paused itself: WhatsApp refused on account or quality grounds, or the number hit a
 * limit. A pause made by a person carries no notice and is not news to them.
 */
export const campaignPausedItself = defineRule({
  kind: 'campaign.paused',
  on: 'campaign.stopped',
  notice: (stopped) =>
    stopped.outcome !== 'paused' || !stopped.notice
      ? null
      : {
          title: `Campaign “${stopped.name}” paused itself`,
          body: stopped.notice,
          route: `/campaigns/${stopped.campaignId}`,
          tag: `campaign-${stopped.campaignId}`,
        },
});
