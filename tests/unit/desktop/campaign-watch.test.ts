import { describe, expect, it } from 'vitest';
import type { CoreEvent } from '@shared/events';
import type { CampaignSummaryDto } from '@shared/types/campaigns';
import { CampaignWatch } from '../../../electron/core/desktop/campaign-watch';
import type { DesktopSignals } from '../../../electron/core/desktop/notifications/notice';

function watchWith(running: Partial<CampaignSummaryDto>[], figures = { sent: 6, failed: 0, queued: 0 }) {
  const stopped: DesktopSignals['campaign.stopped'][] = [];
  let accepted = 0;
  const watch = new CampaignWatch(
    {
      running: async () => running as CampaignSummaryDto[],
      figures: async () => figures,
      name: async (id) => `Campaign ${id}`,
    },
    { stopped: (s) => stopped.push(s), sendsAccepted: () => (accepted += 1), changed: () => undefined },
  );
  return { watch, stopped, accepted: () => accepted };
}

const changed = (campaignId: number, status: string, notice: string | null = null): CoreEvent => ({
  name: 'campaigns.changed',
  payload: { campaignId, status, notice },
});
const progress = (campaignId: number, sent: number, queued = 0): CoreEvent => ({
  name: 'campaigns.progress',
  payload: { campaignId, sent, failed: 0, queued },
});

describe('CampaignWatch', () => {
  it('a campaign so quick it finished before its start was handled still counts: finished, and sends accepted', async () => {
    // By the time the start is handled, the campaign has already left the running list.
    const { watch, stopped, accepted } = watchWith([]);
    await watch.load();
    await watch.handle(changed(7, 'running'));
    expect(watch.list().map((c) => c.id)).toEqual([7]);
    await watch.handle(changed(7, 'finished'));
    await watch.handle(progress(7, 6));
    expect(stopped).toEqual([
      { campaignId: 7, name: 'Campaign 7', outcome: 'finished', notice: null, sent: 6, failed: 0 },
    ]);
    expect(accepted()).toBe(1);
    expect(watch.list()).toEqual([]);
  });

  it('what was sent before the app started is not counted as new sends; what follows is', async () => {
    const { watch, accepted } = watchWith([
      { id: 3, name: 'Resumed', sent: 500, failed: 2, recipients: 1000 },
    ]);
    await watch.load();
    await watch.handle(progress(3, 500, 498));
    expect(accepted()).toBe(0);
    await watch.handle(progress(3, 510, 488));
    expect(accepted()).toBe(1);
    expect(watch.list()).toEqual([{ id: 3, name: 'Resumed', sent: 510, failed: 0, total: 1000 }]);
  });

  it('a finished campaign published again (its unconfirmed rows settled) is not a second finish', async () => {
    const { watch, stopped } = watchWith([]);
    await watch.handle(changed(4, 'finished'));
    await watch.handle(changed(4, 'cancelled'));
    expect(stopped).toEqual([]);
  });

  it('a running campaign whose notice changes stays running, once', async () => {
    const { watch, stopped } = watchWith([]);
    await watch.handle(changed(5, 'running'));
    await watch.handle(changed(5, 'running', 'Waiting: this number has reached its limit'));
    expect(watch.list()).toHaveLength(1);
    await watch.handle(changed(5, 'paused', 'WhatsApp refused: 131048'));
    expect(stopped[0]).toMatchObject({ outcome: 'paused', notice: 'WhatsApp refused: 131048' });
  });
});
