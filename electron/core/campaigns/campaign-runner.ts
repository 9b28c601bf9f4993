import { AppError } from '@shared/errors';
import type { VariableBinding } from '@shared/types/campaigns';
import type { WhatsAppConnection } from '../connection/whatsapp-connection';
import type { CoreContext } from '../core-context';
import { CampaignEntity, type CampaignRow } from '../db/entities/campaign';
import type { MediaService } from '../media/media-service';
import { phoneNumberById } from '../phone-numbers/phone-number-rows';
import { templateById } from '../templates/template-rows';
import { publishChanged, transition } from './campaign-transition';
import { dueRows, progressOf, remaining, type DueRow } from './due-rows';
import { MessageWriter } from './message-writer';
import { NumberLimiter } from './number-limiter';
import { resolveMediaHeader } from './media-header';
import type { RenderMediaHeader } from './render-message';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy';
import { sendOne, type SendOutcome, type SendSetup } from './send-one';
import { PortfolioWindow } from './tier-limit';
import { holdMarketing, optOutByWhatsApp } from '../contacts/marketing-opt-out';
import { DAY_MS } from '../portfolio/reach';
import { templateHold, TEMPLATE_ERROR_CODES } from './template-hold';

export interface CampaignRunnerOptions extends Partial<RetryPolicy> {
  /** How long a throttle keeps a number at half speed. */
  throttleMs?: number;
  /** How often `campaigns.progress` is published for a running campaign. */
  progressMs?: number;
}

/** What the runner has done since it started, for tests and the benchmark. */
export interface RunnerStats {
  sent: number;
  requeued: number;
  throttled: number;
  failed: number;
  paused: number;
  /** Sends whose fate is unknown (a timeout): left for status webhooks or the user. */
  unconfirmed: number;
}

/** One running campaign's loop: what it has in flight, and a way to wake it early. */
class Drive {
  stopped = false;
  /** Refill the limiter when no more than this many are in flight. */
  lowWater = 4;
  readonly inFlight = new Set<number>();
  readonly jobs = new Set<Promise<unknown>>();
  done: Promise<void> = Promise.resolve();
  private wakeUp: (() => void) | null = null;

  constructor(readonly campaignId: number) {}

  wake(): void {
    this.wakeUp?.();
  }

  sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => this.wake(), ms);
      this.wakeUp = () => {
        clearTimeout(timer);
        this.wakeUp = null;
        resolve();
      };
    });
  }
}

/** Messages a second when neither the campaign nor the number says: Cloud API's default throughput. */
export const DEFAULT_RATE = 80;
const IDLE_RECHECK_MS = 1_000;
/** Rows handed to the limiter at most: half a second at Meta's fastest 1,000 a second. */
const MAX_WINDOW = 500;

/**
 * Sends running campaigns. Each campaign is driven by a loop that pages through its due rows and
 * hands them to its number's limiter, keeping about half a second of work queued there: enough to
 * hold the pace, little enough that memory stays flat at 100,000 recipients and that a pause leaves
 * nothing much to drain.
 */
export class CampaignRunner {
  readonly stats: RunnerStats = { sent: 0, requeued: 0, throttled: 0, failed: 0, paused: 0, unconfirmed: 0 };
  private readonly drives = new Map<number, Drive>();
  private readonly limiters = new Map<string, NumberLimiter>();
  /** The portfolio's messaging limit, shared by every campaign and number. */
  private readonly portfolio: PortfolioWindow;
  private readonly writer: MessageWriter;
  private readonly policy: RetryPolicy;
  private started = false;

  constructor(
    private readonly ctx: CoreContext,
    private readonly whatsapp: WhatsAppConnection | null,
    private readonly media: MediaService | null,
    private readonly options: CampaignRunnerOptions = {},
  ) {
    this.writer = new MessageWriter(ctx);
    this.portfolio = PortfolioWindow.fromDatabase(() => ctx.db.manager);
    this.policy = {
      maxAttempts: options.maxAttempts ?? DEFAULT_RETRY_POLICY.maxAttempts,
      retryBaseMs: options.retryBaseMs ?? DEFAULT_RETRY_POLICY.retryBaseMs,
      throttleRequeueMs: options.throttleRequeueMs ?? DEFAULT_RETRY_POLICY.throttleRequeueMs,
    };
  }

