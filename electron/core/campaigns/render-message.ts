import { isBusinessUserId } from '@shared/customer-id';
import { AppError } from '@shared/errors';
import type { RenderedMessage, VariableBinding } from '@shared/types/campaigns';
import type { TemplateComponentDto } from '@shared/types/templates';
import type { TemplateRow } from '../db/entities/messaging';
import { fillPlaceholders, placeholders } from '../templates/template-variables';
import type {
  BodyParameter,
  HeaderParameter,
  MediaRef,
  TemplateComponent,
  TemplateContent,
} from '../whatsapp';

/** Who a message is rendered for; null renders with every binding's fallback (a test send). */
export interface RenderContact {
  id: number | null;
  name: string;
  /** Null for a customer known only by their WhatsApp user id. */
  phone: string | null;
  email: string | null;
  /** Custom attributes by key (contact_attributes). */
  attributes: Record<string, string>;
}

/** A media header as Graph takes it (an uploaded id or a link), and a URL to show it by, if any. */
export interface RenderMediaHeader {
  ref: MediaRef;
  displayUrl: string | null;
  /** Sent as a document header's file name. */
  filename?: string;
}

export interface RenderInput {
  template: Pick<TemplateRow, 'name' | 'language' | 'parameterFormat' | 'components'>;
  bindings: readonly VariableBinding[];
  mediaHeader: RenderMediaHeader | null;
  contact: RenderContact | null;
}

export interface RenderResult {
  /** The Graph `template` object to send. */
  content: TemplateContent;
  /** What the customer sees, for previews and the inbox. */
  rendered: RenderedMessage;
  /** The body as filled: the message row's text. */
  text: string;
}

/** A value that cannot be filled; the message that names the placeholder is for people. */
export class RenderError extends AppError {
  constructor(
    message: string,
    readonly placeholder: string,
  ) {
    super('VALIDATION', message, { fields: [{ field: 'variables', message }] });
    this.name = 'RenderError';
  }
}

const MEDIA_FORMATS = ['IMAGE', 'VIDEO', 'DOCUMENT'] as const;
type MediaFormat = (typeof MEDIA_FORMATS)[number];

/**
 * The campaign's template for one recipient. Pure: no database, no network, so the runner, the test
 * send and the preview give the same message for the same inputs.
 */
export function renderCampaignMessage(input: RenderInput): RenderResult {
  const components = JSON.parse(input.template.components) as TemplateComponentDto[];
  const named = input.template.parameterFormat.toUpperCase() === 'NAMED';
  const find = (type: string) => components.find((c) => c.type.toUpperCase() === type);
  const header = find('HEADER');
  const body = find('BODY');
  const footer = find('FOOTER');
  const buttons = find('BUTTONS');
  const graph: TemplateComponent[] = [];

  let renderedHeader: RenderedMessage['header'] = null;
  const headerFormat = header ? (header.format ?? 'TEXT').toUpperCase() : null;
  if (header && headerFormat && isMedia(headerFormat)) {
    const media = input.mediaHeader;
    if (!media) throw new RenderError(`The template needs a ${headerFormat.toLowerCase()} header`, 'header');
    graph.push({ type: 'header', parameters: [mediaParameter(headerFormat, media)] });
    renderedHeader = { format: headerFormat, text: null, mediaUrl: media.displayUrl };
  } else if (header && headerFormat === 'TEXT') {
    const values = valuesFor('header', placeholders(header.text), input);
    if (values.length) graph.push({ type: 'header', parameters: textParameters(values, named) });
    renderedHeader = { format: 'TEXT', text: fill(header.text ?? '', values), mediaUrl: null };
  } else if (header && headerFormat) {
    renderedHeader = { format: headerFormat, text: null, mediaUrl: null };
  }

  const bodyValues = valuesFor('body', placeholders(body?.text), input);
  if (bodyValues.length) graph.push({ type: 'body', parameters: textParameters(bodyValues, named) });
  const text = fill(body?.text ?? '', bodyValues);

  const content: TemplateContent = {
    name: input.template.name,
    language: { code: input.template.language },
    ...(graph.length ? { components: graph } : {}),
  };
  const contact = input.contact;
  return {
    content,
    text,
    rendered: {
      header: renderedHeader,
      body: text,
      footer: footer?.text ?? null,
      buttons: (buttons?.buttons ?? []).map((b) => ({ type: b.type, text: b.text ?? '' })),
      recipient: contact ? { contactId: contact.id, name: contact.name, phone: contact.phone } : null,
    },
  };
}

