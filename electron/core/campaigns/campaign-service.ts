import { AppError } from '@shared/errors';
import type { ParsedInputOf } from '@shared/operations';
import type {
  CampaignDto,
  CampaignEstimateDto,
  CampaignSummaryDto,
  MediaHeader,
  TestSendDto,
} from '@shared/types/campaigns';
import type { MessageDto } from '@shared/types/messages';
import type { Actor } from '../auth/actor';
import type { WhatsAppConnection } from '../connection/whatsapp-connection';
import type { CoreContext } from '../core-context';
import { CampaignEntity, CampaignListEntity, type CampaignRow } from '../db/entities/campaign';
import type { MediaService } from '../media/media-service';
import { detachFromCampaign, failQueuedOfCampaign } from '../messaging/campaign-bulk-writes';
import { queuedCount } from '../messaging/campaign-queue';
import { latestTestSends } from '../messaging/campaign-test-sends';
import { failUnconfirmedOfCampaign, requeueUnconfirmedOfCampaign } from '../messaging/campaign-unconfirmed';
import { phoneNumberById } from '../phone-numbers/phone-number-rows';
import { listCampaignSummaries, loadCampaignDto, findCampaign, listIdsOf } from './campaign-dto';
import { CampaignRunner, DEFAULT_RATE, type CampaignRunnerOptions } from './campaign-runner';
import { tierLimit } from './tier-limit';
import { assertCan } from './campaign-states';
import { publishChanged, transition } from './campaign-transition';
import { fixRecipients, plannedRecipients } from './fix-recipients';
import { CampaignScheduler } from './scheduler';
import { sendTestMessage } from './test-send';
import {
  cutoffOf,
  tooEarlyToResend,
  UNCONFIRMED_QUIET_PERIOD_MS,
  unconfirmedOf,
  type QuietPolicy,
} from './unconfirmed';
import { validateCampaign } from './validate-campaign';

type CreateInput = ParsedInputOf<'campaigns.create'>;
type UpdateInput = ParsedInputOf<'campaigns.update'>;

export interface CampaignServiceOptions extends CampaignRunnerOptions {
  /** How often the scheduler looks for due campaigns. */
  schedulerTickMs?: number;
  /** How long an unconfirmed message must stay without any status before it may be sent again. */
  unconfirmedQuietMs?: number;
}

const CANCELLED_TITLE = 'Not sent: the campaign was cancelled';
const UNCONFIRMED_FAILED_TITLE =
  'Counted as failed: WhatsApp never said whether it got it, and you chose not to send it again';

/**
 * Campaigns from draft to finished. Every change is checked against the state machine
 * (campaign-states.ts), audited and published as `campaigns.changed`; the runner and the scheduler
 * do the sending and the waking.
 */
/** How long Pause and Cancel wait for requests in flight (the client's own timeout is 30 s). */
const IN_FLIGHT_WAIT_MS = 10_000;

export class CampaignService {
  readonly runner: CampaignRunner;
  readonly scheduler: CampaignScheduler;
  private readonly quietMs: number;

  constructor(
    private readonly ctx: CoreContext,
    private readonly whatsapp: WhatsAppConnection | null,
    private readonly media: MediaService | null,
    options: CampaignServiceOptions = {},
  ) {
    this.quietMs = options.unconfirmedQuietMs ?? UNCONFIRMED_QUIET_PERIOD_MS;
    this.runner = new CampaignRunner(ctx, whatsapp, media, options);
    this.scheduler = new CampaignScheduler(
      ctx,
      (id, notice) => this.startDue(id, notice),
      options.schedulerTickMs ?? 2_000,
    );
  }

  /** With the public side: resume what was running, then start what falls due. */
  async startSending(): Promise<void> {
    if (!this.whatsapp) return;
    await this.runner.start();
    this.scheduler.start();
  }

  async stopSending(): Promise<void> {
    await this.scheduler.stop();
    await this.runner.stop();
  }

  list(input: ParsedInputOf<'campaigns.list'>): Promise<CampaignSummaryDto[]> {
    return listCampaignSummaries(this.ctx.db.manager, input.status, this.quiet());
  }

  get(id: number): Promise<CampaignDto> {
    return loadCampaignDto(this.ctx.db.manager, id, this.quiet());
  }

