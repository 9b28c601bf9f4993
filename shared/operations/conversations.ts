import { z } from 'zod';
import { needs, needsAny, operation, SIGNED_IN } from './define';
import { idField } from './fields';
import { binding, mediaHeader } from './campaigns';
import type {
  AssignableMember,
  ContactCampaignDto,
  ConversationCounts,
  ConversationDto,
  ConversationNoteDto,
  ConversationPage,
  InboxPreferences,
  ThreadMessage,
  ThreadPage,
} from '../types/conversations';
import { CONVERSATION_VIEWS } from '../types/conversations';
import {
  conversationOutput,
  conversationPageOutput,
  threadMessageOutput,
  threadPageOutput,
} from '../outputs/conversations';
import type { TemplateDto } from '../types/templates';

/** Reading conversations: all of them, or only one's own and unassigned ones (checked per conversation). */
const READ = needsAny('conversations.read_all', 'conversations.read_assigned');

const phoneNumberId = z
  .string()
  .trim()
  .regex(/^\d{1,32}$/, 'A phone number id: digits only');

const label = z
  .string()
  .trim()
  .min(1, 'Required')
  .max(40, 'At most 40 characters')
  .regex(/^[^,]+$/, 'A label cannot contain a comma');

/** Filters the list, its counts and search share. */
const filters = {
  phoneNumberId: phoneNumberId.optional(),
  label: label.optional(),
  /** Conversations with customers who received this campaign. */
  campaignId: idField.optional(),
};

/** `<last activity in ms>.<id>` of the last row of the previous page. */
const cursor = z.string().regex(/^\d{1,15}\.\d{1,12}$/, 'Not a cursor from a previous page');

const text = z.string().min(1, 'Required').max(4096, 'At most 4096 characters');
const caption = z.string().max(1024, 'At most 1024 characters');

/** Base64 of the largest file WhatsApp takes (a 100 MB document). */
const MAX_BASE64 = 4 * Math.ceil((100 * 1024 * 1024) / 3);

/** A file to send: one of the library, a public link fetched into the library, or bytes dropped in. */
const media = z
  .object({
    mediaId: idField.optional(),
    link: z.url().max(2048).optional(),
    file: z
      .object({
        fileName: z.string().trim().min(1, 'Required').max(255),
        mimeType: z.string().trim().max(255).default(''),
        contentBase64: z
          .string()
          .min(1, 'The file is empty')
          .max(MAX_BASE64, 'Too large: a file may be at most 100 MB')
          .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'Not base64'),
      })
      .strict()
      .optional(),
    caption: caption.optional(),
  })
  .strict()
  .refine((m) => [m.mediaId, m.link, m.file].filter((v) => v !== undefined).length === 1, {
    path: ['mediaId'],
    message: 'Give exactly one of mediaId, link or file',
  });

/** An approved template, by id or by name and language, with a value for each variable. */
const template = z
  .object({
    templateId: z.string().trim().min(1).optional(),
    name: z.string().trim().min(1).max(512).optional(),
    language: z.string().trim().min(2).max(15).optional(),
    variables: z.array(binding).default([]),
    mediaHeader: mediaHeader.nullable().default(null),
  })
  .strict()
  .refine((t) => t.templateId !== undefined || (t.name !== undefined && t.language !== undefined), {
    path: ['templateId'],
    message: 'Give templateId, or name and language',
  });

