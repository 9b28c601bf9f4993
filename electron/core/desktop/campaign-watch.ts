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
        if (!known) await this.load();
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
      const known = this.campaigns.get(event.payload.campaignId);
      if (!known) return;
      const { sent, failed, queued } = event.payload;
      const accepted = sent > known.sent;
      known.sent = sent;
      known.failed = failed;
      known.total = Math.max(known.total, sent + failed + queued);
      if (accepted) this.hooks.sendsAccepted();
      this.hooks.changed();
    }
  }
}