  /** Unconfirmed messages may be sent again once they have been quiet this long, as of now. */
  quiet(): QuietPolicy {
    return { now: this.ctx.clock.now(), quietMs: this.quietMs };
  }

  async create(actor: Actor, input: CreateInput): Promise<CampaignDto> {
    const template = await validateCampaign(this.ctx, this.whatsapp, input);
    const id = await this.ctx.tx.run(async (m) => {
      const now = this.ctx.clock.now();
      const result = await m.getRepository(CampaignEntity).insert({
        name: input.name,
        status: 'draft',
        phoneNumberId: input.phoneNumberId,
        templateId: template.id,
        templateName: template.name,
        templateLanguage: template.language,
        variables: JSON.stringify(input.variables),
        mediaHeader: input.mediaHeader ? JSON.stringify(input.mediaHeader) : null,
        optOutKeywords: JSON.stringify(input.optOutKeywords),
        messagesPerSecond: input.messagesPerSecond,
        scheduledAt: null,
        startedAt: null,
        finishedAt: null,
        notice: null,
        retargetOfCampaignId: null,
        createdByUserId: actor.user.id,
        createdAt: now,
        updatedAt: now,
      });
      const id = result.identifiers[0]!.id as number;
      await this.setLists(id, input.listIds, m);
      await this.ctx.audit.record(m, {
        actorUserId: actor.user.id,
        action: 'campaign.created',
        targetType: 'campaign',
        targetId: id,
        details: { name: input.name, template: template.name, lists: input.listIds },
      });
      return id;
    });
    return this.changed(id);
  }

  async update(actor: Actor, input: UpdateInput): Promise<CampaignDto> {
    const current = await findCampaign(this.ctx.db.manager, input.id);
    assertCan('update', current.status);
    const settings = {
      phoneNumberId: input.phoneNumberId ?? current.phoneNumberId,
      templateId: input.templateId ?? current.templateId,
      listIds: input.listIds ?? (await listIdsOf(this.ctx.db.manager, input.id)),
      variables: input.variables ?? JSON.parse(current.variables),
      mediaHeader:
        input.mediaHeader === undefined
          ? current.mediaHeader
            ? (JSON.parse(current.mediaHeader) as MediaHeader)
            : null
          : input.mediaHeader,
    };
    const template = await validateCampaign(this.ctx, this.whatsapp, settings);
    await transition(this.ctx, input.id, {
      action: 'update',
      actorUserId: actor.user.id,
      changes: (row) => ({
        name: input.name ?? row.name,
        phoneNumberId: settings.phoneNumberId,
        templateId: template.id,
        templateName: template.name,
        templateLanguage: template.language,
        variables: JSON.stringify(settings.variables),
        mediaHeader: settings.mediaHeader ? JSON.stringify(settings.mediaHeader) : null,
        optOutKeywords: input.optOutKeywords ? JSON.stringify(input.optOutKeywords) : row.optOutKeywords,
        messagesPerSecond:
          input.messagesPerSecond === undefined ? row.messagesPerSecond : input.messagesPerSecond,
      }),
      alsoIn: async (m) => {
        if (input.listIds) await this.setLists(input.id, input.listIds, m);
        return { fields: Object.keys(input).filter((k) => k !== 'id') };
      },
    });
    return this.get(input.id);
  }

  async delete(actor: Actor, id: number): Promise<void> {
    const row = await this.ctx.tx.run(async (m) => {
      const current = await findCampaign(m, id);
      assertCan('delete', current.status);
      await m.getRepository(CampaignListEntity).delete({ campaignId: id });
      // Test sends stay in their conversations; they just no longer point at a campaign.
      await detachFromCampaign(m, id);
      await m.getRepository(CampaignEntity).delete({ id });
      await this.ctx.audit.record(m, {
        actorUserId: actor.user.id,
        action: 'campaign.deleted',
        targetType: 'campaign',
        targetId: id,
        details: { name: current.name },
      });
      return current;
    });
    publishChanged(this.ctx, { id: row.id, status: 'deleted' as CampaignRow['status'], notice: null });
  }

