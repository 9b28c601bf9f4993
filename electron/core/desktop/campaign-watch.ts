import type { CoreEvent } from '@shared/events';
import type { CampaignSummaryDto } from '@shared/types/campaigns';
import type { DesktopSignals } from './notifications/notice';

/** A campaign that is sending now, as the tray shows it. */
export interface RunningCampaign {
  id: number;
  name: string;
  /** Messages WhatsApp accepted (sent, delivered or read). */
  sent: number;
  failed: number;
  /** Every recipient, so `(sent + failed) / total` is how far it got. */
  total: number;
}

export interface CampaignWatchSources {
  /** The running campaigns with their figures (the campaign service's list). */
  running(): Promise<CampaignSummaryDto[]>;
  /** A campaign's figures now. */
  figures(campaignId: number): Promise<{ sent: number; failed: number; queued: number }>;
  /** A campaign's name. */
  name(campaignId: number): Promise<string>;
}

export interface CampaignWatchHooks {
  /** A campaign that was running stopped: finished, or paused (by a person or by itself). */
  stopped(stopped: DesktopSignals['campaign.stopped']): void;
  /** WhatsApp accepted more messages (a running campaign's sent count rose). */
  sendsAccepted(): void;
  /** The running list or a figure changed: the tray redraws. */
  changed(): void;
}

/**
 * Which campaigns are running and how far each got, kept from the campaign events after one load
 * at start. Seeing a campaign go from running to something else is what tells "it finished" from a
 * finished campaign touched again (a user settling its unconfirmed rows publishes `finished` too).
 * Events must be handed in the order they were published (the monitor queues them).
 */
export class CampaignWatch {
  private readonly campaigns = new Map<number, RunningCampaign>();
  /**
   * The last sent count seen of every campaign that reported progress, running or not: a small
   * campaign can finish before its start is handled, and its last progress comes after the finish.
   */
  private readonly sentSeen = new Map<number, number>();

  constructor(
    private readonly sources: CampaignWatchSources,
    private readonly hooks: CampaignWatchHooks,
  ) {}

  async load(): Promise<void> {
    const running = await this.sources.running();
    this.campaigns.clear();
    for (const c of running) {
      this.campaigns.set(c.id, {
        id: c.id,
        name: c.name,
        sent: c.sent,
        failed: c.failed,
        total: c.recipients,
      });
      // What was sent before this load is not news.
      if (!this.sentSeen.has(c.id)) this.sentSeen.set(c.id, c.sent);
    }
    this.hooks.changed();
  }

  list(): RunningCampaign[] {
    return [...this.campaigns.values()].sort((a, b) => a.id - b.id);
  }

  async handle(event: CoreEvent): Promise<void> {
    if (event.name === 'campaigns.changed') {
      const { campaignId, status, notice } = event.payload;
      const known = this.campaigns.get(campaignId);
      if (status === 'running') {
        if (!known) await this.started(campaignId);
        return;
      }
      if (!known) return;
      this.campaigns.delete(campaignId);
      this.hooks.changed();
      if (status === 'finished' || status === 'paused') {
        const figures = await this.sources.figures(campaignId).catch(() => known);
        this.hooks.stopped({
          campaignId,
          name: known.name,
          outcome: status,
          notice,
          sent: figures.sent,
          failed: figures.failed,
        });
      }
    } else if (event.name === 'campaigns.progress') {
      const { campaignId, sent, failed, queued } = event.payload;
      const before = this.sentSeen.get(campaignId) ?? 0;
      this.sentSeen.set(campaignId, Math.max(before, sent));
      if (sent > before) this.hooks.sendsAccepted();
      const known = this.campaigns.get(campaignId);
      if (!known) return;
      known.sent = sent;
      known.failed = failed;
      known.total = Math.max(known.total, sent + failed + queued);
      this.hooks.changed();
    }
  }

  /**
   * A campaign started or resumed: known at once, from its own row rather than the running list,
   * which a quick campaign may already have left by the time it is read.
   */
  private async started(campaignId: number): Promise<void> {
    const [name, figures] = await Promise.all([
      this.sources.name(campaignId).catch(() => `Campaign ${campaignId}`),
      this.sources.figures(campaignId).catch(() => ({ sent: 0, failed: 0, queued: 0 })),
    ]);
    this.campaigns.set(campaignId, {
      id: campaignId,
      name,
      sent: figures.sent,
      failed: figures.failed,
      total: figures.sent + figures.failed + figures.queued,
    });
    if (!this.sentSeen.has(campaignId)) this.sentSeen.set(campaignId, 0);
    this.hooks.changed();
  }
}