  /** Picks up every campaign left running (after a restart, a crash). */
  async start(): Promise<void> {
    if (this.started || !this.whatsapp) return;
    this.started = true;
    const running = await this.ctx.db.getRepository(CampaignEntity).findBy({ status: 'running' });
    for (const campaign of running) this.wake(campaign.id);
  }

  /** Stops feeding, lets in-flight sends finish and be recorded. Campaigns stay `running` for the next start. */
  async stop(): Promise<void> {
    this.started = false;
    const drives = [...this.drives.values()];
    for (const drive of drives) this.halt(drive.campaignId);
    await Promise.all(drives.map((d) => d.done));
    await this.writer.drain();
    await Promise.all([...this.limiters.values()].map((l) => l.stop()));
    this.limiters.clear();
  }

  /** A campaign became running: drive it (a no-op if it is being driven or the runner is off). */
  wake(campaignId: number): void {
    if (!this.started) return;
    const existing = this.drives.get(campaignId);
    if (existing && !existing.stopped) {
      existing.wake();
      return;
    }
    const previous = existing?.done ?? Promise.resolve();
    const drive = new Drive(campaignId);
    this.drives.set(campaignId, drive);
    // A campaign paused and resumed quickly: the old loop lets go before the new one starts.
    drive.done = previous.then(() => this.drive(drive));
  }

  /** Paused or cancelled: nothing new is sent from now on. */
  halt(campaignId: number): void {
    const drive = this.drives.get(campaignId);
    if (!drive) return;
    drive.stopped = true;
    drive.wake();
  }

  /** Resolves when the campaign is no longer being driven. */
  async idle(campaignId: number): Promise<void> {
    await this.drives.get(campaignId)?.done;
  }

  private async drive(drive: Drive): Promise<void> {
    try {
      const campaign = await this.ctx.db.getRepository(CampaignEntity).findOneBy({ id: drive.campaignId });
      if (!campaign || campaign.status !== 'running' || drive.stopped) return;
      const setup = await this.prepare(drive, campaign);
      if (!setup) return;
      const tier = this.portfolio;
      await tier.refresh(this.ctx.clock.now(), true);
      const keys = attributeKeys(setup.bindings);
      const marketing = setup.template.category === 'MARKETING';
      let lastProgress = 0;
      let lastTemplateCheck = Date.now();
      let waitingNotice = false;
      while (!drive.stopped) {
        if (Date.now() - lastTemplateCheck >= TEMPLATE_CHECK_MS) {
          lastTemplateCheck = Date.now();
          // WhatsApp paused or disabled the template meanwhile (a webhook): stop with its reason.
          const hold = await this.templateHoldOf(campaign.templateId, campaign.templateName);
          if (hold) {
            await this.pause(drive, hold);
            break;
          }
        }
        await tier.refresh(this.ctx.clock.now());
        const window = Math.min(MAX_WINDOW, Math.max(8, Math.ceil(setup.limiter.rate / 2)));
        drive.lowWater = Math.floor(window / 2);
        let fed = 0;
        let tierFull = false;
        if (drive.inFlight.size <= drive.lowWater) {
          const now = this.ctx.clock.now();
          const rows = await dueRows(
            this.ctx.db.manager,
            drive.campaignId,
            now,
            window + drive.inFlight.size,
            keys,
          );
          const chosen: DueRow[] = [];
          for (const row of rows) {
            if (drive.stopped || drive.inFlight.size + chosen.length >= window) break;
            if (drive.inFlight.has(row.id)) continue;
            // Their consent as it is now: a stop pressed during the campaign counts from the next send.
            if (row.optedOut) {
              this.settle(drive, row, () => this.writer.failQueued(row.id, now, OPTED_OUT_TITLE));
              continue;
            }
            const heldUntil = row.marketingHeldUntil;
            if (marketing && heldUntil && heldUntil > now) {
              this.settle(drive, row, () => this.writer.deferQueued(row.id, heldUntil));
              continue;
            }
            const outside = !row.lastInboundAt || now.getTime() - row.lastInboundAt.getTime() >= DAY_MS;
            if (!tier.admits(row.waId, now.getTime(), outside)) {
              tierFull = true;
              continue;
            }
            tier.admit(row.waId, now.getTime(), outside);
            chosen.push(row);
          }
          const batch = setup.limiter.batch;
          for (let i = 0; i < chosen.length; i += batch)
            this.launch(drive, setup, chosen.slice(i, i + batch));
          fed = chosen.length;
        }
        if (Date.now() - lastProgress >= (this.options.progressMs ?? 1_000)) {
          lastProgress = Date.now();
          await this.publishProgress(drive.campaignId);
        }
        if (waitingNotice && fed > 0) {
          waitingNotice = false;
          await this.setNotice(drive.campaignId, null);
        }
        if (fed > 0 || drive.inFlight.size > 0) {
          await drive.sleep(IDLE_RECHECK_MS);
          continue;
        }
        const left = await remaining(this.ctx.db.manager, drive.campaignId);
        if (left.queued === 0 && left.sending === 0) {
          await this.finish(drive.campaignId, left.unconfirmed);
          return;
        }
        if (tierFull && !waitingNotice) {
          waitingNotice = true;
          await this.setNotice(drive.campaignId, waitingForTier(tier.limit, tier.nextRoomAt()));
        }
        const nextAt = left.nextAttemptAt ? Date.parse(`${left.nextAttemptAt.replace(' ', 'T')}Z`) : null;
        const untilNext = nextAt === null ? IDLE_RECHECK_MS : nextAt - this.ctx.clock.now().getTime();
        await drive.sleep(Math.min(IDLE_RECHECK_MS, Math.max(10, untilNext)));
      }
    } catch (error) {
      this.ctx.logger.error(
        `campaign ${drive.campaignId}: the runner stopped on an error: ${error instanceof Error ? error.stack : String(error)}`,
      );
    } finally {
      await Promise.allSettled([...drive.jobs]);
      if (this.drives.get(drive.campaignId) === drive) this.drives.delete(drive.campaignId);
      await this.publishProgress(drive.campaignId).catch(() => undefined);
    }
  }

