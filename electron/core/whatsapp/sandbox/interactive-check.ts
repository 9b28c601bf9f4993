import { z } from 'zod';
import { graphErrors, type GraphErrorSpec } from './graph-errors';
import type { QuickReply } from './template-send-check';

/** Reply buttons and lists with the limits of reference §2; other interactive kinds pass unchecked. */
const text = (max: number) => z.looseObject({ text: z.string().min(1).max(max) });

const buttonsSchema = z.looseObject({
  type: z.literal('button'),
  header: z.looseObject({ type: z.string(), text: z.string().max(60).optional() }).optional(),
  body: text(1024),
  footer: text(60).optional(),
  action: z.looseObject({
    buttons: z
      .array(
        z.looseObject({
          type: z.literal('reply'),
          reply: z.looseObject({ id: z.string().min(1).max(256), title: z.string().min(1).max(20) }),
        }),
      )
      .min(1)
      .max(3),
  }),
});

const listSchema = z.looseObject({
  type: z.literal('list'),
  header: z.looseObject({ type: z.literal('text'), text: z.string().max(60) }).optional(),
  body: text(1024),
  footer: text(60).optional(),
  action: z.looseObject({
    button: z.string().min(1).max(20),
    sections: z
      .array(
        z.looseObject({
          title: z.string().max(24).optional(),
          rows: z
            .array(
              z.looseObject({
                id: z.string().min(1).max(200),
                title: z.string().min(1).max(24),
                description: z.string().max(72).optional(),
              }),
            )
            .min(1),
        }),
      )
      .min(1)
      .max(10),
  }),
});

const OTHER_KINDS = [
  'cta_url',
  'flow',
  'product',
  'product_list',
  'catalog_message',
  'location_request_message',
];

export function checkInteractive(raw: unknown): { quickReplies: QuickReply[] } | { error: GraphErrorSpec } {
  const kind = (raw as { type?: unknown } | undefined)?.type;
  if (kind === 'button') {
    const parsed = buttonsSchema.safeParse(raw);
    if (!parsed.success) return { error: invalid(parsed.error) };
    const replies = parsed.data.action.buttons.map((b) => b.reply);
    if (
      new Set(replies.map((r) => r.id)).size !== replies.length ||
      new Set(replies.map((r) => r.title)).size !== replies.length
    ) {
      return { error: graphErrors.invalidValue('interactive.action.buttons: ids and titles must be unique') };
    }
    return { quickReplies: replies.map((r) => ({ text: r.title, payload: r.id })) };
  }
  if (kind === 'list') {
    const parsed = listSchema.safeParse(raw);
    if (!parsed.success) return { error: invalid(parsed.error) };
    const rows = parsed.data.action.sections.reduce((sum, section) => sum + section.rows.length, 0);
    if (rows > 10)
      return { error: graphErrors.invalidValue('interactive.action.sections: at most 10 rows in all') };
    return { quickReplies: [] };
  }
  if (typeof kind === 'string' && OTHER_KINDS.includes(kind)) return { quickReplies: [] };
  return {
    error: graphErrors.invalidValue(`interactive.type: ${String(kind)} is not a supported interactive type`),
  };
}

function invalid(error: z.ZodError): GraphErrorSpec {
  const issue = error.issues[0];
  return graphErrors.invalidValue(
    `interactive.${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'not valid'}`,
  );
}
