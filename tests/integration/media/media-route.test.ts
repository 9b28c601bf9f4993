import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MediaEntity, type MediaRow } from '../../../electron/core/db/entities/media';
import { newStorageName } from '../../../electron/core/media/media-files';
import { storeMedia } from '../../../electron/core/media/store-media';
import type { Listening } from '../../../electron/core/server/listen';
import { startPublicServer } from '../../../electron/core/server/public-server';
import { request, type HttpResponse } from '../../helpers/http';
import { makeTempDir, type TestCore } from '../../helpers/test-core';
import { makeMediaCore, PHONE } from './media-kit';
import { MP4, PDF, PNG } from './samples';

/** What must never leave the data folder, whatever the path asked for. */
const SECRET = 'secret-that-must-never-be-served';

let tc: TestCore;
let server: Listening;
let png: MediaRow;
let pdf: MediaRow;
let video: MediaRow;
/** An inbound file of a type WhatsApp does not send (an HTML page a customer attached). */
let html: MediaRow;

beforeAll(async () => {
  tc = await makeMediaCore();
  const media = tc.core.services.media;
  const row = async (id: number) => tc.core.ctx.db.getRepository(MediaEntity).findOneByOrFail({ id });
  png = await row(
    (await media.storeFile({ phoneNumberId: PHONE, fileName: 'logo.png', mimeType: 'image/png', data: PNG }))
      .id,
  );
  pdf = await row(
    (
      await media.storeFile({
        phoneNumberId: PHONE,
        fileName: 'menu "spring".pdf',
        mimeType: 'application/pdf',
        data: PDF,
      })
    ).id,
  );
  video = await row(
    (await media.storeFile({ phoneNumberId: PHONE, fileName: 'clip.mp4', mimeType: 'video/mp4', data: MP4 }))
      .id,
  );
  html = await storeMedia(tc.core.ctx, media.files, {
    phoneNumberId: PHONE,
    kind: 'document',
    mimeType: 'text/html',
    fileName: 'page.html',
    source: 'inbound',
    sourceUrl: null,
    waMediaId: null,
    waUploadedAt: null,
    messageId: null,
    data: Buffer.from('<script>alert(1)</script>'),
  });
  // Secrets beside the media folder: the config, a database file, a file one level up.
  writeFileSync(join(tc.dataDir, 'config.toml'), `token = "${SECRET}"\n`);
  writeFileSync(join(tc.dataDir, 'wapidesk.sqlite'), SECRET);
  server = await startPublicServer(tc.core, { host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await server?.close();
  await tc?.close();
});

/** GET with the path sent exactly as written (fetch would normalise `..` away). */
const get = (path: string, headers: Record<string, string> = {}) =>
  request({ port: server.port, path, headers });

/** The body as bytes: fetch keeps binary intact where the text helper would not. */
async function bytes(path: string): Promise<{ status: number; headers: Headers; body: Buffer }> {
  const response = await fetch(`${server.url}${path}`);
  return {
    status: response.status,
    headers: response.headers,
    body: Buffer.from(await response.arrayBuffer()),
  };
}

function expectNotFound(response: HttpResponse): void {
  expect(response.status).toBe(404);
  expect(response.text).not.toContain(SECRET);
  expect(response.text).not.toMatch(/media\/\d+|\/tmp\/|wapidesk-test/);
  expect(response.headers['content-disposition']).toBeUndefined();
}

describe('GET /media/<storage name>', () => {
  it('serves an image inline with its type, nosniff, a sandbox policy and cache headers', async () => {
    const response = await bytes(`/media/${png.storageName}`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual(PNG);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('content-length')).toBe(String(PNG.length));
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-disposition')).toBe(
      `inline; filename="logo.png"; filename*=UTF-8''logo.png`,
    );
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(response.headers.get('cache-control')).toBe('private, max-age=86400, immutable');
    expect(response.headers.get('etag')).toBeTruthy();
  });

  it('serves a video inline and a document as an attachment', async () => {
    const clip = await bytes(`/media/${video.storageName}`);
    expect(clip.headers.get('content-type')).toBe('video/mp4');
    expect(clip.headers.get('content-disposition')).toMatch(/^inline;/);
    const menu = await bytes(`/media/${pdf.storageName}`);
    expect(menu.body).toEqual(PDF);
    expect(menu.headers.get('content-type')).toBe('application/pdf');
    expect(menu.headers.get('content-disposition')).toBe(
      `attachment; filename="menu _spring_.pdf"; filename*=UTF-8''menu%20%22spring%22.pdf`,
    );
  });

  it('serves a type WhatsApp does not send as opaque bytes to download, never as a page', async () => {
    const page = await bytes(`/media/${html.storageName}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('application/octet-stream');
    expect(page.headers.get('content-disposition')).toMatch(/^attachment;/);
  });

  it('answers HEAD, conditional GET and byte ranges (video players, Meta’s fetcher)', async () => {
    const head = await request({ port: server.port, method: 'HEAD', path: `/media/${png.storageName}` });
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String(PNG.length));
    const again = await get(`/media/${png.storageName}`, { 'if-none-match': String(head.headers.etag) });
    expect(again.status).toBe(304);
    const range = await fetch(`${server.url}/media/${video.storageName}`, {
      headers: { range: 'bytes=4-7' },
    });
    expect(range.status).toBe(206);
    expect(Buffer.from(await range.arrayBuffer()).toString('latin1')).toBe('ftyp');
  });

  it('stops serving a file once it is deleted', async () => {
    const extra = await tc.core.services.media.storeFile({
      phoneNumberId: PHONE,
      fileName: 'old.png',
      mimeType: 'image/png',
      data: PNG,
    });
    expect((await get(extra.url)).status).toBe(200);
    await tc.core.services.media.delete(extra.id);
    expectNotFound(await get(extra.url));
  });
});

describe('a data folder under a dot folder (~/.config/Wapidesk on Linux)', () => {
  it('is served all the same', async () => {
    const parent = makeTempDir('wapidesk-dot-');
    const dataDir = join(parent, '.config', 'Wapidesk');
    mkdirSync(dataDir, { recursive: true });
    const dotted = await makeMediaCore({ dataDir });
    const listener = await startPublicServer(dotted.core, { host: '127.0.0.1', port: 0 });
    try {
      const dto = await dotted.core.services.media.storeFile({
        phoneNumberId: PHONE,
        fileName: 'logo.png',
        mimeType: 'image/png',
        data: PNG,
      });
      const response = await fetch(`${listener.url}${dto.url}`);
      expect(response.status).toBe(200);
      expect(Buffer.from(await response.arrayBuffer())).toEqual(PNG);
    } finally {
      await listener.close();
      await dotted.close();
      rmSync(parent, { recursive: true, force: true });
    }
  });
});

describe('anything else under /media', () => {
  it.each([
    '/media/',
    '/media',
    `/media/${PHONE}`,
    `/media/${PHONE}/`,
    '/media/..%2F..%2Fconfig.toml',
    '/media/../wapidesk.sqlite',
    '/media/../config.toml',
    '/media/..%2fwapidesk.sqlite',
    '/media/%2e%2e/config.toml',
    '/media/%2e%2e%2fconfig.toml',
    '/media/%252e%252e%252fconfig.toml',
    '/media/..%252F..%252Fconfig.toml',
    '/media/%2E%2E%5Cconfig.toml',
    '/media/..\\config.toml',
    '/media//etc/passwd',
    '/media/%2Fetc%2Fpasswd',
    `/media/${encodeURIComponent(join('/', 'etc', 'passwd'))}`,
    '/media/config.toml',
    '/media/wapidesk.sqlite',
    '/media/%',
    '/media/%E0%A4%A',
    '/media/%00',
  ])('%s is 404 and leaks nothing', async (path) => {
    expectNotFound(await get(path));
  });

  it('refuses a stored name with its phone number folder put in front', async () => {
    expectNotFound(await get(`/media/${PHONE}/${png.storageName}`));
    expectNotFound(await get(`/media/${PHONE}%2F${png.storageName}`));
    expectNotFound(await get(`/media/..%2F${PHONE}%2F${png.storageName}`));
  });

  it('refuses a valid-looking name that is not in the library, even when such a file exists', async () => {
    expectNotFound(await get(`/media/${newStorageName('png')}`));
    const planted = newStorageName('png');
    writeFileSync(join(tc.dataDir, 'media', PHONE, planted), PNG);
    expectNotFound(await get(`/media/${planted}`));
  });

  it('refuses a name whose path is a folder, or a link out of the media folder', async () => {
    const folder = await plantRow(newStorageName('png'));
    mkdirSync(join(tc.dataDir, 'media', PHONE, folder.storageName));
    expectNotFound(await get(`/media/${folder.storageName}`));

    const link = await plantRow(newStorageName('txt'));
    symlinkSync(join(tc.dataDir, 'config.toml'), join(tc.dataDir, 'media', PHONE, link.storageName));
    expectNotFound(await get(`/media/${link.storageName}`));
  });

  it('refuses a name in a different case, or with more around it', async () => {
    expectNotFound(await get(`/media/${png.storageName.toUpperCase()}`));
    expectNotFound(await get(`/media/${png.storageName}.png`));
    expectNotFound(await get(`/media/${png.storageName}/`));
    expectNotFound(await get(`/media/${png.storageName}%00.png`));
  });

  it('allows only reading', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      expect((await request({ port: server.port, method, path: `/media/${png.storageName}` })).status).toBe(
        404,
      );
    }
    expect((await bytes(`/media/${png.storageName}`)).body).toEqual(PNG);
  });
});

/** A row the route will look up, whose file the test then replaces by something that is not a file. */
async function plantRow(storageName: string): Promise<MediaRow> {
  const row: Omit<MediaRow, 'id'> = {
    phoneNumberId: PHONE,
    kind: 'document',
    mimeType: 'text/plain',
    sizeBytes: 1,
    fileName: 'x.txt',
    storageName,
    sha256: '0'.repeat(64),
    source: 'upload',
    sourceUrl: null,
    waMediaId: null,
    waUploadedAt: null,
    waError: null,
    messageId: null,
    createdAt: tc.clock.now(),
  };
  const inserted = await tc.core.ctx.tx.run((m) => m.getRepository(MediaEntity).insert(row));
  return { ...row, id: inserted.identifiers[0]!.id as number };
}
