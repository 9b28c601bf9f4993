import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '@shared/errors';
import { AuditEntryEntity } from '../../../electron/core/db/entities/audit-entry';
import type { MediaService } from '../../../electron/core/media/media-service';
import { writeSql, type TestCore } from '../../helpers/test-core';
import { makeMediaCore, mediaFiles, mediaFolderEntries, mediaRows, OTHER_PHONE, PHONE } from './media-kit';
import { bigJpeg, EXE, PDF, PNG, webp } from './samples';

let tc: TestCore;
let media: MediaService;

beforeEach(async () => {
  tc = await makeMediaCore();
  media = tc.core.services.media;
});
afterEach(async () => {
  await tc.close();
});

async function refusedWith(work: Promise<unknown>): Promise<AppError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('storing a file', () => {
  it('writes it under media/<phone number>/<random name> and records it', async () => {
    const dto = await media.storeFile({
      phoneNumberId: PHONE,
      fileName: 'logo.png',
      mimeType: 'image/png',
      data: PNG,
    });
    const [row] = await mediaRows(tc.core);
    expect(row).toMatchObject({
      id: dto.id,
      phoneNumberId: PHONE,
      kind: 'image',
      mimeType: 'image/png',
      sizeBytes: PNG.length,
      fileName: 'logo.png',
      sha256: createHash('sha256').update(PNG).digest('hex'),
      source: 'upload',
      sourceUrl: null,
      waMediaId: null,
      waUploadedAt: null,
      messageId: null,
    });
    expect(row!.storageName).toMatch(/^[A-Za-z0-9_-]{43}\.png$/);
    expect(mediaFolderEntries(tc.dataDir)).toEqual([PHONE, `${PHONE}/${row!.storageName}`]);
    expect(readFileSync(join(tc.dataDir, 'media', PHONE, row!.storageName))).toEqual(PNG);
    expect(dto).toEqual({
      id: row!.id,
      phoneNumberId: PHONE,
      kind: 'image',
      mimeType: 'image/png',
      sizeBytes: PNG.length,
      fileName: 'logo.png',
      url: `/media/${row!.storageName}`,
      waMediaId: null,
      waUploadedAt: null,
      waRenewsAt: null,
      waExpiresAt: null,
      waState: 'none',
      waError: null,
      source: 'upload',
      sourceUrl: null,
      createdAt: tc.clock.now().toISOString(),
    });
  });

  it('keeps each phone number’s library apart, newest first', async () => {
    const first = await media.storeFile({
      phoneNumberId: PHONE,
      fileName: 'a.pdf',
      mimeType: 'application/pdf',
      data: PDF,
    });
    tc.clock.advance(1000);
    const second = await media.storeFile({
      phoneNumberId: PHONE,
      fileName: 'b.png',
      mimeType: 'image/png',
      data: PNG,
    });
    const other = await media.storeFile({
      phoneNumberId: OTHER_PHONE,
      fileName: 'c.png',
      mimeType: '',
      data: PNG,
    });
    expect((await media.list(PHONE)).map((m) => m.id)).toEqual([second.id, first.id]);
    expect((await media.list(OTHER_PHONE)).map((m) => m.id)).toEqual([other.id]);
    expect(mediaFiles(tc.dataDir).filter((f) => f.startsWith(`${OTHER_PHONE}/`))).toHaveLength(1);
  });

  it.each([
    ['a 6 MB image', 'big.jpg', 'image/jpeg', bigJpeg(6), /an image may be at most 5 MB/],
    [
      'a static WebP sticker over 100 KB',
      'sticker.webp',
      'image/webp',
      webp(120 * 1024),
      /static sticker may be at most 100 KB/,
    ],
    ['a program named .jpg', 'photo.jpg', 'image/jpeg', EXE, /program/],
    ['a GIF', 'dance.gif', 'image/gif', Buffer.from('GIF89a', 'latin1'), /does not take image\/gif/],
  ])(
    'refuses %s, writing nothing to disk or the database',
    async (_what, fileName, mimeType, data, message) => {
      const error = await refusedWith(media.storeFile({ phoneNumberId: PHONE, fileName, mimeType, data }));
      expect(error.code).toBe('VALIDATION');
      expect(error.message).toMatch(message);
      expect(error.fields?.[0]?.field).toMatch(/^(mimeType|contentBase64)$/);
      expect(mediaFolderEntries(tc.dataDir)).toEqual([]);
      expect(await mediaRows(tc.core)).toEqual([]);
      expect(await tc.core.ctx.db.getRepository(AuditEntryEntity).countBy({ targetType: 'media' })).toBe(0);
    },
  );

  it('refuses a phone number the business does not have, writing nothing', async () => {
    const error = await refusedWith(
      media.storeFile({ phoneNumberId: '999', fileName: 'a.png', mimeType: 'image/png', data: PNG }),
    );
    expect(error.fields).toEqual([{ field: 'phoneNumberId', message: 'Unknown phone number' }]);
    expect(mediaFolderEntries(tc.dataDir)).toEqual([]);
  });

  it('removes the written file when the row cannot be inserted', async () => {
    await writeSql(
      tc.core,
      `CREATE TRIGGER media_insert_fails BEFORE INSERT ON media BEGIN SELECT RAISE(ABORT, 'disk is full'); END`,
    );
    await expect(
      media.storeFile({ phoneNumberId: PHONE, fileName: 'a.png', mimeType: 'image/png', data: PNG }),
    ).rejects.toThrow(/disk is full/);
    // The folder may stay; no file, and no half-written temporary one either.
    expect(mediaFiles(tc.dataDir)).toEqual([]);
    expect(await mediaRows(tc.core)).toEqual([]);
  });
});

describe('deleting', () => {
  it('removes the row and the file, and audits both the upload and the deletion', async () => {
    const dto = await media.storeFile({
      phoneNumberId: PHONE,
      fileName: 'menu.pdf',
      mimeType: 'application/pdf',
      data: PDF,
    });
    expect(mediaFiles(tc.dataDir)).toHaveLength(1);
    await media.delete(dto.id);
    expect(mediaFiles(tc.dataDir)).toEqual([]);
    expect(await mediaRows(tc.core)).toEqual([]);
    const audit = await tc.core.ctx.db
      .getRepository(AuditEntryEntity)
      .find({ where: { targetType: 'media' }, order: { id: 'ASC' } });
    expect(audit.map((a) => [a.action, a.targetId])).toEqual([
      ['media.uploaded', String(dto.id)],
      ['media.deleted', String(dto.id)],
    ]);
  });

  it('answers NOT_FOUND for an unknown id', async () => {
    expect((await refusedWith(media.delete(12345))).code).toBe('NOT_FOUND');
  });
});
