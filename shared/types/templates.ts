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
  /** WhatsApp's rating from what customers do with it: GREEN, YELLOW, RED or UNKNOWN; null until rated. */
  qualityScore: string | null;
  qualityUpdatedAt: string | null;
  /** Why WhatsApp paused, disabled or flagged it, in its words; null when approved. */
  statusReason: string | null;
  /** The category it had before WhatsApp moved it (template_category_update); null when never moved. */
  previousCategory: string | null;
  /** The placeholders to fill, in order: `1`, `2`… or names such as `first_name`. */
  variables: { header: string[]; body: string[] };
  /** IMAGE, VIDEO or DOCUMENT when the header is media; null otherwise. */
  mediaHeader: string | null;
  updatedAt: string;
}
