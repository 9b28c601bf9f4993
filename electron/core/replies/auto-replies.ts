import type { EntityManager } from 'typeorm';
import { AppError } from '@shared/errors';
import type { ParsedInputOf } from '@shared/operations';
import type { AutoReplyAnswer, AutoReplyDto, AutoReplySettingsDto } from '@shared/types/replies';
import { fillVariables } from '@shared/reply-variables';
import type { Actor } from '../auth/actor';
import type { CoreContext } from '../core-context';
import { execute, sqlDate } from '../db/sql';
import { AutoReplyEntity, InboxSettingEntity, type AutoReplyRow } from '../db/entities/inbox';
import { contactById } from '../contacts/contact-lookup';
import { conversationById } from '../conversations/conversation-rows';
import { mediaById, mediaExists } from '../media/media-rows';
import type { ReadManager } from '../db/read-db';
import type { InboundHook } from '../webhooks/apply-message';
import { markAutoReplied } from '../conversations/inbound';
import { queueMessage, type QueuedMessage } from '../conversations/conversation-sender';
import type { InboxPayload } from '../conversations/outbound-payload';
import { approvedTemplate, renderContact, renderTemplate } from '../conversations/template-message';
import { SERVICE_WINDOW_MS } from '../conversations/window';
import { inSchedule, matches, wordsOf } from './auto-reply-match';
import { assertFeatureOn, repliesEnabled } from './feature';
import { DEFAULT_OPENING_HOURS, isOpen, type OpeningHours } from './opening-hours';

const OPENING_HOURS_KEY = 'opening_hours';
const QUIET_MINUTES_KEY = 'auto_reply_quiet_minutes';
const DEFAULT_QUIET_MINUTES = 60;

type CreateInput = ParsedInputOf<'autoReplies.create'>;
type UpdateInput = ParsedInputOf<'autoReplies.update'>;

/**
 * Keyword auto-replies: rules "message equals / contains / starts with a keyword → answer", per
 * number or for all, always or only outside (or inside) opening hours. The hook answers inside the
 * webhook's transaction, after the campaign opt-out hook, so an opt-out keyword always wins.
 */
export class AutoReplyService {
  /** Runs after the transaction that queued an answer commits (pokes the outbox, tells windows). */
  onQueued: (conversationId: number) => void = () => undefined;

  constructor(private readonly ctx: CoreContext) {}

  async list(): Promise<AutoReplyDto[]> {
    assertFeatureOn(this.ctx);
    const rows = await this.ctx.db
      .getRepository(AutoReplyEntity)
      .find({ order: { position: 'ASC', id: 'ASC' } });
    return rows.map(toDto);
  }

  async create(actor: Actor, input: CreateInput): Promise<AutoReplyDto> {
    assertFeatureOn(this.ctx);
    await this.checkAnswer(input.answer);
    const now = this.ctx.clock.now();
    const id = await this.ctx.tx.run(async (m) => {
      const [last] = (await m.query('SELECT max(position) AS p FROM auto_replies')) as { p: number | null }[];
      const result = await m.getRepository(AutoReplyEntity).insert({
        name: input.name,
        phoneNumberId: input.phoneNumberId,
        match: input.match,
        keywords: JSON.stringify(input.keywords),
        answer: JSON.stringify(input.answer),
        schedule: input.schedule,
        enabled: input.enabled,
        position: (last?.p ?? 0) + 1,
        sentCount: 0,
        lastSentAt: null,
        createdAt: now,
        updatedAt: now,
      });
      const id = result.identifiers[0]!.id as number;
      await this.audit(m, actor, 'auto_reply.created', id, input.name);
      return id;
    });
    return this.get(id);
  }

