import { z } from 'zod';
import { needs, needsAny, operation } from './define';
import { idField } from './fields';
import {
  MEDIA_KINDS,
  type MediaContentDto,
  type MediaDto,
  type MediaLibrariesDto,
  type MediaUsageDto,
} from '../types/media';
import { mediaDeletedOutput, mediaOutput } from '../outputs/library';

/** Meta's phone number ids are digits; the id also names the library's folder, so nothing else passes. */
export const phoneNumberIdField = z
  .string()
  .trim()
  .regex(/^\d{1,32}$/, 'A phone number id: digits only');
const phoneNumberId = phoneNumberIdField;

/** Base64 of the largest file WhatsApp takes (a 100 MB document). */
const MAX_BASE64 = 4 * Math.ceil((100 * 1024 * 1024) / 3);

const fileName = z.string().trim().min(1, 'Required').max(255);
/** The browser's type for the file; empty or octet-stream means "guess from name and content". */
const mimeType = z.string().trim().max(255).default('');
/** The file's bytes in plain base64 (no `data:` prefix). The HTTP bridge takes bodies up to 64 MB. */
const contentBase64 = z
  .string()
  .min(1, 'The file is empty')
  .max(MAX_BASE64, 'Too large: a file may be at most 100 MB')
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'Not base64');
const link = z.string().trim().min(1, 'Required').max(2048);

export const mediaOperations = {
  'media.libraries': operation<MediaLibrariesDto>()({
    summary: 'The phone numbers that have a media library, with their file counts',
    access: needs('media.read'),
    input: z.object({}).strict(),
  }),
  'media.list': operation<MediaDto[]>()({
    summary: 'The media library of one phone number, newest first; search by name, filter by kind',
    access: needs('media.read'),
    output: z.array(mediaOutput),
    input: z
      .object({
        phoneNumberId,
        search: z.string().trim().max(200).optional(),
        kind: z.enum(MEDIA_KINDS).optional(),
      })
      .strict(),
  }),
  'media.get': operation<MediaDto>()({
    summary: 'One file of the media library',
    access: needs('media.read'),
    output: mediaOutput,
    input: z.object({ id: idField }).strict(),
  }),
  'media.content': operation<MediaContentDto>()({
    summary:
      'The bytes of a library file or of a message’s media, for the app’s own screens (the renderer cannot load /media/*)',
    access: needsAny('media.read', 'conversations.read_all', 'conversations.read_assigned'),
    input: z
      .object({
        /** A file of the library (needs media.read). */
        mediaId: idField.optional(),
        /** The media of a message (needs to be able to read its conversation). */
        messageId: idField.optional(),
      })
      .strict()
      .refine((v) => (v.mediaId === undefined) !== (v.messageId === undefined), {
        path: ['mediaId'],
        message: 'Give mediaId or messageId',
      }),
  }),
  'media.usage': operation<MediaUsageDto>()({
    summary: 'The campaigns that use a file as their media header',
    access: needs('media.read'),
    input: z.object({ id: idField }).strict(),
  }),
  'media.uploadFile': operation<MediaDto>()({
    summary: 'Add a file to a phone number’s media library (checked against WhatsApp’s types and limits)',
    access: needs('media.write'),
    output: mediaOutput,
    input: z.object({ phoneNumberId, fileName, mimeType, contentBase64 }).strict(),
  }),
  'media.addLink': operation<MediaDto>()({
    summary: 'Fetch a public http(s) link’s file into a phone number’s media library',
    access: needs('media.write'),
    output: mediaOutput,
    input: z.object({ phoneNumberId, url: link }).strict(),
  }),
  'media.add': operation<MediaDto>()({
    summary:
      'Add a file to a phone number’s media library: its bytes (base64, or a multipart `file` part) or a public link to fetch it from',
    access: needs('media.write'),
    output: mediaOutput,
    input: z.union([
      z.object({ phoneNumberId, url: link }).strict(),
      z.object({ phoneNumberId, fileName, mimeType, contentBase64 }).strict(),
    ]),
  }),
  'media.rename': operation<MediaDto>()({
    summary: 'Rename a library file (the name customers see on a document)',
    access: needs('media.write'),
    output: mediaOutput,
    input: z.object({ id: idField, fileName }).strict(),
  }),
  'media.refreshWhatsAppId': operation<MediaDto>()({
    summary: 'Upload a library file to WhatsApp now, for a fresh media id',
    access: needs('media.write'),
    output: mediaOutput,
    input: z.object({ id: idField }).strict(),
  }),
  'media.delete': operation<{ ok: true; releasedCampaignIds: number[] }>()({
    summary:
      'Delete a file from the media library (and at WhatsApp). While a draft or scheduled campaign uses it as its header, only with `confirm: true` (they lose the header); never while one is sending it',
    access: needs('media.write'),
    output: mediaDeletedOutput,
    input: z.object({ id: idField, confirm: z.boolean().default(false) }).strict(),
  }),
};
