import { z } from 'zod';
import type { TemplateComponentDefinition } from '../client/types/templates';
import type { SandboxContext } from './context';
import type { GraphErrorSpec } from './graph-errors';
import { newIds } from './random';
import { variablesIn, type TemplateRecord } from './template-store';
import { templateStatusPayload } from './webhook-payloads';

const MAX_TEMPLATES = 250;

const createSchema = z.looseObject({
  name: z
    .string()
    .regex(/^[a-z0-9_]+$/, 'must be lower-case letters, digits and underscores')
    .max(512),
  language: z.string().regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, 'must be a language code such as en_US'),
  category: z.enum(['MARKETING', 'UTILITY', 'AUTHENTICATION']),
  parameter_format: z.enum(['POSITIONAL', 'NAMED']).optional(),
  components: z.array(z.looseObject({ type: z.enum(['HEADER', 'BODY', 'FOOTER', 'BUTTONS']) })).min(1),
});

/** Template API errors carry `error_data` as a plain string (reference §1), so the sandbox does too. */
function invalid(details: string, extra: Partial<GraphErrorSpec> = {}): GraphErrorSpec {
  return { code: 100, title: 'Invalid parameter', details, errorDataAsString: true, ...extra };
}

/**
 * Checks a new template as Meta does on submission (name, language, category, exactly one BODY, no
 * duplicate name+language, at most 250) and stores it PENDING; review happens later.
 */
export function createTemplate(
  ctx: SandboxContext,
  body: unknown,
): { record: TemplateRecord } | { error: GraphErrorSpec } {
  const parsed = createSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { error: invalid(`${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'not valid'}`) };
  }
  const input = parsed.data;
  const components = input.components as unknown as TemplateComponentDefinition[];
  if (components.filter((c) => c.type === 'BODY').length !== 1) {
    return { error: invalid('components: exactly one BODY component is required') };
  }
  const store = ctx.state.templates;
  if (store.find(input.name, input.language)) {
    return {
      error: invalid(`${input.name} already exists in ${input.language}`, {
        subcode: 2388024,
        userTitle: 'Content in This Language Already Exists',
        userMessage:
          'There is already content for this template in this language. Delete it or pick another language.',
      }),
    };
  }
  if (store.all().length >= MAX_TEMPLATES) {
    return { error: invalid(`an account may hold at most ${MAX_TEMPLATES} templates`, { subcode: 2388019 }) };
  }
  const record: TemplateRecord = {
    id: newIds.numeric(),
    name: input.name,
    language: input.language,
    category: input.category,
    status: 'PENDING',
    parameterFormat: input.parameter_format ?? inferFormat(components),
    components,
    rejectedReason: 'NONE',
  };
  store.add(record);
  scheduleReview(ctx, record);
  return { record };
}

/** Without `parameter_format`, `{{1}}`-style variables mean POSITIONAL and any other name NAMED. */
function inferFormat(components: readonly TemplateComponentDefinition[]): 'POSITIONAL' | 'NAMED' {
  const variables = components.flatMap((c) => ('text' in c ? variablesIn(c.text) : []));
  return variables.every((v) => /^\d+$/.test(v)) ? 'POSITIONAL' : 'NAMED';
}

/**
 * The review: a name containing "reject", or a body without text, is REJECTED; anything else is
 * APPROVED. Either way a `message_template_status_update` webhook follows.
 */
function scheduleReview(ctx: SandboxContext, record: TemplateRecord): void {
  ctx.scheduler.after(ctx.config().templateReviewDelayMs, () => {
    // Deleted or already decided while waiting: nothing to announce.
    if (record.status !== 'PENDING' || ctx.state.templates.byId(record.id) !== record) return;
    const body = record.components.find((c) => c.type === 'BODY');
    const reason = record.name.includes('reject')
      ? 'ABUSIVE_CONTENT'
      : !body || !('text' in body) || !body.text?.trim()
        ? 'INVALID_FORMAT'
        : null;
    record.status = reason ? 'REJECTED' : 'APPROVED';
    record.rejectedReason = reason ?? 'NONE';
    ctx.webhooks.send(
      templateStatusPayload({
        wabaId: ctx.state.business.id,
        time: ctx.clock.nowSeconds(),
        event: record.status,
        templateId: record.id,
        name: record.name,
        language: record.language,
        category: record.category,
        reason: record.rejectedReason,
      }),
      `template:${record.status} ${record.name}`,
    );
  });
}