  async update(actor: Actor, input: UpdateInput): Promise<AutoReplyDto> {
    assertFeatureOn(this.ctx);
    const row = await this.row(input.id);
    if (input.answer) await this.checkAnswer(input.answer);
    await this.ctx.tx.run(async (m) => {
      await m.getRepository(AutoReplyEntity).update(
        { id: row.id },
        {
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.phoneNumberId !== undefined ? { phoneNumberId: input.phoneNumberId } : {}),
          ...(input.match !== undefined ? { match: input.match } : {}),
          ...(input.keywords !== undefined ? { keywords: JSON.stringify(input.keywords) } : {}),
          ...(input.answer !== undefined ? { answer: JSON.stringify(input.answer) } : {}),
          ...(input.schedule !== undefined ? { schedule: input.schedule } : {}),
          ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
          updatedAt: this.ctx.clock.now(),
        },
      );
      if (input.position !== undefined) await this.move(m, row.id, input.position);
      await this.audit(m, actor, 'auto_reply.updated', row.id, input.name ?? row.name);
    });
    return this.get(row.id);
  }

  async delete(actor: Actor, id: number): Promise<void> {
    assertFeatureOn(this.ctx);
    const row = await this.row(id);
    await this.ctx.tx.run(async (m) => {
      await m.getRepository(AutoReplyEntity).delete({ id });
      await execute(m, 'UPDATE auto_replies SET position = position - 1 WHERE position > ?', [row.position]);
      await this.audit(m, actor, 'auto_reply.deleted', id, row.name);
    });
  }

  async settings(m: ReadManager = this.ctx.db): Promise<AutoReplySettingsDto> {
    const rows = await m.getRepository(InboxSettingEntity).find();
    const value = (key: string) => rows.find((r) => r.key === key)?.value;
    const hours = value(OPENING_HOURS_KEY);
    const quiet = value(QUIET_MINUTES_KEY);
    const openingHours = hours
      ? { ...DEFAULT_OPENING_HOURS, ...(JSON.parse(hours) as OpeningHours) }
      : DEFAULT_OPENING_HOURS;
    const timeZone = this.ctx.config.organization.time_zone;
    return {
      openingHours,
      quietMinutes: quiet ? Number(quiet) : DEFAULT_QUIET_MINUTES,
      timeZone,
      openNow: isOpen(openingHours, timeZone, this.ctx.clock.now()),
    };
  }

  async setSettings(
    actor: Actor,
    input: ParsedInputOf<'autoReplies.setSettings'>,
  ): Promise<AutoReplySettingsDto> {
    const now = this.ctx.clock.now();
    await this.ctx.tx.run(async (m) => {
      const repo = m.getRepository(InboxSettingEntity);
      if (input.openingHours) {
        await repo.save({
          key: OPENING_HOURS_KEY,
          value: JSON.stringify(input.openingHours),
          updatedAt: now,
        });
      }
      if (input.quietMinutes !== undefined) {
        await repo.save({ key: QUIET_MINUTES_KEY, value: String(input.quietMinutes), updatedAt: now });
      }
      await this.ctx.audit.record(m, {
        actorUserId: actor.user.id,
        action: 'auto_reply.settings_changed',
        targetType: 'inbox_settings',
        details: { ...input },
      });
    });
    return this.settings();
  }

  /**
   * The inbound hook. It answers only when the feature is on; the message is words (text, a button
   * or list choice); the customer is neither blocked nor opted out (the campaign opt-out hook ran
   * first, so a STOP has just opted them out); no automatic answer went to this conversation within
   * the quiet time (no loops with another bot); and the message is not older than the window.
   * The first enabled rule in order whose number, schedule and keywords fit answers; the answer is
   * queued in this same transaction, counted as sent by the system.
   */
  hook(): InboundHook {
    return async (m, inbound, effects) => {
      if (!repliesEnabled(this.ctx)) return;
      const words = wordsOf(inbound.message);
      if (!words) return;
      const now = this.ctx.clock.now();
      if (now.getTime() - inbound.at.getTime() >= SERVICE_WINDOW_MS) return;
      const contact = await contactById(m, inbound.contactId);
      if (!contact || contact.optedOut || contact.status === 'blocked') return;
      const conversation = await conversationById(m, inbound.conversationId);
      if (!conversation) return;
      const settings = await this.settings(m);
      const quietMs = settings.quietMinutes * 60_000;
      if (conversation.lastAutoReplyAt && now.getTime() - conversation.lastAutoReplyAt.getTime() < quietMs)
        return;
      const open = isOpen(settings.openingHours, settings.timeZone, now);
      const rules = await m
        .getRepository(AutoReplyEntity)
        .find({ where: { enabled: true }, order: { position: 'ASC', id: 'ASC' } });
      const rule = rules.find(
        (r) =>
          (r.phoneNumberId === null || r.phoneNumberId === inbound.phoneNumberId) &&
          inSchedule(r.schedule, open) &&
          matches(r.match, JSON.parse(r.keywords) as string[], words),
      );
      if (!rule) return;
      let queued: QueuedMessage;
      try {
        queued = await this.answer(m, rule, inbound.contactId);
      } catch (error) {
        // A rule that cannot be filled (a deleted file, a template no longer approved) must not
        // lose the customer's message: it is skipped and the reason logged.
        this.ctx.logger.warn(
          `auto-reply “${rule.name}” skipped: ${error instanceof Error ? error.message : String(error)}`,
        );
        return;
      }
      await queueMessage(m, this.ctx, conversation, queued);
      await markAutoReplied(m, conversation.id, now);
      await execute(m, 'UPDATE auto_replies SET sent_count = sent_count + 1, last_sent_at = ? WHERE id = ?', [
        sqlDate(now),
        rule.id,
      ]);
      effects.after(async () => this.onQueued(conversation.id));
    };
  }

  private async answer(m: EntityManager, rule: AutoReplyRow, contactId: number): Promise<QueuedMessage> {
    const answer = JSON.parse(rule.answer) as AutoReplyAnswer;
    const contact = await renderContact(m, contactId);
    const base = { contextWaMessageId: null, sentByUserId: null, autoReplyId: rule.id };
    if (answer.kind === 'text') {
      const text = fillVariables(answer.text, contact).trim() || answer.text;
      return { ...base, payload: { inbox: true, type: 'text', text }, text };
    }
    if (answer.kind === 'media') {
      const file = await mediaById(m, answer.mediaId);
      if (!file) throw new Error(`its file (media ${answer.mediaId}) was deleted`);
      const caption = fillVariables(answer.caption, contact).trim() || null;
      const payload: InboxPayload = { inbox: true, type: file.kind, mediaId: file.id, link: null, caption };
      return { ...base, payload, text: caption ?? file.fileName };
    }
    const template = await approvedTemplate(m, { templateId: answer.templateId });
    const rendered = renderTemplate(template, answer.variables, null, null, contact);
    return {
      ...base,
      payload: {
        inbox: true,
        type: 'template',
        templateId: template.id,
        name: template.name,
        language: template.language,
        variables: answer.variables,
        mediaHeader: null,
        rendered: rendered.rendered,
      },
      text: rendered.text,
    };
  }

  private async checkAnswer(answer: AutoReplyAnswer): Promise<void> {
    if (answer.kind === 'media' && !(await mediaExists(this.ctx.db, answer.mediaId))) {
      throw new AppError('VALIDATION', `No media with id ${answer.mediaId}`, {
        fields: [{ field: 'answer.mediaId', message: 'Not in the media library' }],
      });
    }
    if (answer.kind === 'template') {
      const template = await approvedTemplate(this.ctx.db, { templateId: answer.templateId });
      if (/"format"\s*:\s*"(IMAGE|VIDEO|DOCUMENT)"/i.test(template.components)) {
        throw new AppError('VALIDATION', 'Automatic answers cannot use a template with a media header', {
          fields: [{ field: 'answer.templateId', message: 'Has a media header' }],
        });
      }
      // Fails with a field error now, rather than silently at the first customer message.
      renderTemplate(template, answer.variables, null, null, null);
    }
  }

  private async move(m: EntityManager, id: number, wanted: number): Promise<void> {
    const rows = await m.getRepository(AutoReplyEntity).find({ order: { position: 'ASC', id: 'ASC' } });
    const order = rows.filter((r) => r.id !== id).map((r) => r.id);
    order.splice(Math.min(wanted - 1, order.length), 0, id);
    for (const [index, ruleId] of order.entries()) {
      await m.getRepository(AutoReplyEntity).update({ id: ruleId }, { position: index + 1 });
    }
  }

  private async get(id: number): Promise<AutoReplyDto> {
    return toDto(await this.row(id));
  }

  private async row(id: number): Promise<AutoReplyRow> {
    const row = await this.ctx.db.getRepository(AutoReplyEntity).findOneBy({ id });
    if (!row) throw new AppError('NOT_FOUND', `No auto-reply rule with id ${id}`);
    return row;
  }

  private audit(m: EntityManager, actor: Actor, action: string, id: number, name: string) {
    return this.ctx.audit.record(m, {
      actorUserId: actor.user.id,
      action,
      targetType: 'auto_reply',
      targetId: id,
      details: { name },
    });
  }
}

function toDto(row: AutoReplyRow): AutoReplyDto {
  return {
    id: row.id,
    name: row.name,
    phoneNumberId: row.phoneNumberId,
    match: row.match,
    keywords: JSON.parse(row.keywords) as string[],
    answer: JSON.parse(row.answer) as AutoReplyAnswer,
    schedule: row.schedule,
    enabled: row.enabled,
    position: row.position,
    sentCount: row.sentCount,
    lastSentAt: row.lastSentAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