  async duplicate(actor: Actor, id: number): Promise<CampaignDto> {
    const source = await findCampaign(this.ctx.db.manager, id);
    const listIds = await listIdsOf(this.ctx.db.manager, id);
    const copyId = await this.ctx.tx.run(async (m) => {
      const now = this.ctx.clock.now();
      const result = await m.getRepository(CampaignEntity).insert({
        ...source,
        id: undefined,
        name: `${source.name} (copy)`.slice(0, 120),
        status: 'draft',
        scheduledAt: null,
        startedAt: null,
        finishedAt: null,
        notice: null,
        createdByUserId: actor.user.id,
        createdAt: now,
        updatedAt: now,
      });
      const copyId = result.identifiers[0]!.id as number;
      await this.setLists(copyId, listIds, m);
      await this.ctx.audit.record(m, {
        actorUserId: actor.user.id,
        action: 'campaign.duplicated',
        targetType: 'campaign',
        targetId: copyId,
        details: { from: id },
      });
      return copyId;
    });
    return this.changed(copyId);
  }

  async schedule(actor: Actor, id: number, at: string): Promise<CampaignDto> {
    const when = new Date(at);
    if (when.getTime() <= this.ctx.clock.now().getTime()) {
      throw new AppError('VALIDATION', 'Choose a time in the future', {
        fields: [{ field: 'at', message: 'Choose a time in the future' }],
      });
    }
    await transition(this.ctx, id, {
      action: 'schedule',
      actorUserId: actor.user.id,
      changes: () => ({ status: 'scheduled', scheduledAt: when, notice: null }),
    });
    return this.get(id);
  }

  start(actor: Actor, id: number): Promise<CampaignDto> {
    return this.begin(id, actor.user.id, null);
  }

  /** The scheduler's way in: on time, or late with a notice saying when it was due. */
  async startDue(id: number, lateNotice: string | null): Promise<void> {
    await this.begin(id, null, lateNotice);
  }

  async pause(actor: Actor, id: number): Promise<CampaignDto> {
    await transition(this.ctx, id, {
      action: 'pause',
      actorUserId: actor.user.id,
      changes: () => ({ status: 'paused', notice: null }),
    });
    await this.letGo(id);
    return this.get(id);
  }

  async resume(actor: Actor, id: number): Promise<CampaignDto> {
    this.connected();
    await transition(this.ctx, id, {
      action: 'resume',
      actorUserId: actor.user.id,
      changes: () => ({ status: 'running', notice: null }),
    });
    this.runner.wake(id);
    return this.get(id);
  }

  async cancel(actor: Actor, id: number): Promise<CampaignDto> {
    await transition(this.ctx, id, {
      action: 'cancel',
      actorUserId: actor.user.id,
      changes: (_row, now) => ({ status: 'cancelled', finishedAt: now }),
      alsoIn: async (m, _row, now) => ({ notSent: await failQueuedOfCampaign(m, id, now, CANCELLED_TITLE) }),
    });
    await this.letGo(id);
    return this.get(id);
  }

