import { z } from 'zod';
import { campaignAnalyticsOutput, campaignOutput, campaignSummaryOutput } from '../outputs/campaigns';
import { needs, operation } from './define';
import { idField } from './fields';
import type {
  CampaignAnalyticsDto,
  CampaignDto,
  CampaignEstimateDto,
  RetargetSelection,
  TestSendDto,
  CampaignSummaryDto,
  RecipientDto,
  RenderedMessage,
} from '../types/campaigns';
import type { CsvExport, Page } from '../types/contacts';
import type { MessageDto } from '../types/messages';

export const binding = z
  .object({
    component: z.enum(['header', 'body']),
    placeholder: z.string().trim().min(1).max(40),
    source: z.enum(['fixed', 'name', 'first_name', 'phone', 'email', 'attribute']),
    value: z.string().max(1024).default(''),
    fallback: z.string().max(1024).default(''),
  })
  .strict();

/** WhatsApp fetches a header's media from its link; only https:// links are taken. */
export const MEDIA_LINK_MESSAGE = 'A link starting with https://';
/** A header link WhatsApp may fetch: https:// only (also checked on campaigns saved before the rule). */
export const isHttpsLink = (link: string): boolean => /^https:\/\//i.test(link);
export const mediaHeader = z.union([
  z.object({ mediaId: idField }).strict(),
  z.object({ link: z.url({ protocol: /^https$/, error: MEDIA_LINK_MESSAGE }) }).strict(),
]);

const keyword = z.string().trim().min(1).max(40);

const messagesPerSecond = z
  .number('A whole number of messages a second, e.g. 10')
  .int('A whole number of messages a second, e.g. 10')
  .min(1, 'At least 1 a second')
  .max(1000, 'At most 1000 a second');

const campaignFields = {
  name: z.string().trim().min(1, 'Required').max(120),
  phoneNumberId: z.string().trim().min(1, 'Required'),
  templateId: z.string().trim().min(1, 'Required'),
  listIds: z.array(idField).min(1, 'Choose at least one list'),
  variables: z.array(binding).default([]),
  mediaHeader: mediaHeader.nullable().default(null),
  optOutKeywords: z.array(keyword).max(10).default(['STOP']),
  messagesPerSecond: messagesPerSecond.nullable().default(null),
};

const statusFilter = z.enum([
  'queued',
  'sending',
  'unconfirmed',
  'sent',
  'delivered',
  'read',
  'replied',
  'failed',
]);

