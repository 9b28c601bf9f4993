import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MediaEntity } from '../../../electron/core/db/entities/media';
import { WhatsAppApiError } from '../../../electron/core/whatsapp';
import { PHONE } from './media-kit';
import { PDF, PNG } from './samples';
import { startSandboxApp, type SandboxApp } from './sandbox-app';

const DAY = 24 * 60 * 60 * 1000;

let app: SandboxApp;
beforeEach(async () => {
  app = await startSandboxApp();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await app.close();
});

const store = () =>
  app.core.services.media.storeFile({
    phoneNumberId: PHONE,
    fileName: 'logo.png',
    mimeType: 'image/png',
    data: PNG,
  });

async function whatsAppHas(id: string): Promise<Buffer | null> {
  try {
    return (await app.connection.client.media.downloadById(id, { phoneNumberId: PHONE })).data;
  } catch (error) {
    if (error instanceof WhatsAppApiError && error.code === 100) return null;
    throw error;
  }
}

describe('the WhatsApp media id of a stored file', () => {
  it('is made by uploading the file, and kept while it is young and WhatsApp still has it', async () => {
    const media = app.core.services.media;
    const upload = vi.spyOn(app.connection.client.media, 'upload');
    const dto = await store();
    const id = await media.ensureWhatsAppId(dto.id);
    expect(await whatsAppHas(id)).toEqual(PNG);
    expect(await media.get(dto.id)).toMatchObject({ waMediaId: id });
    const row = await app.core.ctx.db.getRepository(MediaEntity).findOneByOrFail({ id: dto.id });
    expect(row.waUploadedAt).toEqual(app.clock.now());

    app.clock.advance(28 * DAY);
    expect(await media.ensureWhatsAppId(dto.id)).toBe(id);
    expect(upload).toHaveBeenCalledTimes(1);
  });

  it('is uploaded again once it is 29 days old, before Meta’s 30 days are up', async () => {
    const media = app.core.services.media;
    const dto = await store();
    const first = await media.ensureWhatsAppId(dto.id);
    app.clock.advance(29 * DAY);
    const second = await media.ensureWhatsAppId(dto.id);
    expect(second).not.toBe(first);
    expect(await whatsAppHas(second)).toEqual(PNG);
    const row = await app.core.ctx.db.getRepository(MediaEntity).findOneByOrFail({ id: dto.id });
    expect(row).toMatchObject({ waMediaId: second, waUploadedAt: app.clock.now() });
  });

  it('is uploaded again when WhatsApp answers that the id is gone', async () => {
    const media = app.core.services.media;
    const dto = await store();
    const first = await media.ensureWhatsAppId(dto.id);
    await app.connection.client.media.delete(first, { phoneNumberId: PHONE });
    const second = await media.ensureWhatsAppId(dto.id);
    expect(second).not.toBe(first);
    expect(await whatsAppHas(second)).toEqual(PNG);
    expect(app.logger.lines.some((l) => l.message.includes(`no longer has id ${first}`))).toBe(true);
  });

  it('is uploaded again on request (a send failed for the media), and one upload serves calls at once', async () => {
    const media = app.core.services.media;
    const upload = vi.spyOn(app.connection.client.media, 'upload');
    const dto = await store();
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => media.ensureWhatsAppId(dto.id)));
    expect(new Set([a, b, c]).size).toBe(1);
    expect(upload).toHaveBeenCalledTimes(1);
    expect(await media.ensureWhatsAppId(dto.id, { force: true })).not.toBe(a);
    expect(upload).toHaveBeenCalledTimes(2);
  });

  it('comes straight after an upload through the library, or later when WhatsApp is down then', async () => {
    const media = app.core.services.media;
    const stored = await media.uploadIfConnected(await store());
    expect(stored.waMediaId).toMatch(/^\d+$/);

    app.sandbox.configure({ faults: { serverError: 1 } });
    const pdf = await media.storeFile({
      phoneNumberId: PHONE,
      fileName: 'menu.pdf',
      mimeType: 'application/pdf',
      data: PDF,
    });
    const kept = await media.uploadIfConnected(pdf);
    expect(kept).toMatchObject({ id: pdf.id, waMediaId: null });
    expect(
      app.logger.lines.some((l) => l.level === 'warn' && l.message.includes(`media ${pdf.id} stored`)),
    ).toBe(true);

    app.sandbox.configure({ faults: { serverError: 0 } });
    expect(await media.ensureWhatsAppId(pdf.id)).toMatch(/^\d+$/);
  });
});

describe('deleting media that WhatsApp has', () => {
  it('deletes it at WhatsApp too', async () => {
    const media = app.core.services.media;
    const dto = await store();
    const id = await media.ensureWhatsAppId(dto.id);
    await media.delete(dto.id);
    expect(await whatsAppHas(id)).toBeNull();
    expect(await media.list(PHONE)).toEqual([]);
  });

  it('ignores WhatsApp’s “not found” for an id it dropped already', async () => {
    const media = app.core.services.media;
    const dto = await store();
    const id = await media.ensureWhatsAppId(dto.id);
    await app.connection.client.media.delete(id, { phoneNumberId: PHONE });
    await media.delete(dto.id);
    expect(await media.list(PHONE)).toEqual([]);
  });

  it('keeps everything when WhatsApp cannot be reached, so it can be tried again', async () => {
    const media = app.core.services.media;
    const dto = await store();
    await media.ensureWhatsAppId(dto.id);
    app.sandbox.configure({ faults: { serverError: 1 } });
    await expect(media.delete(dto.id)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await media.list(PHONE)).map((m) => m.id)).toEqual([dto.id]);
  });
});
