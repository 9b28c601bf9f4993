import { AppError } from '@shared/errors';
import type { MediaDto } from '@shared/types/media';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor';
import type { WhatsAppConnection } from '../connection/whatsapp-connection';
import type { CoreContext } from '../core-context';
import { MediaEntity, type MediaRow } from '../db/entities/media';
import { checkMedia } from './check-media';
import { fetchLink } from './fetch-link';
import { cleanFileName } from './file-name';
import { downloadInboundMedia } from './inbound-media';
import { assertKnownNumber } from './known-numbers';
import { toMediaDto } from './media-dto';
import { MediaFiles, STORAGE_NAME } from './media-files';
import { baseMimeType, extensionFor, LARGEST_SENDABLE, ruleFor } from './media-types';
import { storeMedia } from './store-media';
import { ensureWhatsAppId, type EnsureOptions } from './whatsapp-id';
import { isMediaGone } from './whatsapp-media-errors';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface MediaServiceOptions {
  /** Link downloads may reach loopback and private addresses (tests only; see fetch-link.ts). */
  allowPrivateNetwork?: boolean;
  linkTimeoutMs?: number;
  /** How old an uploaded id may be before it is uploaded again; Meta keeps them 30 days. */
  waIdMaxAgeMs?: number;
  /** Tries of an inbound download, with waits of retryDelayMs, then twice that, … */
  inboundAttempts?: number;
  inboundRetryDelayMs?: number;
}

/** A stored file the /media/ route may serve. */
export interface ServableMedia {
  row: MediaRow;
  path: string;
}

/**
 * Each phone number's media library: files uploaded by staff, fetched from a public link or sent
 * by customers, kept in the data folder and uploaded to WhatsApp for a media id when sent.
 */
export class MediaService {
  readonly files: MediaFiles;
  private readonly waIdMaxAgeMs: number;
  private readonly inbound = new Map<number, Promise<void>>();
  private readonly uploads = new Map<number, Promise<string>>();

  constructor(
    private readonly ctx: CoreContext,
    dataDir: string,
    private readonly whatsapp: WhatsAppConnection | null,
    private readonly options: MediaServiceOptions = {},
  ) {
    this.files = new MediaFiles(dataDir);
    this.waIdMaxAgeMs = options.waIdMaxAgeMs ?? 29 * DAY_MS;
  }

  async list(phoneNumberId: string): Promise<MediaDto[]> {
    const rows = await this.ctx.db
      .getRepository(MediaEntity)
      .find({ where: { phoneNumberId }, order: { createdAt: 'DESC', id: 'DESC' } });
    return rows.map(toMediaDto);
  }

  async get(id: number): Promise<MediaDto> {
    return toMediaDto(await this.row(id));
  }

  /** Stores a file a person chose. Nothing is written unless WhatsApp would take it (type, size, content). */
  async storeFile(
    input: { phoneNumberId: string; fileName: string; mimeType: string; data: Buffer },
    actor: Actor | null = null,
  ): Promise<MediaDto> {
    const fileName = cleanFileName(input.fileName);
    const checked = checkMedia(
      { data: input.data, mimeType: input.mimeType, fileName },
      { type: 'mimeType', content: 'contentBase64' },
    );
    await assertKnownNumber(this.ctx, this.whatsapp, input.phoneNumberId);
    const row = await storeMedia(
      this.ctx,
      this.files,
      {
        phoneNumberId: input.phoneNumberId,
        ...checked,
        fileName,
        source: 'upload',
        sourceUrl: null,
        waMediaId: null,
        waUploadedAt: null,
        messageId: null,
        data: input.data,
      },
      (m, stored) => this.audit(m, actor, 'media.uploaded', stored),
    );
    return toMediaDto(row);
  }

  /** Fetches a public link's file (http/https, internet addresses, time and size capped) and stores it. */
  async storeLink(
    input: { phoneNumberId: string; url: string },
    actor: Actor | null = null,
  ): Promise<MediaDto> {
    await assertKnownNumber(this.ctx, this.whatsapp, input.phoneNumberId);
    const fetched = await fetchLink(input.url, {
      timeoutMs: this.options.linkTimeoutMs ?? 30_000,
      maxRedirects: 3,
      allowPrivateNetwork: this.options.allowPrivateNetwork ?? false,
      // A known type is cut off at its own limit; an unknown one at the largest any kind allows.
      maxBytesFor: (contentType) => ruleFor(contentType)?.maxBytes ?? LARGEST_SENDABLE,
    });
    const givenName = fetched.fileName ? cleanFileName(fetched.fileName) : null;
    const checked = checkMedia(
      { data: fetched.data, mimeType: fetched.contentType, fileName: givenName ?? '' },
      { type: 'url', content: 'url' },
    );
    const fileName =
      givenName && givenName !== 'file' ? givenName : `${checked.kind}.${extensionFor(checked.mimeType)}`;
    const row = await storeMedia(
      this.ctx,
      this.files,
      {
        phoneNumberId: input.phoneNumberId,
        ...checked,
        fileName,
        source: 'link',
        sourceUrl: input.url,
        waMediaId: null,
        waUploadedAt: null,
        messageId: null,
        data: fetched.data,
      },
      (m, stored) => this.audit(m, actor, 'media.linked', stored),
    );
    return toMediaDto(row);
  }

