import { AppError } from '@shared/errors';
import type { Vertical } from '@shared/business-profile';
import { PROFILE_LIMITS } from '@shared/business-profile';
import type { BusinessProfileDto, ProfilePhotoDto } from '@shared/types/phone-numbers';
import type { Actor } from '../auth/actor';
import type { WhatsAppConnection } from '../connection/whatsapp-connection';
import type { CoreContext } from '../core-context';
import { PhoneNumberEntity } from '../db/entities/messaging';
import { fetchLink } from '../media/fetch-link';
import { sniff } from '../media/sniff';
import { WhatsAppApiError, type BusinessProfile, type BusinessProfileUpdate } from '../whatsapp';

export interface ProfileChanges {
  about?: string;
  address?: string;
  description?: string;
  email?: string;
  websites?: string[];
  vertical?: Vertical;
}

/**
 * Each number's WhatsApp business profile: read from WhatsApp and written back to it (WhatsApp keeps
 * it; the app keeps no copy to go stale). The operation's schema has checked WhatsApp's limits
 * already, so a refusal here is WhatsApp's own, shown with its words.
 */
export class BusinessProfileService {
  constructor(
    private readonly ctx: CoreContext,
    private readonly whatsapp: WhatsAppConnection | null,
  ) {}

  async get(phoneNumberId: string): Promise<BusinessProfileDto> {
    await this.known(phoneNumberId);
    const profile = await this.call(() => this.connected().client.businessProfile.get(phoneNumberId));
    return toDto(phoneNumberId, profile);
  }

  async update(
    phoneNumberId: string,
    changes: ProfileChanges,
    actor: Actor | null,
  ): Promise<BusinessProfileDto> {
    await this.known(phoneNumberId);
    const update: BusinessProfileUpdate = Object.fromEntries(
      Object.entries(changes).filter(([, value]) => value !== undefined),
    );
    if (Object.keys(update).length === 0) return this.get(phoneNumberId);
    await this.call(() => this.connected().client.businessProfile.update(phoneNumberId, update));
    await this.audit(actor, 'business_profile.updated', phoneNumberId, { fields: Object.keys(update) });
    this.ctx.events.publish('phoneNumbers.changed', { phoneNumberId, reason: 'profile' });
    return this.get(phoneNumberId);
  }

  /**
   * A new profile photo: checked to be a JPEG or PNG within 5 MB by its bytes, uploaded with Meta's
   * resumable upload (session on the app, then the bytes, for a handle) and set with that handle.
   */
  async setPhoto(
    phoneNumberId: string,
    file: { data: Buffer; fileName: string },
    actor: Actor | null,
  ): Promise<BusinessProfileDto> {
    const mimeType = photoType(file.data);
    await this.known(phoneNumberId);
    const whatsapp = this.connected();
    if (!whatsapp.appId) {
      throw new AppError(
        'CONFLICT',
        'A profile photo is uploaded through your Meta app: set [whatsapp] app_id in config.toml (App Dashboard → App settings → Basic)',
      );
    }
    const { handle } = await this.call(() =>
      whatsapp.client.uploads.upload(whatsapp.appId, { data: file.data, mimeType, fileName: file.fileName }),
    );
    await this.call(() =>
      whatsapp.client.businessProfile.update(phoneNumberId, { profile_picture_handle: handle }),
    );
    await this.audit(actor, 'business_profile.photo_set', phoneNumberId, { sizeBytes: file.data.length });
    this.ctx.events.publish('phoneNumbers.changed', { phoneNumberId, reason: 'profile' });
    return this.get(phoneNumberId);
  }

  /**
   * The current photo's bytes, for the window to show (its CSP loads no outside images). Meta's
   * picture URL is public (pps.whatsapp.net) and fetched as any public link; the sandbox's is on
   * the API's own origin and fetched through the client.
   */
  async photo(phoneNumberId: string): Promise<ProfilePhotoDto | null> {
    await this.known(phoneNumberId);
    const whatsapp = this.connected();
    const profile = await this.call(() => whatsapp.client.businessProfile.get(phoneNumberId));
    const url = profile.profile_picture_url;
    if (!url || !/^https?:\/\//.test(url)) return null;
    const fetched = whatsapp.client.isApiOrigin(url)
      ? await this.call(() => whatsapp.client.media.download(url))
      : await fetchLink(url, {
          timeoutMs: 15_000,
          maxRedirects: 3,
          allowPrivateNetwork: false,
          maxBytesFor: () => PROFILE_LIMITS.photoBytes,
        }).then((f) => ({ data: f.data, contentType: f.contentType }));
    const family = sniff(fetched.data);
    if (family !== 'jpeg' && family !== 'png') return null;
    return {
      mimeType: family === 'png' ? 'image/png' : 'image/jpeg',
      contentBase64: fetched.data.toString('base64'),
    };
  }

  private async known(phoneNumberId: string): Promise<void> {
    if (!(await this.ctx.db.getRepository(PhoneNumberEntity).existsBy({ id: phoneNumberId }))) {
      throw new AppError('NOT_FOUND', `No phone number ${phoneNumberId} in this business account`);
    }
  }

  private connected(): WhatsAppConnection {
    if (!this.whatsapp) throw new AppError('CONFLICT', 'WhatsApp is not connected');
    return this.whatsapp;
  }

  /** WhatsApp's refusal in its own words (the fields were checked against its limits already). */
  private async call<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof WhatsAppApiError)) throw error;
      if (error.failure !== 'api') {
        throw new AppError('CONFLICT', `WhatsApp could not be reached, so nothing changed: ${error.message}`);
      }
      const words = [error.userMessage, error.details].filter(Boolean).join(' ') || error.title;
      throw new AppError(error.code === 100 ? 'VALIDATION' : 'CONFLICT', `WhatsApp refused it: ${words}`);
    }
  }

  private audit(
    actor: Actor | null,
    action: string,
    phoneNumberId: string,
    details: Record<string, unknown>,
  ) {
    return this.ctx.tx.run((m) =>
      this.ctx.audit.record(m, {
        actorUserId: actor?.user.id ?? null,
        action,
        targetType: 'phone_number',
        targetId: phoneNumberId,
        details,
      }),
    );
  }
}

function toDto(phoneNumberId: string, profile: BusinessProfile): BusinessProfileDto {
  return {
    phoneNumberId,
    about: profile.about ?? '',
    address: profile.address ?? '',
    description: profile.description ?? '',
    email: profile.email ?? '',
    websites: profile.websites ?? [],
    vertical: profile.vertical || null,
    hasPhoto: Boolean(profile.profile_picture_url),
  };
}

/** WhatsApp takes a JPEG or PNG profile photo; decided by the bytes, whatever the name says. */
function photoType(data: Buffer): 'image/jpeg' | 'image/png' {
  const refuse = (message: string): never => {
    throw new AppError('VALIDATION', message, { fields: [{ field: 'contentBase64', message }] });
  };
  if (data.length > PROFILE_LIMITS.photoBytes) refuse('Too large: a profile photo may be at most 5 MB');
  const family = sniff(data);
  if (family === 'jpeg') return 'image/jpeg';
  if (family === 'png') return 'image/png';
  return refuse('A profile photo must be a JPEG or PNG image');
}
