import { AppError } from '@shared/errors';
import type { ParsedInputOf } from '@shared/operations';
import type { TemplateComponentDto, TemplateDto } from '@shared/types/templates';
import type { Actor } from '../auth/actor';
import type { WhatsAppConnection } from '../connection/whatsapp-connection';
import type { CoreContext } from '../core-context';
import { TemplateEntity, type TemplateRow } from '../db/entities/messaging';
import { WhatsAppApiError, type TemplateComponentDefinition } from '../whatsapp';
import { placeholders, templateVariables } from './template-variables';

type CreateInput = ParsedInputOf<'templates.create'>;

/** Templates are Meta's: this mirrors them, submits new ones and deletes them there and here. */
export class TemplateService {
  constructor(
    private readonly ctx: CoreContext,
    private readonly whatsapp: WhatsAppConnection | null,
  ) {}

  async list(filter: ParsedInputOf<'templates.list'>): Promise<TemplateDto[]> {
    const rows = await this.ctx.db
      .getRepository(TemplateEntity)
      .find({ order: { name: 'ASC', language: 'ASC' } });
    const search = filter.search?.toLowerCase();
    return rows
      .filter((r) => !filter.status || r.status === filter.status)
      .filter((r) => !filter.category || r.category === filter.category)
      .filter((r) => !filter.language || r.language === filter.language)
      .filter((r) => !search || r.name.includes(search))
      .map(toTemplateDto);
  }

  /** Every template of the account (all pages) replaces the mirror; ones deleted at Meta go. */
  async sync(): Promise<{ synced: number; removed: number }> {
    const whatsapp = this.connected();
    const remote = await whatsapp.client.templates.list(whatsapp.businessAccountId).catch(apiError);
    const now = this.ctx.clock.now();
    const removed = await this.ctx.tx.run(async (m) => {
      const repo = m.getRepository(TemplateEntity);
      const keep = new Set(remote.map((t) => t.id));
      const gone = (await repo.find({ select: { id: true } })).filter((r) => !keep.has(r.id));
      if (gone.length) await repo.delete(gone.map((r) => r.id));
      for (const t of remote) {
        await repo.save({
          id: t.id,
          name: t.name,
          language: t.language,
          category: t.category,
          status: t.status,
          parameterFormat: t.parameter_format ?? 'POSITIONAL',
          components: JSON.stringify(t.components),
          rejectedReason: t.rejected_reason && t.rejected_reason !== 'NONE' ? t.rejected_reason : null,
          updatedAt: now,
        });
      }
      return gone.length;
    });
    this.ctx.events.publish('templates.changed', { templateId: '*', status: 'synced' });
    return { synced: remote.length, removed };
  }

  async create(actor: Actor, input: CreateInput): Promise<TemplateDto> {
    const whatsapp = this.connected();
    const components = definition(input);
    const created = await whatsapp.client.templates
      .create(whatsapp.businessAccountId, {
        name: input.name,
        language: input.language,
        category: input.category,
        components,
      })
      .catch(apiError);
    const row: TemplateRow = {
      id: created.id,
      name: input.name,
      language: input.language,
      category: created.category,
      status: created.status,
      parameterFormat: 'POSITIONAL',
      components: JSON.stringify(components),
      rejectedReason: null,
      qualityScore: null,
      qualityUpdatedAt: null,
      statusReason: null,
      previousCategory: null,
      categoryChangedAt: null,
      updatedAt: this.ctx.clock.now(),
    };
    await this.ctx.tx.run(async (m) => {
      await m.getRepository(TemplateEntity).save(row);
      await this.ctx.audit.record(m, {
        actorUserId: actor.user.id,
        action: 'template.created',
        targetType: 'template',
        targetId: created.id,
        details: { name: input.name, language: input.language, category: input.category },
      });
    });
    this.ctx.events.publish('templates.changed', { templateId: created.id, status: created.status });
    return toTemplateDto(row);
  }