export const campaignOperations = {
  'campaigns.list': operation<CampaignSummaryDto[]>()({
    summary: 'Campaigns, newest first, with their main figures',
    output: z.array(campaignSummaryOutput),
    access: needs('campaigns.read'),
    input: z
      .object({
        status: z.enum(['draft', 'scheduled', 'running', 'paused', 'finished', 'cancelled']).optional(),
      })
      .strict(),
  }),
  'campaigns.get': operation<CampaignDto>()({
    summary: 'One campaign',
    output: campaignOutput,
    access: needs('campaigns.read'),
    input: z.object({ id: idField }).strict(),
  }),
  'campaigns.create': operation<CampaignDto>()({
    summary: 'A draft campaign: template, lists, a value for each variable, opt-out keywords',
    output: campaignOutput,
    access: needs('campaigns.write'),
    input: z.object(campaignFields).strict(),
  }),
  'campaigns.update': operation<CampaignDto>()({
    summary: 'Edit a draft or scheduled campaign',
    access: needs('campaigns.write'),
    input: z
      .object({
        id: idField,
        name: campaignFields.name.optional(),
        phoneNumberId: campaignFields.phoneNumberId.optional(),
        templateId: campaignFields.templateId.optional(),
        listIds: campaignFields.listIds.optional(),
        variables: z.array(binding).optional(),
        mediaHeader: mediaHeader.nullable().optional(),
        optOutKeywords: z.array(keyword).max(10).optional(),
        messagesPerSecond: messagesPerSecond.nullable().optional(),
      })
      .strict(),
  }),
  'campaigns.delete': operation<{ ok: true }>()({
    summary: 'Delete a draft',
    access: needs('campaigns.write'),
    input: z.object({ id: idField }).strict(),
  }),
  'campaigns.duplicate': operation<CampaignDto>()({
    summary: 'A new draft with the same settings',
    access: needs('campaigns.write'),
    input: z.object({ id: idField }).strict(),
  }),
  'campaigns.preview': operation<RenderedMessage>()({
    summary: 'The message as a chosen recipient (or the first one) will get it',
    access: needs('campaigns.read'),
    input: z.object({ id: idField, contactId: idField.optional() }).strict(),
  }),
  'campaigns.previewDraft': operation<RenderedMessage>()({
    summary: 'A campaign being written, as a chosen contact (or the first its lists reach) will get it',
    access: needs('campaigns.read'),
    input: z
      .object({
        templateId: z.string().trim().min(1, 'Required'),
        listIds: z.array(idField).default([]),
        variables: z.array(binding).default([]),
        mediaHeader: mediaHeader.nullable().default(null),
        contactId: idField.optional(),
      })
      .strict(),
  }),
  'campaigns.estimate': operation<CampaignEstimateDto>()({
    summary: 'Whom starting now would reach, and how long sending would take at the campaign’s pace',
    access: needs('campaigns.read'),
    input: z.object({ id: idField }).strict(),
  }),
  'campaigns.testSend': operation<MessageDto>()({
    summary:
      'Send the campaign’s message to any number first, personalised with a chosen contact’s data (else the ' +
      'contact with that number, else the fallbacks); kept out of its figures',
    access: needs('campaigns.run'),
    input: z
      .object({ id: idField, to: z.string().trim().min(3).max(40), contactId: idField.optional() })
      .strict(),
  }),
  'campaigns.testSends': operation<TestSendDto[]>()({
    summary: 'The campaign’s test sends, newest first, with how far each got (sent, delivered, read, failed)',
    access: needs('campaigns.read'),
    input: z.object({ id: idField }).strict(),
  }),
  'campaigns.schedule': operation<CampaignDto>()({
    summary: 'Start at a date and time (ISO 8601; the organization’s time zone applies to what the UI shows)',
    access: needs('campaigns.run'),
    input: z.object({ id: idField, at: z.iso.datetime({ offset: true }) }).strict(),
  }),
  'campaigns.start': operation<CampaignDto>()({
    summary: 'Fix the recipients and start sending now',
    output: campaignOutput,
    access: needs('campaigns.run'),
    input: z.object({ id: idField }).strict(),
  }),
  'campaigns.pause': operation<CampaignDto>()({
    summary: 'Stop sending within a second; nothing already sent is lost',
    output: campaignOutput,
    access: needs('campaigns.run'),
    input: z.object({ id: idField }).strict(),
  }),
  'campaigns.resume': operation<CampaignDto>()({
    summary: 'Send what is left',
    output: campaignOutput,
    access: needs('campaigns.run'),
    input: z.object({ id: idField }).strict(),
  }),
  'campaigns.cancel': operation<CampaignDto>()({
    summary: 'Stop for good; queued messages are not sent',
    access: needs('campaigns.run'),
    input: z.object({ id: idField }).strict(),
  }),
  'campaigns.resolveUnconfirmed': operation<CampaignDto>()({
    summary:
      'Decide about messages whose fate is unknown after a crash: send them again, or count them failed',
    access: needs('campaigns.run'),
    input: z.object({ id: idField, action: z.enum(['resend', 'fail']) }).strict(),
  }),
  'campaigns.analytics': operation<CampaignAnalyticsDto>()({
    summary: 'Figures, rates, failures by code, progress and a timeline, from the message rows',
    output: campaignAnalyticsOutput,
    access: needs('campaigns.analytics'),
    input: z.object({ id: idField }).strict(),
  }),
  'campaigns.recipients': operation<Page<RecipientDto>>()({
    summary: 'Recipients and how far each got',
    access: needs('campaigns.analytics'),
    input: z
      .object({
        id: idField,
        state: statusFilter.optional(),
        page: z.number().int().min(1).default(1),
        pageSize: z.number().int().min(1).max(200).default(50),
      })
      .strict(),
  }),
  'campaigns.exportRecipients': operation<CsvExport>()({
    summary: 'Recipients as CSV',
    access: needs('campaigns.analytics'),
    input: z.object({ id: idField, state: statusFilter.optional() }).strict(),
  }),
  'campaigns.retargetCounts': operation<Record<RetargetSelection, number>>()({
    summary: 'How many contacts each retarget choice would put on its list (opted out and blocked left out)',
    access: needs('campaigns.analytics'),
    input: z.object({ id: idField }).strict(),
  }),
  'campaigns.retarget': operation<{ listId: number; campaign: CampaignDto }>()({
    summary: 'A list tagged retarget with the chosen recipients, and a draft campaign aimed at it',
    access: needs('campaigns.write'),
    input: z
      .object({
        id: idField,
        select: z.enum(['failed', 'delivered_not_read', 'read_not_replied', 'replied', 'manual']),
        contactIds: z.array(idField).default([]),
        name: z.string().trim().min(1).max(120).optional(),
      })
      .strict()
      .refine((v) => v.select !== 'manual' || v.contactIds.length > 0, {
        path: ['contactIds'],
        message: 'Choose the recipients',
      }),
  }),
};
