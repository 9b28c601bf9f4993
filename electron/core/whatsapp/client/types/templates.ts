import type { z } from 'zod';
import type { messageTemplateSchema } from '../templates-schemas';

export const TEMPLATE_CATEGORIES = ['MARKETING', 'UTILITY', 'AUTHENTICATION'] as const;
export type TemplateCategory = (typeof TEMPLATE_CATEGORIES)[number];

/** Known statuses (reference §3); a status Meta adds later still comes through as a string. */
export type TemplateStatus =
  | 'APPROVED'
  | 'PENDING'
  | 'REJECTED'
  | 'PAUSED'
  | 'DISABLED'
  | 'IN_APPEAL'
  | 'PENDING_DELETION'
  | 'DELETED'
  | 'LIMIT_EXCEEDED'
  | 'ARCHIVED'
  | 'LOCKED'
  | (string & {});

export type ParameterFormat = 'POSITIONAL' | 'NAMED';

/** A template as Graph lists it; unknown fields are kept. */
export type MessageTemplate = z.output<typeof messageTemplateSchema>;

export interface NamedParamExample {
  param_name: string;
  example: string;
}

export type TemplateButtonDefinition =
  | { type: 'QUICK_REPLY'; text: string }
  | { type: 'URL'; text: string; url: string; example?: string[] }
  | { type: 'PHONE_NUMBER'; text: string; phone_number: string }
  | { type: 'COPY_CODE'; example: string };

export type TemplateComponentDefinition =
  | {
      type: 'HEADER';
      format: 'TEXT';
      text: string;
      example?: { header_text?: string[]; header_text_named_params?: NamedParamExample[] };
    }
  | { type: 'HEADER'; format: 'IMAGE' | 'VIDEO' | 'DOCUMENT'; example?: { header_handle: string[] } }
  | { type: 'HEADER'; format: 'LOCATION' }
  | {
      type: 'BODY';
      text: string;
      example?: { body_text?: string[][]; body_text_named_params?: NamedParamExample[] };
    }
  | { type: 'FOOTER'; text: string }
  | { type: 'BUTTONS'; buttons: TemplateButtonDefinition[] };

export interface CreateTemplateInput {
  /** `^[a-z0-9_]+$`, at most 512 characters. */
  name: string;
  language: string;
  category: TemplateCategory;
  parameter_format?: ParameterFormat;
  allow_category_change?: boolean;
  components: TemplateComponentDefinition[];
}

export interface CreatedTemplate {
  id: string;
  status: TemplateStatus;
  category: string;
}

export interface TemplateFilter {
  name?: string;
  status?: TemplateStatus;
  category?: TemplateCategory;
  language?: string;
  /** Page size Graph should use; every page is still fetched. */
  pageSize?: number;
  fields?: string[];
}

/** What to delete: every language of a name, one template by id, or up to 100 ids. */
export type TemplateDeletion = { name: string; templateId?: string } | { templateIds: string[] };