  async delete(actor: Actor, id: string): Promise<void> {
    const whatsapp = this.connected();
    const row = await this.ctx.db.getRepository(TemplateEntity).findOneBy({ id });
    if (!row) throw new AppError('NOT_FOUND', `No template with id ${id}`);
    await whatsapp.client.templates
      .delete(whatsapp.businessAccountId, { name: row.name, templateId: id })
      .catch(apiError);
    await this.ctx.tx.run(async (m) => {
      await m.getRepository(TemplateEntity).delete({ id });
      await this.ctx.audit.record(m, {
        actorUserId: actor.user.id,
        action: 'template.deleted',
        targetType: 'template',
        targetId: id,
        details: { name: row.name, language: row.language },
      });
    });
    this.ctx.events.publish('templates.changed', { templateId: id, status: 'DELETED' });
  }

  private connected(): WhatsAppConnection {
    if (!this.whatsapp) throw new AppError('CONFLICT', 'WhatsApp is not connected');
    return this.whatsapp;
  }
}

/** Meta's review needs an example for every placeholder; say which is missing before asking. */
function definition(input: CreateInput): TemplateComponentDefinition[] {
  const components: TemplateComponentDefinition[] = [];
  if (input.headerText) {
    const headerVars = placeholders(input.headerText);
    if (headerVars.length > 1) throw fieldError('headerText', 'A header takes at most one {{1}}');
    if (headerVars.length && !input.headerExample)
      throw fieldError('headerExample', 'Give an example for {{1}}');
    components.push({
      type: 'HEADER',
      format: 'TEXT',
      text: input.headerText,
      ...(headerVars.length ? { example: { header_text: [input.headerExample!] } } : {}),
    });
  }
  const bodyVars = placeholders(input.body);
  const expected = bodyVars.map((_, i) => String(i + 1));
  if (bodyVars.some((v, i) => v !== expected[i])) {
    throw fieldError('body', 'Number the placeholders {{1}}, {{2}}… in order');
  }
  if (input.bodyExamples.length !== bodyVars.length) {
    throw fieldError('bodyExamples', `Give ${bodyVars.length} example value(s), one for each placeholder`);
  }
  components.push({
    type: 'BODY',
    text: input.body,
    ...(bodyVars.length ? { example: { body_text: [input.bodyExamples] } } : {}),
  });
  if (input.footer) components.push({ type: 'FOOTER', text: input.footer });
  if (input.buttons.length) {
    components.push({
      type: 'BUTTONS',
      buttons: input.buttons.map((b) =>
        b.type === 'PHONE_NUMBER' ? { type: 'PHONE_NUMBER', text: b.text, phone_number: b.phoneNumber } : b,
      ),
    });
  }
  return components;
}

function fieldError(field: string, message: string): AppError {
  return new AppError('VALIDATION', message, { fields: [{ field, message }] });
}

/** Meta's refusal (a duplicate name, a policy problem) in words for the person who asked. */
function apiError(error: unknown): never {
  if (error instanceof WhatsAppApiError) {
    const reason = [error.title, error.details].filter(Boolean).join(': ');
    throw new AppError(
      error.errorClass === 'permanent' ? 'CONFLICT' : 'INTERNAL',
      `WhatsApp refused: ${reason}`,
    );
  }
  throw error;
}

export function toTemplateDto(row: TemplateRow): TemplateDto {
  const components = JSON.parse(row.components) as TemplateComponentDto[];
  return {
    id: row.id,
    name: row.name,
    language: row.language,
    category: row.category,
    status: row.status,
    parameterFormat: row.parameterFormat,
    components,
    rejectedReason: row.rejectedReason,
    qualityScore: row.qualityScore,
    qualityUpdatedAt: row.qualityUpdatedAt?.toISOString() ?? null,
    statusReason: row.statusReason,
    previousCategory: row.previousCategory,
    ...templateVariables(components),
    updatedAt: row.updatedAt.toISOString(),
  };
}
