import { z } from 'zod';
import { contactDetailOutput, contactOutput } from '../outputs/contacts';
import { fieldNote, pageOf } from '../outputs/common';
import { needs, operation } from './define';
import { idField } from './fields';
import type {
  ContactDetailDto,
  ContactDto,
  CsvExport,
  ImportCheck,
  ImportPreview,
  ImportReport,
  Page,
  SavedContactDto,
  TagCount,
} from '../types/contacts';
import type { FieldError } from '../errors';
import { businessUserIdField } from '../customer-id';
import { IMPORT_MAX_BASE64, IMPORT_TOO_LARGE } from '../import-limits';

const tag = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, 'Required')
  .max(40, 'At most 40 characters')
  // Exported CSV joins a contact's tags with '|', and imports split on '|', ',' and ';'.
  .regex(/^[^,|;]+$/, 'No , ; or | in a tag: they separate tags');
const attributeKey = z
  .string()
  .trim()
  .regex(/^[A-Za-z][A-Za-z0-9_]{0,39}$/, 'Letters, digits and _ ; starting with a letter');
const attributes = z.record(attributeKey, z.string().max(1000));
const ids = z.array(idField).min(1, 'Choose at least one contact').max(100_000);

/** The filter shared by the table, bulk actions and export. */
export const contactFilter = z
  .object({
    search: z.string().trim().max(200).optional(),
    tag: tag.optional(),
    listId: idField.optional(),
    status: z.enum(['active', 'blocked']).optional(),
    optedOut: z.boolean().optional(),
    attribute: z
      .object({ key: attributeKey, value: z.string().max(1000).optional() })
      .strict()
      .optional(),
  })
  .strict();

/** A filter with its order and page size: one search, as the contacts table pages through it. */
const contactSearch = contactFilter.extend({
  sort: z.enum(['name', 'phone', 'createdAt', 'updatedAt', 'lastInboundAt']).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
  pageSize: z.number().int().min(1).max(200).default(25),
});

const contactFields = {
  name: z.string().trim().min(1, 'Required').max(120),
  phone: z.string().trim().min(1, 'Required').max(40),
  email: z.string().trim().toLowerCase().pipe(z.email('Not an email address')).nullable().optional(),
  attributes: attributes.optional(),
  tags: z.array(tag).max(50).optional(),
};

/** A contact is reached by its number or by its WhatsApp user id: one of them is needed. */
function hasKey(input: { phone?: string; userId?: string }): boolean {
  return input.phone !== undefined || input.userId !== undefined;
}

export /** A CSV file's bytes in base64, at most IMPORT_MAX_BYTES of them. */
const csvContent = z.string().min(1, 'The file is empty').max(IMPORT_MAX_BASE64, IMPORT_TOO_LARGE);

const importMapping = z.array(
  z.union([
    z.enum(['name', 'phone', 'user_id', 'email', 'tags', 'ignore']),
    z.templateLiteral(['attribute:', attributeKey]),
  ]),
);

