export interface TemplateButtonDto {
  type: string;
  text?: string;
  url?: string;
  phone_number?: string;
}

/** Meta's component, as Meta sends it (HEADER, BODY, FOOTER, BUTTONS). */
export interface TemplateComponentDto {
  type: string;
  format?: string;
  text?: string;
  buttons?: TemplateButtonDto[];
  example?: Record<string, unknown>;
}

export interface TemplateDto {
  id: string;
  name: string;
  language: string;
  category: string;
  status: string;
  parameterFormat: 'POSITIONAL' | 'NAMED' | string;
  components: TemplateComponentDto[];
  rejectedReason: string | null;
  /** The placeholders to fill, in order: `1`, `2`… or names such as `first_name`. */
  variables: { header: string[]; body: string[] };
  /** IMAGE, VIDEO or DOCUMENT when the header is media; null otherwise. */
  mediaHeader: string | null;
  updatedAt: string;
}
