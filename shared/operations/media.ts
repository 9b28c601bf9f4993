import { z } from 'zod';
import { needs, needsAny, operation } from './define';
import { idField } from './fields';
import type { MediaContentDto, MediaDto } from '../types/media';

/** Meta's phone number ids are digits; the id also names the library's folder, so nothing else passes. */
const phoneNumberId = z
  .string()
  .trim()
  .regex(/^\d{1,32}$/, 'A phone number id: digits only');

/** Base64 of the largest file WhatsApp takes (a 100 MB document). */
const MAX_BASE64 = 4 * Math.ceil((100 * 1024 * 1024) / 3);

export const mediaOperations = {
  'media.list': operation<MediaDto[]>()({
    summary: 'The media library of one phone number, newest first',
    access: needs('media.read'),
    input: z.object({ phoneNumberId }).strict(),
  }),
  'media.uploadFile': operation<MediaDto>()({
    summary: 'Add a file to a phone number’s media library (checked against WhatsApp’s types and limits)',
    access: needs('media.write'),
    input: z
      .object({
        phoneNumberId,
        fileName: z.string().trim().min(1, 'Required').max(255),
        /** The browser's type for the file; empty or octet-stream means "guess from name and content". */
        mimeType: z.string().trim().max(255).default(''),
        /** The file's bytes in plain base64 (no `data:` prefix). The HTTP bridge takes bodies up to 64 MB. */
        contentBase64: z
          .string()
          .min(1, 'The file is empty')
          .max(MAX_BASE64, 'Too large: a file may be at most 100 MB')
          .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'Not base64'),
      })
      .strict(),
  }),
  'media.addLink': operation<MediaDto>()({
    summary: 'Fetch a public http(s) link’s file into a phone number’s media library',
    access: needs('media.write'),
    input: z
      .object({
        phoneNumberId,
        url: z.string().trim().min(1, 'Required').max(2048),
      })
      .strict(),
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
  'media.delete': operation<{ ok: true }>()({
    summary: 'Delete a file from the media library (and at WhatsApp)',
    access: needs('media.write'),
    input: z.object({ id: idField }).strict(),
  }),
};
