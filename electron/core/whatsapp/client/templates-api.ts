import { readAllPages } from './follow-pages';
import type { GraphTransport } from './graph-transport';
import { successSchema } from './response-schemas';
import { createdTemplateSchema, messageTemplateSchema } from './templates-schemas';
import type {
  CreateTemplateInput,
  CreatedTemplate,
  MessageTemplate,
  TemplateDeletion,
  TemplateFilter,
} from './types/templates';

/** What every listed template must carry, whatever `fields` the caller asks for. */
const REQUIRED_FIELDS = ['id', 'name', 'language', 'status', 'category'];

/** Message templates of a WhatsApp Business Account: `/{waba-id}/message_templates`. */
export class TemplatesApi {
  constructor(private readonly transport: GraphTransport) {}

  /** Every template matching the filter, across all pages. */
  list(wabaId: string, filter: TemplateFilter = {}): Promise<MessageTemplate[]> {
    return readAllPages(
      this.transport,
      {
        method: 'GET',
        target: `${encodeURIComponent(wabaId)}/message_templates`,
        query: {
          name: filter.name,
          status: filter.status,
          category: filter.category,
          language: filter.language,
          limit: filter.pageSize,
          fields: filter.fields && [...new Set([...REQUIRED_FIELDS, ...filter.fields])].join(','),
        },
      },
      messageTemplateSchema,
    );
  }

  /** Submits a template for review; it starts PENDING and the outcome arrives by webhook. */
  create(wabaId: string, input: CreateTemplateInput): Promise<CreatedTemplate> {
    return this.transport.json(
      { method: 'POST', target: `${encodeURIComponent(wabaId)}/message_templates`, json: input },
      createdTemplateSchema,
    );
  }

  async delete(wabaId: string, what: TemplateDeletion): Promise<boolean> {
    const query =
      'templateIds' in what
        ? { hsm_ids: JSON.stringify(what.templateIds) }
        : { name: what.name, hsm_id: what.templateId };
    const answer = await this.transport.json(
      { method: 'DELETE', target: `${encodeURIComponent(wabaId)}/message_templates`, query },
      successSchema,
    );
    return answer.success;
  }
}