  /**
   * The WhatsApp media id to send this file with, uploading it when it has none, when its id is
   * older than ~29 days, or when WhatsApp says the id is gone. Calls for the same media at the same
   * time share one upload (and the first call's options).
   */
  ensureWhatsAppId(mediaId: number, options: EnsureOptions = {}): Promise<string> {
    const running = this.uploads.get(mediaId);
    if (running) return running;
    const work = (async () => {
      const whatsapp = this.whatsapp;
      if (!whatsapp) throw new AppError('CONFLICT', 'WhatsApp is not connected');
      return ensureWhatsAppId(
        this.ctx,
        this.files,
        whatsapp,
        await this.row(mediaId),
        this.waIdMaxAgeMs,
        options,
      );
    })().finally(() => this.uploads.delete(mediaId));
    this.uploads.set(mediaId, work);
    return work;
  }

  /**
   * Uploads a new file to WhatsApp straight away, so the library shows its media id; a failure
   * only leaves it without one (sending uploads again). Without a connection nothing is tried.
   */
  async uploadIfConnected(dto: MediaDto): Promise<MediaDto> {
    if (!this.whatsapp) return dto;
    try {
      await this.ensureWhatsAppId(dto.id, { verify: false });
    } catch (error) {
      this.ctx.logger.warn(
        `media ${dto.id} stored but not uploaded to WhatsApp yet: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    return this.get(dto.id);
  }

  /** A customer's media, fetched once per message (see inbound-media.ts). */
  downloadInbound(messageId: number, phoneNumberId: string, waMediaId: string): Promise<void> {
    const running = this.inbound.get(messageId);
    if (running) return running;
    const work = downloadInboundMedia(
      {
        ctx: this.ctx,
        files: this.files,
        whatsapp: this.whatsapp,
        attempts: this.options.inboundAttempts ?? 3,
        retryDelayMs: this.options.inboundRetryDelayMs ?? 2_000,
      },
      messageId,
      phoneNumberId,
      waMediaId,
    ).finally(() => this.inbound.delete(messageId));
    this.inbound.set(messageId, work);
    return work;
  }

  /**
   * Deletes the media at WhatsApp (an id it no longer knows is fine), then its row, then its file.
   * If WhatsApp cannot be reached nothing is deleted, so the person can simply try again.
   */
  async delete(id: number, actor: Actor | null = null): Promise<void> {
    const row = await this.row(id);
    const uploadedAt = row.waUploadedAt?.getTime();
    const mayExist = uploadedAt !== undefined && this.ctx.clock.now().getTime() - uploadedAt < 30 * DAY_MS;
    if (this.whatsapp && row.waMediaId && mayExist) {
      try {
        await this.whatsapp.client.media.delete(row.waMediaId, { phoneNumberId: row.phoneNumberId });
      } catch (error) {
        if (!isMediaGone(error)) {
          const reason = error instanceof Error ? error.message : String(error);
          throw new AppError(
            'CONFLICT',
            `WhatsApp could not delete the media, so nothing was deleted: ${reason}`,
          );
        }
      }
    }
    await this.ctx.tx.run(async (m) => {
      await m.getRepository(MediaEntity).delete({ id });
      await this.audit(m, actor, 'media.deleted', row);
    });
    await this.files.remove(row.phoneNumberId, row.storageName);
  }

  /** The file behind a /media/ name; null for anything that is not exactly a stored file. */
  async servable(storageName: string): Promise<ServableMedia | null> {
    if (!STORAGE_NAME.test(storageName)) return null;
    const row = await this.ctx.db.getRepository(MediaEntity).findOneBy({ storageName });
    if (!row) return null;
    const path = await this.files.existingPath(row.phoneNumberId, row.storageName);
    return path ? { row, path } : null;
  }

  private async row(id: number): Promise<MediaRow> {
    const row = await this.ctx.db.getRepository(MediaEntity).findOneBy({ id });
    if (!row) throw new AppError('NOT_FOUND', `No media with id ${id}`);
    return row;
  }

  private audit(m: EntityManager, actor: Actor | null, action: string, row: MediaRow): Promise<void> {
    return this.ctx.audit.record(m, {
      actorUserId: actor?.user.id ?? null,
      action,
      targetType: 'media',
      targetId: row.id,
      details: {
        phoneNumberId: row.phoneNumberId,
        fileName: row.fileName,
        kind: row.kind,
        mimeType: baseMimeType(row.mimeType),
        sizeBytes: row.sizeBytes,
      },
    });
  }
}