  /** A row settled without sending (opted out, held): kept out of the next page until written. */
  private settle(drive: Drive, row: DueRow, write: () => Promise<boolean>): void {
    drive.inFlight.add(row.id);
    const job: Promise<unknown> = write()
      .catch((error: unknown) =>
        this.ctx.logger.error(
          `campaign ${drive.campaignId}: message ${row.id}: ${error instanceof Error ? error.message : String(error)}`,
        ),
      )
      .finally(() => {
        drive.inFlight.delete(row.id);
        drive.jobs.delete(job);
      });
    drive.jobs.add(job);
  }

  /** One limiter job: a message, or a few at high rates (see NumberLimiter.batch). */
  private launch(drive: Drive, setup: SendSetup, rows: DueRow[]): void {
    for (const row of rows) drive.inFlight.add(row.id);
    const job: Promise<unknown> = setup.limiter
      .schedule(() =>
        Promise.all(
          rows.map((row) =>
            sendOne(setup, row)
              .then((outcome) => this.count(outcome))
              .catch((error: unknown) =>
                this.ctx.logger.error(
                  `campaign ${drive.campaignId}: message ${row.id}: ${error instanceof Error ? error.message : String(error)}`,
                ),
              ),
          ),
        ),
      )
      .finally(() => {
        for (const row of rows) drive.inFlight.delete(row.id);
        drive.jobs.delete(job);
        if (drive.inFlight.size <= drive.lowWater) drive.wake();
      });
    drive.jobs.add(job);
  }

  private count(outcome: SendOutcome): void {
    if (outcome === 'sent') this.stats.sent += 1;
    else if (outcome === 'requeued') this.stats.requeued += 1;
    else if (outcome === 'throttled') this.stats.throttled += 1;
    else if (outcome === 'failed') this.stats.failed += 1;
    else if (outcome === 'paused') this.stats.paused += 1;
    else if (outcome === 'unconfirmed') this.stats.unconfirmed += 1;
  }