export const conversationOperations = {
  'conversations.list': operation<ConversationPage>()({
    summary: 'Conversations of a view, newest activity first, with filters, search and paging',
    output: conversationPageOutput,
    access: READ,
    input: z
      .object({
        view: z.enum(CONVERSATION_VIEWS).default('all'),
        ...filters,
        /** Names, numbers and message text. */
        search: z.string().trim().max(200).optional(),
        cursor: cursor.optional(),
        limit: z.number().int().min(1).max(100).default(30),
      })
      .strict(),
  }),
  'conversations.counts': operation<ConversationCounts>()({
    summary: 'How many conversations each view holds, and how many of them are unread',
    access: READ,
    input: z.object(filters).strict(),
  }),
  'conversations.get': operation<ConversationDto>()({
    summary: 'One conversation',
    output: conversationOutput,
    access: READ,
    input: z.object({ id: idField }).strict(),
  }),
  'conversations.open': operation<ConversationDto>()({
    summary:
      'Open a conversation: its customer messages become read (on WhatsApp too) and, when nobody has it, the opener takes it',
    output: conversationOutput,
    access: READ,
    input: z.object({ id: idField }).strict(),
  }),
  'conversations.messages': operation<ThreadPage>()({
    summary: 'The messages of a conversation, oldest first, a page at a time going back',
    output: threadPageOutput,
    access: READ,
    input: z
      .object({
        conversationId: idField,
        /** Messages older than this message id. */
        before: idField.optional(),
        /** Messages newer than this message id (what arrived since). */
        after: z.number().int().min(0).optional(),
        limit: z.number().int().min(1).max(200).default(50),
      })
      .strict(),
  }),
  'conversations.message': operation<ThreadMessage>()({
    summary: 'One message of a conversation as the thread shows it',
    output: threadMessageOutput,
    access: READ,
    input: z.object({ id: idField }).strict(),
  }),
  'conversations.send': operation<ThreadMessage>()({
    summary:
      'Reply: a text or a file inside the 24-hour window, a template at any time. Queued at once; statuses follow',
    output: threadMessageOutput,
    access: needs('conversations.reply'),
    input: z
      .object({
        conversationId: idField,
        text: text.optional(),
        media: media.optional(),
        template: template.optional(),
        /** Quote this message of the conversation (`context.message_id`). */
        replyToMessageId: idField.optional(),
      })
      .strict()
      .refine((v) => [v.text, v.media, v.template].filter((x) => x !== undefined).length === 1, {
        path: ['text'],
        message: 'Send one of text, media or template',
      }),
  }),
  'conversations.retryMessage': operation<ThreadMessage>()({
    summary: 'Send a failed message again where that is safe (WhatsApp never accepted it)',
    output: threadMessageOutput,
    access: needs('conversations.reply'),
    input: z
      .object({
        messageId: idField,
        /** For an unconfirmed message, which WhatsApp may have delivered: the person accepts a possible duplicate. */
        confirmDuplicate: z.boolean().default(false),
      })
      .strict(),
  }),
  'conversations.typing': operation<{ sent: boolean }>()({
    summary: 'Show the customer “typing…” (lasts up to 25 seconds or until the reply)',
    access: needs('conversations.reply'),
    input: z.object({ conversationId: idField }).strict(),
  }),
  'conversations.assign': operation<ConversationDto>()({
    summary: 'Assign a conversation to a member, or to nobody',
    output: conversationOutput,
    access: needs('conversations.assign'),
    input: z.object({ id: idField, userId: idField.nullable() }).strict(),
  }),
  'conversations.resolve': operation<ConversationDto>()({
    summary: 'Mark a conversation resolved; a new customer message reopens it',
    output: conversationOutput,
    access: needs('conversations.reply'),
    input: z.object({ id: idField }).strict(),
  }),
  'conversations.reopen': operation<ConversationDto>()({
    summary: 'Reopen a resolved conversation',
    output: conversationOutput,
    access: needs('conversations.reply'),
    input: z.object({ id: idField }).strict(),
  }),
  'conversations.setLabels': operation<ConversationDto>()({
    summary: 'Set the labels of a conversation',
    output: conversationOutput,
    access: needs('conversations.reply'),
    input: z
      .object({
        id: idField,
        labels: z
          .array(label)
          .max(20, 'At most 20 labels')
          .transform((list) => [...new Set(list)]),
      })
      .strict(),
  }),
  'conversations.labels': operation<string[]>()({
    summary: 'Every label in use, for filters and suggestions',
    access: READ,
    input: z.object({}).strict(),
  }),
  'conversations.notes': operation<ConversationNoteDto[]>()({
    summary: 'The private notes of a conversation (the team only; never sent)',
    access: READ,
    input: z.object({ conversationId: idField }).strict(),
  }),
  'conversations.addNote': operation<ConversationNoteDto>()({
    summary: 'Add a private note to a conversation',
    access: needs('conversations.reply'),
    input: z
      .object({ conversationId: idField, text: z.string().trim().min(1, 'Required').max(4000) })
      .strict(),
  }),
  'conversations.deleteNote': operation<{ ok: true }>()({
    summary: 'Delete a private note (its author, or an admin)',
    access: needs('conversations.reply'),
    input: z.object({ id: idField }).strict(),
  }),
  'conversations.contactCampaigns': operation<ContactCampaignDto[]>()({
    summary: 'The campaigns this conversation’s customer received and whether they answered',
    access: READ,
    input: z.object({ conversationId: idField }).strict(),
  }),
  'conversations.assignees': operation<AssignableMember[]>()({
    summary: 'Members a conversation can be assigned to',
    access: needs('conversations.assign'),
    input: z.object({}).strict(),
  }),
  'conversations.templates': operation<TemplateDto[]>()({
    summary: 'Approved templates an agent may send (outside the 24-hour window only these can go)',
    access: needs('conversations.reply'),
    input: z.object({}).strict(),
  }),
  'conversations.start': operation<ConversationDto>()({
    summary: 'Start a conversation with a contact by sending an approved template',
    output: conversationOutput,
    access: needs('conversations.reply'),
    input: z
      .object({
        contactId: idField,
        /** The business number to write from; the first one when left out. */
        phoneNumberId: phoneNumberId.optional(),
        template,
      })
      .strict(),
  }),
  'inbox.preferences': operation<InboxPreferences>()({
    summary: 'Your inbox preferences (available for new conversations)',
    access: SIGNED_IN,
    input: z.object({}).strict(),
  }),
  'inbox.setPreferences': operation<InboxPreferences>()({
    summary: 'Set whether new unassigned conversations notify you',
    access: SIGNED_IN,
    input: z.object({ available: z.boolean() }).strict(),
  }),
};
