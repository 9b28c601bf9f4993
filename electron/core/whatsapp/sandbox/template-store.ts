import { DEMO_TEMPLATES, type TemplateSeed } from './seed-data';

export interface TemplateRecord extends TemplateSeed {
  rejectedReason: string;
  /** The quality WhatsApp last gave it (message_template_quality_update); unset until rated. */
  qualityScore?: string;
}

const VARIABLE = /\{\{\s*([a-zA-Z0-9_]+)\s*\}\}/g;

/** The distinct `{{variables}}` of a text, in order of first appearance. */
export function variablesIn(text: string | undefined): string[] {
  if (!text) return [];
  return [...new Set([...text.matchAll(VARIABLE)].map((match) => match[1] ?? ''))];
}

/** Replaces each `{{variable}}` by its value, to check the length of what the customer would read. */
export function fillVariables(text: string, values: ReadonlyMap<string, string>): string {
  return text.replace(VARIABLE, (whole, name: string) => values.get(name) ?? whole);
}

/** The business account's templates. */
export class TemplateStore {
  private records: TemplateRecord[] = [];

  reset(): void {
    this.records = DEMO_TEMPLATES.map((seed) => ({ ...seed, rejectedReason: 'NONE' }));
  }

  all(): readonly TemplateRecord[] {
    return this.records;
  }

  find(name: string, language: string): TemplateRecord | undefined {
    return this.records.find((t) => t.name === name && t.language === language);
  }

  byId(id: string): TemplateRecord | undefined {
    return this.records.find((t) => t.id === id);
  }

  add(record: TemplateRecord): void {
    this.records.push(record);
  }

  /** Removes the matching templates and says how many there were. */
  remove(matches: (record: TemplateRecord) => boolean): number {
    const before = this.records.length;
    this.records = this.records.filter((record) => !matches(record));
    return before - this.records.length;
  }
}

/** A template as GET message_templates returns it. */
export function templateToWire(record: TemplateRecord): Record<string, unknown> {
  return {
    id: record.id,
    name: record.name,
    language: record.language,
    status: record.status,
    category: record.category,
    parameter_format: record.parameterFormat,
    components: record.components,
    ...(record.status === 'REJECTED' ? { rejected_reason: record.rejectedReason } : {}),
  };
}