  /** The template, the media header, the number's limiter: what every message of the campaign shares. */
  private async prepare(drive: Drive, campaign: CampaignRow): Promise<SendSetup | null> {
    const whatsapp = this.whatsapp!;
    const template = await templateById(this.ctx.db, campaign.templateId);
    const hold = templateHold(template, campaign.templateName);
    if (!template || hold) {
      await this.pause(drive, hold ?? `Paused: template ${campaign.templateName} is gone.`);
      return null;
    }
    let mediaHeader: RenderMediaHeader | null;
    try {
      mediaHeader = await resolveMediaHeader(this.media, campaign);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      await this.pause(drive, `Paused: the media header cannot be sent. ${reason}`);
      return null;
    }
    const number = await phoneNumberById(this.ctx.db, campaign.phoneNumberId);
    const rate = campaign.messagesPerSecond ?? number?.throughputMps ?? DEFAULT_RATE;
    let limiter = this.limiters.get(campaign.phoneNumberId);
    if (!limiter) {
      limiter = new NumberLimiter(rate, { throttleMs: this.options.throttleMs ?? 10_000 });
      this.limiters.set(campaign.phoneNumberId, limiter);
    } else {
      limiter.setRate(rate);
    }
    return {
      campaignId: campaign.id,
      phoneNumberId: campaign.phoneNumberId,
      template,
      bindings: JSON.parse(campaign.variables) as VariableBinding[],
      mediaHeader,
      whatsapp,
      writer: this.writer,
      limiter,
      clock: this.ctx.clock,
      policy: this.policy,
      stopped: () => drive.stopped,
      pause: (notice, code) => {
        void (async () => {
          // A paused or disabled template: the reason WhatsApp gave, when the webhook told us.
          const hold =
            code !== null && TEMPLATE_ERROR_CODES.includes(code)
              ? await this.templateHoldOf(campaign.templateId, campaign.templateName)
              : null;
          await this.pause(drive, hold ?? notice);
        })();
      },
      consent: {
        optedOut: async (m, contactId, at, detail) => {
          await optOutByWhatsApp(m, this.ctx.audit, contactId, at, detail);
        },
        held: async (m, contactId, until, detail) => {
          await holdMarketing(m, this.ctx.audit, contactId, until, detail);
        },
        changed: () => this.ctx.events.publish('contacts.changed', { reason: 'contact.opt_out' }),
      },
    };
  }

  /** Why the campaign's template may not be sent now (paused, disabled…); null when it may. */
  private async templateHoldOf(templateId: string, templateName: string): Promise<string | null> {
    const template = await templateById(this.ctx.db, templateId);
    return templateHold(template, templateName);
  }

  private async pause(drive: Drive, notice: string): Promise<void> {
    drive.stopped = true;
    drive.wake();
    await transition(this.ctx, drive.campaignId, {
      action: 'pause',
      actorUserId: null,
      changes: () => ({ status: 'paused', notice }),
    }).catch(ignoreConflict);
  }

  private async finish(campaignId: number, unconfirmed: number): Promise<void> {
    await transition(this.ctx, campaignId, {
      action: 'finish',
      actorUserId: null,
      // A notice that it started late stays. Unconfirmed rows do not keep it running: webhooks
      // settle most, and the campaign's unconfirmed figures show the person what is left to decide.
      changes: (_row, now) => ({ status: 'finished', finishedAt: now }),
      alsoIn: async () => ({ unconfirmed }),
    }).catch(ignoreConflict);
  }

  private async setNotice(campaignId: number, notice: string | null): Promise<void> {
    const row = await this.ctx.tx.run(async (m) => {
      await m.getRepository(CampaignEntity).update({ id: campaignId, status: 'running' }, { notice });
      return m.getRepository(CampaignEntity).findOneByOrFail({ id: campaignId });
    });
    publishChanged(this.ctx, row);
  }

  private async publishProgress(campaignId: number): Promise<void> {
    const figures = await progressOf(this.ctx.db.manager, campaignId);
    this.ctx.events.publish('campaigns.progress', { campaignId, ...figures });
  }
}

/** The instant goes in as ISO 8601 (UTC): the screens show it in the organization's zone (formatInstantsIn). */
function waitingForTier(limit: number | null, nextRoomAt: number | null): string {
  const when = nextRoomAt ? ` More can be sent from ${new Date(nextRoomAt).toISOString()}.` : '';
  return (
    `Waiting: the business has reached ${limit ?? 'its'} unique customers outside a conversation in 24 hours, ` +
    `its messaging limit, shared by all its numbers.${when}`
  );
}

/** A campaign message not sent because the customer opted out after the campaign started. */
export const OPTED_OUT_TITLE = 'Not sent: the customer opted out of marketing after the campaign started';

/** How often a running campaign looks whether WhatsApp paused or disabled its template. */
const TEMPLATE_CHECK_MS = 1_000;

function attributeKeys(bindings: readonly VariableBinding[]): string[] {
  return [...new Set(bindings.filter((b) => b.source === 'attribute').map((b) => b.value))];
}

function ignoreConflict(error: unknown): void {
  if (!(error instanceof AppError && error.code === 'CONFLICT')) throw error;
}
