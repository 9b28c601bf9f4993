import { AppError } from '@shared/errors';
import { isHttpsLink } from '@shared/operations/campaigns';
import type { MediaHeader } from '@shared/types/campaigns';
import type { CampaignRow } from '../db/entities/campaign';
import type { MediaService } from '../media/media-service';
import type { RenderMediaHeader } from './render-message';

/**
 * The campaign's media header as Graph takes it: a link as is, a library file by its WhatsApp id
 * (uploaded once and reused; the media service uploads again when the id is near its 30 days).
 */
export async function resolveMediaHeader(
  media: MediaService | null,
  campaign: Pick<CampaignRow, 'mediaHeader'>,
): Promise<RenderMediaHeader | null> {
  if (!campaign.mediaHeader) return null;
  const header = JSON.parse(campaign.mediaHeader) as MediaHeader;
  if ('link' in header) {
    // Saved by a version before links had to be https://: never handed to WhatsApp as it is.
    if (!isHttpsLink(header.link)) {
      throw new AppError(
        'VALIDATION',
        `The header’s link must start with https://: edit the campaign to change ${header.link}.`,
      );
    }
    return { ref: { link: header.link }, displayUrl: header.link };
  }
  if (!media) throw new AppError('CONFLICT', 'The media library is not available');
  const file = await media.get(header.mediaId);
  const id = await media.ensureWhatsAppId(header.mediaId);
  return { ref: { id }, displayUrl: file.url, filename: file.fileName };
}