  /**
   * Nothing new is sent from now on, and the answer waits (a bounded time) for the sends already
   * in flight to be answered and recorded: when the page says Paused, nothing more goes out and
   * its figures are final. A network that never answers still lets the person go after the bound.
   */
  private async letGo(id: number): Promise<void> {
    this.runner.halt(id);
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, IN_FLIGHT_WAIT_MS);
    });
    await Promise.race([this.runner.idle(id), bound]);
    clearTimeout(timer);
  }

  /**
   * The person decides about unconfirmed messages. Counting them failed (the safe choice) takes
   * every one. Sending again takes only those quiet for the whole quiet period, and is refused,
   * saying from when, while none is: one Meta accepted would reach its customer twice.
   */
  async resolveUnconfirmed(actor: Actor, id: number, action: 'resend' | 'fail'): Promise<CampaignDto> {
    if (action === 'resend') this.connected();
    const quiet = this.quiet();
    const row = await transition(this.ctx, id, {
      action: 'resolveUnconfirmed',
      actorUserId: actor.user.id,
      // Sending again reopens a finished campaign: there is something to send.
      changes: (current) =>
        action === 'resend' && current.status === 'finished' ? { status: 'running', finishedAt: null } : {},
      alsoIn: async (m, _row, now) => {
        if (action === 'fail') {
          const messages = await failUnconfirmedOfCampaign(m, id, now, UNCONFIRMED_FAILED_TITLE);
          return { action, messages };
        }
        const unconfirmed = await unconfirmedOf(m, id, quiet);
        if (!unconfirmed) throw new AppError('CONFLICT', 'No message of this campaign is unconfirmed');
        if (unconfirmed.resendable === 0) {
          throw tooEarlyToResend(unconfirmed, this.ctx.config.organization.time_zone);
        }
        const messages = await requeueUnconfirmedOfCampaign(m, id, cutoffOf(quiet));
        return { action, messages, stillWaiting: unconfirmed.count - messages };
      },
    });
    if (row.status === 'running') this.runner.wake(id);
    return this.get(id);
  }

  async testSend(actor: Actor, id: number, to: string, contactId?: number): Promise<MessageDto> {
    const campaign = await findCampaign(this.ctx.db.manager, id);
    const dto = await sendTestMessage(this.ctx, this.connected(), this.media, campaign, to, contactId);
    await this.ctx.tx.run((m) =>
      this.ctx.audit.record(m, {
        actorUserId: actor.user.id,
        action: 'campaign.test_sent',
        targetType: 'campaign',
        targetId: id,
        details: { to: dto.waId, messageId: dto.id, status: dto.status, asContactId: contactId ?? null },
      }),
    );
    return dto;
  }

  /** The latest test sends of a campaign, as WhatsApp has reported them so far. */
  async testSends(id: number): Promise<TestSendDto[]> {
    await findCampaign(this.ctx.db.manager, id);
    const rows = await latestTestSends(this.ctx.db, id, 20);
    return rows.map((row) => ({
      messageId: row.id,
      to: `+${row.recipientWaId}`,
      status: row.status as TestSendDto['status'],
      error: row.status === 'failed' ? { code: row.errorCode, title: row.errorTitle } : null,
      createdAt: row.createdAt.toISOString(),
      text: row.text,
    }));
  }

  /**
   * What starting now means: whom the lists reach (or, once started, who is still waiting) and how
   * long that takes at the campaign's pace, with the number's daily limit on new customers.
   */
  async estimate(id: number): Promise<CampaignEstimateDto> {
    const m = this.ctx.db.manager;
    const campaign = await findCampaign(m, id);
    const notStarted = campaign.status === 'draft' || campaign.status === 'scheduled';
    const recipients = notStarted
      ? ((await plannedRecipients(m, [id])).get(id) ?? 0)
      : await queuedCount(m, id);
    const number = await phoneNumberById(m, campaign.phoneNumberId);
    const rate = campaign.messagesPerSecond ?? number?.throughputMps ?? DEFAULT_RATE;
    const dailyLimit = tierLimit(number?.messagingLimitTier ?? null);
    return {
      recipients,
      messagesPerSecond: rate,
      seconds: Math.ceil(recipients / rate),
      dailyLimit,
      days: dailyLimit ? Math.max(1, Math.ceil(recipients / dailyLimit)) : 1,
    };
  }

  /** Fixes the recipients and turns the campaign running, in one transaction. */
  private async begin(id: number, actorUserId: number | null, notice: string | null): Promise<CampaignDto> {
    this.connected();
    await transition(this.ctx, id, {
      action: 'start',
      actorUserId,
      changes: (_row, now) => ({ status: 'running', startedAt: now, finishedAt: null, notice }),
      alsoIn: async (m, row, now) => ({ recipients: await fixRecipients(m, row, now) }),
    });
    this.runner.wake(id);
    return this.get(id);
  }

  private async setLists(
    campaignId: number,
    listIds: readonly number[],
    m: import('typeorm').EntityManager,
  ): Promise<void> {
    const repo = m.getRepository(CampaignListEntity);
    await repo.delete({ campaignId });
    const unique = [...new Set(listIds)];
    if (unique.length) await repo.insert(unique.map((listId) => ({ campaignId, listId })));
  }

  private async changed(id: number): Promise<CampaignDto> {
    const dto = await this.get(id);
    publishChanged(this.ctx, { id, status: dto.status, notice: dto.notice });
    return dto;
  }

  private connected(): WhatsAppConnection {
    if (!this.whatsapp) throw new AppError('CONFLICT', 'WhatsApp is not connected');
    return this.whatsapp;
  }
}
