import { z } from 'zod';
import type { GraphErrorSpec } from './graph-errors';

/**
 * Checks of individual template parameters at send time, with the codes Meta uses: 132000 when the
 * count is wrong, 132012 when a parameter has the wrong type or name, 132018 for text Meta refuses.
 */

export const FORMAT_MISMATCH = 'Parameter format does not match format in the created template';

export function countMismatch(where: string, given: number, expected: number): GraphErrorSpec {
  return {
    code: 132000,
    title: 'Number of parameters does not match the expected number of params',
    details: `${where}: number of localizable_params (${given}) does not match the expected number of params (${expected})`,
  };
}

export function formatMismatch(details: string): GraphErrorSpec {
  return { code: 132012, title: FORMAT_MISMATCH, details };
}

const parameterSchema = z.looseObject({ type: z.string(), parameter_name: z.string().optional() });
const textSchema = z.looseObject({ text: z.string().min(1) });
const currencySchema = z.looseObject({
  currency: z.looseObject({
    fallback_value: z.string(),
    code: z.string().regex(/^[A-Z]{3}$/),
    amount_1000: z.number().int(),
  }),
});
const dateTimeSchema = z.looseObject({ date_time: z.looseObject({ fallback_value: z.string() }) });
const mediaRefSchema = z.union([
  z.looseObject({ id: z.string().min(1), link: z.undefined().optional() }),
  z.looseObject({ link: z.url(), id: z.undefined().optional() }),
]);
const locationSchema = z.looseObject({
  location: z.looseObject({ latitude: z.number(), longitude: z.number() }),
});

/** Meta refuses these in text parameters (error 132018 from v23 on). */
const FORBIDDEN_TEXT = /[\n\t]| {5,}/;

/**
 * The text-like parameters of a header or body: one per variable, each text, currency or date_time,
 * all named (NAMED templates) or none (POSITIONAL). Fills `values` with what each variable becomes.
 */
export function checkTextParameters(
  where: 'header' | 'body',
  variables: readonly string[],
  format: 'POSITIONAL' | 'NAMED',
  given: readonly unknown[],
  values: Map<string, string>,
): GraphErrorSpec | null {
  if (given.length !== variables.length) return countMismatch(where, given.length, variables.length);
  const seenNames = new Set<string>();
  for (const [index, raw] of given.entries()) {
    const parameter = parameterSchema.safeParse(raw);
    if (!parameter.success) return formatMismatch(`${where}: parameter ${index + 1} has no type`);
    const { type, parameter_name: name } = parameter.data;
    let variable = String(index + 1);
    if (format === 'NAMED') {
      if (!name || !variables.includes(name) || seenNames.has(name)) {
        return formatMismatch(`${where}: parameter_name '${name ?? ''}' is missing, unknown or repeated`);
      }
      seenNames.add(name);
      variable = name;
    } else if (name !== undefined) {
      return formatMismatch(`${where}: named parameters cannot be used with a POSITIONAL template`);
    }
    const value = readTextValue(type, raw);
    if (value === null)
      return formatMismatch(`${where}: parameter ${index + 1} is not a valid ${type} parameter`);
    if (FORBIDDEN_TEXT.test(value)) {
      return {
        code: 132018,
        title: 'There was an issue with the parameters in your template',
        details: `${where}: Param text cannot have new-line/tab characters or more than 4 consecutive spaces`,
      };
    }
    values.set(variable, value);
  }
  return null;
}

/** What a text, currency or date_time parameter shows; null for another type or a bad shape. */
function readTextValue(type: string, raw: unknown): string | null {
  switch (type) {
    case 'text': {
      const parsed = textSchema.safeParse(raw);
      return parsed.success ? parsed.data.text : null;
    }
    case 'currency': {
      const parsed = currencySchema.safeParse(raw);
      return parsed.success ? parsed.data.currency.fallback_value : null;
    }
    case 'date_time': {
      const parsed = dateTimeSchema.safeParse(raw);
      return parsed.success ? parsed.data.date_time.fallback_value : null;
    }
    default:
      return null;
  }
}

/** A media or location header takes exactly one parameter of its own type. */
export function checkMediaHeader(format: string, given: readonly unknown[]): GraphErrorSpec | null {
  if (given.length !== 1) return countMismatch('header', given.length, 1);
  const parameter = parameterSchema.safeParse(given[0]);
  const expected = format.toLowerCase();
  if (!parameter.success || parameter.data.type !== expected) {
    const received = parameter.success ? parameter.data.type.toUpperCase() : 'nothing';
    return formatMismatch(`header: Format mismatch, expected ${format}, received ${received}`);
  }
  const raw = given[0] as Record<string, unknown>;
  const ok =
    expected === 'location'
      ? locationSchema.safeParse(raw).success
      : mediaRefSchema.safeParse(raw[expected]).success;
  return ok ? null : formatMismatch(`header: the ${expected} parameter needs exactly one of id or link`);
}
