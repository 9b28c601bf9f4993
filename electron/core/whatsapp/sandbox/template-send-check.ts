import { z } from 'zod';
import type { TemplateButtonDefinition } from '../client/types/templates';
import { graphErrors, type GraphErrorSpec } from './graph-errors';
import { checkMediaHeader, checkTextParameters, countMismatch, formatMismatch } from './template-parameters';
import { fillVariables, variablesIn, type TemplateRecord, type TemplateStore } from './template-store';

export interface QuickReply {
  text: string;
  payload: string;
}

export type TemplateSendCheck =
  { ok: true; template: TemplateRecord; quickReplies: QuickReply[] } | { ok: false; error: GraphErrorSpec };

const componentSchema = z.looseObject({
  type: z.string(),
  sub_type: z.string().optional(),
  index: z.union([z.string(), z.number()]).optional(),
  parameters: z.array(z.unknown()).optional(),
});
const templateSchema = z.looseObject({
  name: z.string().min(1),
  language: z.looseObject({ code: z.string().min(1) }),
  components: z.array(componentSchema).optional(),
});
type GivenComponent = z.output<typeof componentSchema>;

const BUTTON_SUB_TYPES: Record<string, string> = {
  URL: 'url',
  QUICK_REPLY: 'quick_reply',
  COPY_CODE: 'copy_code',
  FLOW: 'flow',
  CATALOG: 'catalog',
  MPM: 'mpm',
};

/** A template send as Meta checks it: it exists in that language, is approved, and every parameter fits. */
export function checkTemplateSend(store: TemplateStore, raw: unknown): TemplateSendCheck {
  const fail = (error: GraphErrorSpec): TemplateSendCheck => ({ ok: false, error });
  const parsed = templateSchema.safeParse(raw);
  if (!parsed.success)
    return fail(graphErrors.missingParameter('template.name and template.language.code are required'));
  const { name, language, components = [] } = parsed.data;
  const template = store.find(name, language.code);
  if (!template) return fail(notFound(name, language.code));
  const statusError = statusErrorOf(template);
  if (statusError) return fail(statusError);

  const given = (type: string) => components.filter((c) => c.type.toLowerCase() === type);
  const values = new Map<string, string>();
  const headerDef = template.components.find((c) => c.type === 'HEADER');
  const bodyDef = template.components.find((c) => c.type === 'BODY');
  const buttonDefs = template.components.flatMap((c) => (c.type === 'BUTTONS' ? c.buttons : []));
  const headerParams = given('header').flatMap((c) => c.parameters ?? []);
  const bodyParams = given('body').flatMap((c) => c.parameters ?? []);

  const headerError =
    headerDef && headerDef.format !== 'TEXT'
      ? checkMediaHeader(headerDef.format, headerParams)
      : checkTextParameters(
          'header',
          variablesIn(headerDef?.format === 'TEXT' ? headerDef.text : undefined),
          template.parameterFormat,
          headerParams,
          values,
        );
  if (headerError) return fail(headerError);
  const bodyVariables = variablesIn(bodyDef?.text);
  const bodyError = checkTextParameters('body', bodyVariables, template.parameterFormat, bodyParams, values);
  if (bodyError) return fail(bodyError);
  if (bodyDef && fillVariables(bodyDef.text, values).length > 1024) {
    return fail({
      code: 132005,
      title: 'Template Hydrated Text Too Long',
      details: 'body: more than 1024 characters',
    });
  }
  const buttons = checkButtons(buttonDefs, given('button'));
  return 'error' in buttons
    ? fail(buttons.error)
    : { ok: true, template, quickReplies: buttons.quickReplies };
}

function notFound(name: string, language: string): GraphErrorSpec {
  return {
    code: 132001,
    title: 'Template name does not exist in the translation',
    details: `template name (${name}) does not exist in ${language}`,
  };
}

function statusErrorOf(template: TemplateRecord): GraphErrorSpec | null {
  const label = `template ${template.name} (${template.language})`;
  if (template.status === 'APPROVED') return null;
  if (template.status === 'PAUSED')
    return { code: 132015, title: 'Template is Paused', details: `${label} is paused` };
  if (template.status === 'DISABLED')
    return { code: 132016, title: 'Template is disabled', details: `${label} is disabled` };
  return {
    ...notFound(template.name, template.language),
    details: `${label} is ${template.status}, not APPROVED`,
  };
}

/** Buttons are addressed by index; dynamic URL and copy-code buttons need their one parameter. */
function checkButtons(
  defs: readonly TemplateButtonDefinition[],
  given: readonly GivenComponent[],
): { quickReplies: QuickReply[] } | { error: GraphErrorSpec } {
  const byIndex = new Map<number, GivenComponent>();
  for (const component of given) {
    const index = Number(component.index);
    const def = defs[index];
    if (!Number.isInteger(index) || !def || byIndex.has(index)) {
      return {
        error: graphErrors.invalidValue(
          `button: index ${String(component.index)} is not a button of the template`,
        ),
      };
    }
    if (component.sub_type !== BUTTON_SUB_TYPES[def.type]) {
      return {
        error: formatMismatch(
          `button ${index}: sub_type ${component.sub_type ?? ''} does not fit a ${def.type} button`,
        ),
      };
    }
    byIndex.set(index, component);
  }
  const quickReplies: QuickReply[] = [];
  for (const [index, def] of defs.entries()) {
    const params = byIndex.get(index)?.parameters ?? [];
    const error = checkButtonParameters(index, def, params);
    if (error) return { error };
    if (def.type === 'QUICK_REPLY') {
      const payload = (params[0] as { payload?: unknown } | undefined)?.payload;
      quickReplies.push({ text: def.text, payload: typeof payload === 'string' ? payload : def.text });
    }
  }
  return { quickReplies };
}

function checkButtonParameters(index: number, def: TemplateButtonDefinition, params: readonly unknown[]) {
  const where = `button ${index}`;
  const expect = (count: number, type: string, field: string): GraphErrorSpec | null => {
    if (params.length !== count) return countMismatch(where, params.length, count);
    const first = params[0] as Record<string, unknown> | undefined;
    if (first && (first.type !== type || typeof first[field] !== 'string' || first[field] === '')) {
      return formatMismatch(`${where}: expected a ${type} parameter`);
    }
    return null;
  };
  switch (def.type) {
    case 'URL':
      return expect(variablesIn(def.url).length > 0 ? 1 : 0, 'text', 'text');
    case 'COPY_CODE':
      return expect(1, 'coupon_code', 'coupon_code');
    case 'QUICK_REPLY':
      // The payload is optional: without one, Meta sends the button text back.
      return params.length === 0 ? null : expect(1, 'payload', 'payload');
    default:
      return null;
  }
}