interface Filled {
  placeholder: string;
  value: string;
}

function valuesFor(component: 'header' | 'body', names: readonly string[], input: RenderInput): Filled[] {
  return names.map((placeholder) => {
    const binding = input.bindings.find((b) => b.component === component && b.placeholder === placeholder);
    if (!binding) {
      throw new RenderError(`No value is set for {{${placeholder}}} in the ${component}`, placeholder);
    }
    const value = clean(valueOf(binding, input.contact)) || clean(binding.fallback);
    if (!value) {
      throw new RenderError(
        `No value for {{${placeholder}}} in the ${component}: ${describe(binding)} is empty and there is no fallback`,
        placeholder,
      );
    }
    return { placeholder, value };
  });
}

function valueOf(binding: VariableBinding, contact: RenderContact | null): string {
  if (binding.source === 'fixed') return binding.value;
  if (!contact) return '';
  switch (binding.source) {
    case 'name':
      return contact.name;
    case 'first_name':
      return firstName(contact.name);
    case 'phone':
      return contact.phone ?? '';
    case 'email':
      return contact.email ?? '';
    case 'attribute':
      return contact.attributes[binding.value] ?? '';
  }
}

/**
 * "Asha" of "Asha Patel". A name without a letter is a number standing in for a name (WhatsApp shows
 * nameless contacts so): no first name, so the fallback applies rather than "Hi +91…"; the same for
 * a username or a user id standing in for the name of a customer who hides their number.
 */
export function firstName(name: string): string {
  // A username (@asha) or a user id (US.1349…) stands in for a name the same way.
  if (!/\p{L}/u.test(name) || name.startsWith('@') || isBusinessUserId(name.trim())) return '';
  return name.trim().split(/\s+/)[0] ?? '';
}

function describe(binding: VariableBinding): string {
  if (binding.source === 'fixed') return 'the fixed text';
  if (binding.source === 'attribute') return `the contact's attribute "${binding.value}"`;
  if (binding.source === 'first_name') return "the contact's first name";
  return `the contact's ${binding.source}`;
}

/**
 * Meta refuses text parameters with new lines, tabs or more than four spaces in a row (132018), a
 * permanent failure; an address typed over two lines must not cost the recipient their message.
 */
function clean(value: string): string {
  return value
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
}

function textParameters(values: readonly Filled[], named: boolean): BodyParameter[] {
  return values.map((v) =>
    named ? { type: 'text', parameter_name: v.placeholder, text: v.value } : { type: 'text', text: v.value },
  );
}

function fill(text: string, values: readonly Filled[]): string {
  return fillPlaceholders(text, Object.fromEntries(values.map((v) => [v.placeholder, v.value])));
}

function isMedia(format: string): format is MediaFormat {
  return (MEDIA_FORMATS as readonly string[]).includes(format);
}

function mediaParameter(format: MediaFormat, media: RenderMediaHeader): HeaderParameter {
  switch (format) {
    case 'IMAGE':
      return { type: 'image', image: media.ref };
    case 'VIDEO':
      return { type: 'video', video: media.ref };
    case 'DOCUMENT':
      return {
        type: 'document',
        document: { ...media.ref, ...(media.filename ? { filename: media.filename } : {}) },
      };
  }
}
