import { AppError } from '@shared/errors';
import type { MediaContentDto, MediaDto, MediaKind, MediaUsageDto } from '@shared/types/media';
import { Not, Raw, type EntityManager, type FindOptionsWhere } from 'typeorm';
import type { Actor } from '../auth/actor';
import { campaignsUsingMedia, releaseMediaHeader } from '../campaigns/media-usage';
import { publishChanged } from '../campaigns/campaign-transition';
import type { WhatsAppConnection } from '../connection/whatsapp-connection';
import type { CoreContext } from '../core-context';
import { MediaEntity, type MediaRow } from '../db/entities/media';
import { checkMedia } from './check-media';
import { fetchLink } from './fetch-link';
import { cleanFileName } from './file-name';
import { downloadInboundMedia } from './inbound-media';
import { assertKnownNumber } from './known-numbers';
import { toMediaDto, WA_ID_RENEW_AFTER_MS } from './media-dto';
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
    this.waIdMaxAgeMs = options.waIdMaxAgeMs ?? WA_ID_RENEW_AFTER_MS;
  }

  /**
   * A number's library, newest first: files the shop uploaded or fetched from a link. A customer's
   * media stays with their conversation (the inbox shows it to those who may read it), never here.
   */
  async list(phoneNumberId: string, filter: { search?: string; kind?: MediaKind } = {}): Promise<MediaDto[]> {
    const where: FindOptionsWhere<MediaRow> = { phoneNumberId, source: Not('inbound') };
    if (filter.kind) where.kind = filter.kind;
    const search = filter.search?.trim();
    if (search) {
      const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      where.fileName = Raw((column) => `${column} LIKE :pattern ESCAPE '\\'`, { pattern });
    }
    const rows = await this.ctx.db
      .getRepository(MediaEntity)
      .find({ where, order: { createdAt: 'DESC', id: 'DESC' } });
    return rows.map((row) => this.dto(row));
  }

  /** Library files per number (the numbers themselves come from the caller). */
  async countsByNumber(): Promise<Map<string, number>> {
    const rows = await this.ctx.db.query<{ phoneNumberId: string; files: number }[]>(
      `SELECT phone_number_id AS phoneNumberId, COUNT(*) AS files FROM media
        WHERE source <> 'inbound' GROUP BY phone_number_id`,
    );
    return new Map(rows.map((r) => [r.phoneNumberId, Number(r.files)]));
  }

  async get(id: number): Promise<MediaDto> {
    return this.dto(await this.libraryRow(id));
  }

  /**
   * A library file's bytes, for a preview or a download in the Electron window (IPC cannot stream;
   * the bridge serves the same bytes with GET /bridge/media/:id). The window asks for pictures,
   * video and audio as they show, and for a document only when the person downloads it.
   */
  async content(id: number): Promise<MediaContentDto> {
    const row = await this.libraryRow(id);
    const data = await this.files.read(row.phoneNumberId, row.storageName);
    if (!data) throw new AppError('NOT_FOUND', `The file of media ${id} is missing from the media folder`);
    return {
      mimeType: baseMimeType(row.mimeType),
      fileName: row.fileName,
      sizeBytes: row.sizeBytes,
      contentBase64: data.toString('base64'),
    };
  }

  /** The path of a library file for the UI bridge to stream (after the dispatcher said who may see it). */
  async previewPath(id: number): Promise<{ row: MediaRow; path: string } | null> {
    const row = await this.ctx.db.getRepository(MediaEntity).findOneBy({ id, source: Not('inbound') });
    if (!row) return null;
    const path = await this.files.existingPath(row.phoneNumberId, row.storageName);
    return path ? { row, path } : null;
  }

  async usage(id: number): Promise<MediaUsageDto> {
    await this.libraryRow(id);
    return { mediaId: id, ...(await campaignsUsingMedia(this.ctx.db, id)) };
  }

  /** A new name (what customers see on a document); the stored file and its /media/ address stay. */
  async rename(id: number, fileName: string, actor: Actor | null = null): Promise<MediaDto> {
    const row = await this.libraryRow(id);
    const clean = cleanFileName(fileName);
    await this.ctx.tx.run(async (m) => {
      await m.getRepository(MediaEntity).update({ id }, { fileName: clean });
      await this.ctx.audit.record(m, {
        actorUserId: actor?.user.id ?? null,
        action: 'media.renamed',
        targetType: 'media',
        targetId: id,
        details: { phoneNumberId: row.phoneNumberId, from: row.fileName, to: clean },
      });
    });
    this.changed(row, 'renamed');
    return this.get(id);
  }

  /** Uploads a library file to WhatsApp now (a fresh id), whatever the age of its current one. */
  async refreshWhatsAppId(id: number): Promise<MediaDto> {
    const row = await this.libraryRow(id);
    try {
      await this.ensureWhatsAppId(id, { force: true });
    } catch (error) {
      this.changed(row, 'uploaded');
      const reason = error instanceof Error ? error.message : String(error);
      throw error instanceof AppError
        ? error
        : new AppError('CONFLICT', `WhatsApp did not take the file: ${reason}`);
    }
    this.changed(row, 'uploaded');
    return this.get(id);
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
    this.changed(row, 'added');
    return this.dto(row);
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
    this.changed(row, 'added');
    return this.dto(row);
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
    this.ctx.events.publish('media.changed', {
      phoneNumberId: dto.phoneNumberId,
      mediaId: dto.id,
      reason: 'uploaded',
    });
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
   * Deletes a library file: at WhatsApp (an id it no longer knows is fine), then its row, then its
   * file. Never while a running or paused campaign may still send it; while draft or scheduled
   * campaigns use it as their header, only when `confirm` says the person saw them named (they lose
   * the header; a scheduled one goes back to draft). If WhatsApp cannot be reached nothing is
   * deleted, so the person can simply try again.
   */
  async delete(
    id: number,
    options: { confirm?: boolean } = {},
    actor: Actor | null = null,
  ): Promise<{ releasedCampaignIds: number[] }> {
    const row = await this.libraryRow(id);
    assertDeletable(await campaignsUsingMedia(this.ctx.db, id), options.confirm ?? false);
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
    const released = await this.ctx.tx.run(async (m) => {
      // Again inside the write: a campaign may have started since the check above.
      assertDeletable(await campaignsUsingMedia(m, id), options.confirm ?? false);
      const changed = await releaseMediaHeader(
        m,
        this.ctx.audit,
        id,
        row.fileName,
        actor?.user.id ?? null,
        this.ctx.clock.now(),
      );
      await m.getRepository(MediaEntity).delete({ id });
      await this.audit(m, actor, 'media.deleted', row, { releasedCampaignIds: changed.map((c) => c.id) });
      return changed;
    });
    await this.files.remove(row.phoneNumberId, row.storageName);
    for (const campaign of released) publishChanged(this.ctx, campaign);
    this.changed(row, 'deleted');
    return { releasedCampaignIds: released.map((c) => c.id) };
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

  /** A file of the library (uploaded or linked); a customer's media answers as if it did not exist. */
  private async libraryRow(id: number): Promise<MediaRow> {
    const row = await this.row(id);
    if (row.source === 'inbound') throw new AppError('NOT_FOUND', `No media with id ${id} in a library`);
    return row;
  }

  private dto(row: MediaRow): MediaDto {
    return toMediaDto(row, this.ctx.clock.now(), this.waIdMaxAgeMs);
  }

  private changed(row: MediaRow, reason: 'added' | 'renamed' | 'uploaded' | 'deleted'): void {
    this.ctx.events.publish('media.changed', { phoneNumberId: row.phoneNumberId, mediaId: row.id, reason });
  }

  private audit(
    m: EntityManager,
    actor: Actor | null,
    action: string,
    row: MediaRow,
    extra: Record<string, unknown> = {},
  ): Promise<void> {
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
        ...extra,
      },
    });
  }
}

/** Refuses a delete that would break a sending campaign, or surprise the owner of a waiting one. */
function assertDeletable(uses: Awaited<ReturnType<typeof campaignsUsingMedia>>, confirm: boolean): void {
  const names = (list: { name: string }[]) => list.map((c) => `“${c.name}”`).join(', ');
  if (uses.sending.length > 0) {
    throw new AppError(
      'CONFLICT',
      `Campaign ${names(uses.sending)} may still send this file as its header; it can be deleted once the campaign has finished or been cancelled`,
    );
  }
  if (uses.waiting.length > 0 && !confirm) {
    throw new AppError(
      'CONFLICT',
      `Campaign ${names(uses.waiting)} uses this file as its header. Deleting it takes it out of ${uses.waiting.length === 1 ? 'that campaign' : 'those campaigns'}; confirm to go ahead`,
    );
  }
}
