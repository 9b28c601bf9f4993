import { WhatsAppApiError } from '../whatsapp';

/**
 * WhatsApp no longer knows a media id: it expired (30 days after upload, 7 after a webhook) or was
 * deleted. Graph answers "object does not exist" (100, subcode 33); a download URL answers 404.
 */
export function isMediaGone(error: unknown): boolean {
  return (
    error instanceof WhatsAppApiError &&
    error.failure === 'api' &&
    (error.httpStatus === 404 || (error.code === 100 && error.subcode === 33))
  );
}
