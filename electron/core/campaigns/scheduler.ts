import type { CoreContext } from '../core-context';
import { sqlDate } from '../db/sql';

/**
 * Starts scheduled campaigns when their time comes: a timer looks for due ones every few seconds
 * (a timer per campaign would not survive a restart or a clock change). One that fell due while the
 * app was closed starts at the next launch, and says so.
 */
export class CampaignScheduler {
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> | null = null;
  /** When this run of the app began looking; anything due before then was missed while closed. */
  private since: Date | null = null;

  constructor(
    private readonly ctx: CoreContext,
    private readonly startDue: (campaignId: number, lateNotice: string | null) => Promise<void>,
    private readonly tickMs = 2_000,
  ) {}

  start(): void {
    if (this.timer) return;
    this.since = this.ctx.clock.now();
    this.timer = setInterval(() => void this.tick(), this.tickMs);
    this.timer.unref();
    void this.tick();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.ticking;
  }

  /** Starts what is due now; resolves when done (tests call it to skip the wait). */
  tick(): Promise<void> {
    this.ticking ??= this.run().finally(() => {
      this.ticking = null;
    });
    return this.ticking;
  }

  private async run(): Promise<void> {
    const now = this.ctx.clock.now();
    const due = (await this.ctx.db.query(
      `SELECT id, scheduled_at AS scheduledAt FROM campaigns
        WHERE status = 'scheduled' AND scheduled_at <= ? ORDER BY scheduled_at`,
      [sqlDate(now)],
    )) as { id: number; scheduledAt: string }[];
    for (const campaign of due) {
      const at = new Date(`${campaign.scheduledAt.replace(' ', 'T')}Z`);
      const missed = this.since !== null && at < this.since;
      const notice = missed
        ? `Started late: it was due at ${at.toISOString()}, when the app was not running.`
        : null;
      try {
        await this.startDue(campaign.id, notice);
      } catch (error) {
        this.ctx.logger.error(
          `scheduled campaign ${campaign.id} could not start: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
  }
}
