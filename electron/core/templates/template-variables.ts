import type { TemplateComponentDto } from '@shared/types/templates';

const PLACEHOLDER = /{{\s*([A-Za-z0-9_]+)\s*}}/g;

/** The placeholders of a text, in order of first appearance: `1`, `2`… or names. */
export function placeholders(text: string | undefined): string[] {
  if (!text) return [];
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

export function templateVariables(components: TemplateComponentDto[]) {
  const header = components.find((c) => c.type.toUpperCase() === 'HEADER');
  const body = components.find((c) => c.type.toUpperCase() === 'BODY');
  const format = header?.format?.toUpperCase();
  return {
    variables: {
      header: format === 'TEXT' || format === undefined ? placeholders(header?.text) : [],
      body: placeholders(body?.text),
    },
    mediaHeader: format && ['IMAGE', 'VIDEO', 'DOCUMENT'].includes(format) ? format : null,
  };
}

/** The text with its placeholders filled, for previews: unknown ones stay visible as {{name}}. */
export function fillPlaceholders(text: string, values: Record<string, string>): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => values[name] ?? whole);
}