export const contactOperations = {
  'contacts.list': operation<Page<ContactDto>>()({
    summary: 'Search, filter, sort and page through contacts',
    output: pageOf(contactOutput),
    access: needs('contacts.read'),
    input: contactSearch.extend({
      page: z.number().int().min(1).default(1),
      // `estimate`: page 1 of a search matching thousands answers with an estimated total (marked
      // `estimated`) instead of waiting for the exact count; `contacts.count` gives it afterwards.
      count: z.enum(['exact', 'estimate']).default('exact'),
      // A previous answer's `next`: the page after it, read by seeking past its last row (`page`
      // is then ignored). How the token API reads deep pages at the cost of one.
      after: z
        .string()
        .trim()
        .min(1)
        .max(2000)
        .describe('paging.next of the page before: the page after it, read by seeking (page is then ignored)')
        .optional(),
    }),
  }),
  'contacts.count': operation<{ total: number }>()({
    summary: 'The exact number of contacts a search matches (after a page 1 with an estimated total)',
    output: z.object({ total: z.number().int() }).strict(),
    access: needs('contacts.read'),
    input: contactSearch,
  }),
  'contacts.get': operation<ContactDetailDto>()({
    summary: 'One contact with its lists',
    output: contactDetailOutput,
    access: needs('contacts.read'),
    input: z.object({ id: idField }).strict(),
  }),
  'contacts.create': operation<SavedContactDto>()({
    summary:
      'Add a contact by phone number (normalised to E.164), by WhatsApp user id (a customer who hides their number), or both',
    access: needs('contacts.write'),
    input: z
      .object({
        ...contactFields,
        phone: contactFields.phone.optional(),
        userId: businessUserIdField.optional(),
        listIds: z.array(idField).default([]),
      })
      .strict()
      .refine(hasKey, { path: ['phone'], message: 'Give a phone number or a WhatsApp user id' }),
  }),
  'contacts.upsert': operation<{ contact: ContactDto; created: boolean; warnings: FieldError[] }>()({
    summary:
      'Add a contact, or update the one with this phone number or WhatsApp user id (a sign-up form sending again)',
    output: z
      .object({
        contact: contactOutput,
        created: z.boolean(),
        warnings: z.array(fieldNote).describe('Kept, but worth a look: e.g. a number in no known range'),
      })
      .strict(),
    access: needs('contacts.write'),
    input: z
      .object({
        phone: contactFields.phone.optional(),
        userId: businessUserIdField.optional(),
        name: contactFields.name.optional(),
        email: contactFields.email,
        /** Merged into the contact's attributes: keys sent overwrite, others stay. */
        attributes: contactFields.attributes,
        /** Added to the contact's tags. */
        tags: contactFields.tags,
        listIds: z.array(idField).default([]),
      })
      .strict()
      .refine(hasKey, { path: ['phone'], message: 'Give a phone number or a WhatsApp user id' }),
  }),
  'contacts.update': operation<SavedContactDto>()({
    summary: 'Edit a contact',
    access: needs('contacts.write'),
    input: z
      .object({
        id: idField,
        name: contactFields.name.optional(),
        phone: contactFields.phone.optional(),
        userId: businessUserIdField.optional(),
        email: contactFields.email,
        attributes: contactFields.attributes,
        tags: contactFields.tags,
      })
      .strict(),
  }),
  'contacts.setStatus': operation<{ affected: number }>()({
    summary: 'Block or unblock contacts',
    access: needs('contacts.write'),
    input: z.object({ ids, status: z.enum(['active', 'blocked']) }).strict(),
  }),
  'contacts.setOptOut': operation<ContactDto>()({
    summary: 'Mark a contact opted out of marketing, or opted back in',
    access: needs('contacts.write'),
    input: z.object({ id: idField, optedOut: z.boolean() }).strict(),
  }),
  'contacts.merge': operation<ContactDto>()({
    summary: 'Merge a duplicate into the contact kept; the duplicate is deleted',
    access: needs('contacts.write'),
    input: z
      .object({ keepId: idField, mergeId: idField })
      .strict()
      .refine((v) => v.keepId !== v.mergeId, { path: ['mergeId'], message: 'Choose two different contacts' }),
  }),
  'contacts.tag': operation<{ affected: number }>()({
    summary: 'Add or remove a tag on many contacts',
    access: needs('contacts.write'),
    input: z.object({ ids, tag, remove: z.boolean().default(false) }).strict(),
  }),
  'contacts.delete': operation<{ deleted: number }>()({
    summary: 'Delete contacts',
    output: z.object({ deleted: z.number().int() }).strict(),
    access: needs('contacts.delete'),
    input: z.object({ ids }).strict(),
  }),
  'contacts.tags': operation<TagCount[]>()({
    summary: 'Every contact tag with how many contacts carry it',
    access: needs('contacts.read'),
    input: z.object({}).strict(),
  }),
  'contacts.attributeKeys': operation<string[]>()({
    summary: 'Every custom attribute key in use',
    access: needs('contacts.read'),
    input: z.object({}).strict(),
  }),
  'contacts.export': operation<CsvExport>()({
    summary: 'Contacts matching a filter (all, a list, a search) as CSV',
    access: needs('contacts.read'),
    input: contactFilter,
  }),
  'contacts.importPreview': operation<ImportPreview>()({
    summary: 'Detect delimiter and encoding, show the first rows and guess the mapping',
    access: needs('contacts.import'),
    input: z
      .object({
        fileName: z.string().max(300),
        /** The file's bytes in base64: the encoding is detected, not assumed. */
        contentBase64: csvContent,
      })
      .strict(),
  }),
  'contacts.importCheck': operation<ImportCheck>()({
    summary:
      'What an import would do, without doing it: new contacts, and which fields of existing ones change',
    access: needs('contacts.import'),
    input: z
      .object({
        contentBase64: csvContent,
        mapping: importMapping,
        tags: z.array(tag).default([]),
      })
      .strict(),
  }),
  'contacts.importRun': operation<ImportReport>()({
    summary: 'Import a CSV: create or update contacts, add them to lists and tags, report bad rows',
    access: needs('contacts.import'),
    input: z
      .object({
        /** Chosen by the caller, so it can follow `import.progress` events for this import. */
        importId: z.string().min(1).max(64),
        contentBase64: csvContent,
        mapping: importMapping,
        listIds: z.array(idField).default([]),
        tags: z.array(tag).default([]),
        /** For contacts already here: replace what differs (the default), or only fill empty fields. */
        mode: z.enum(['overwrite', 'fill_empty']).default('overwrite'),
      })
      .strict(),
  }),
};
