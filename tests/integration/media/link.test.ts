import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import express from 'express';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '@shared/errors';
import { MediaService } from '../../../electron/core/media/media-service';
import { listen, type Listening } from '../../../electron/core/server/listen';
import type { TestCore } from '../../helpers/test-core';
import { makeMediaCore, mediaFolderEntries, mediaRows, PHONE } from './media-kit';
import { bigJpeg, EXE, PDF, PNG } from './samples';

/** A stand-in for some web site the shop links to, on loopback. */
let site: Listening;
let requests: string[] = [];
const held: express.Response[] = [];

beforeAll(async () => {
  const app = express();
  app.use((req, _res, next) => {
    requests.push(req.path);
    next();
  });
  app.get('/menu.pdf', (_req, res) => res.type('application/pdf').send(PDF));
  app.get('/logo', (_req, res) => {
    res.set(
      'Content-Disposition',
      `attachment; filename="logo.png"; filename*=UTF-8''shop%20logo%20%C3%A9.png`,
    );
    res.type('image/png').send(PNG);
  });
  app.get('/untyped/photo.png', (_req, res) => res.type('application/octet-stream').send(PNG));
  app.get('/moved', (_req, res) => res.redirect(302, '/menu.pdf'));
  app.get('/loop', (_req, res) => res.redirect(302, '/loop'));
  app.get('/big.jpg', (_req, res) => res.type('image/jpeg').send(bigJpeg(6)));
  app.get('/streamed-big.jpg', (_req, res) => {
    // No Content-Length: the cap must hold while the body streams.
    res.type('image/jpeg');
    const chunk = bigJpeg(1);
    let sent = 0;
    const more = () => {
      while (sent < 8 && res.write(chunk)) sent++;
      if (sent < 8) res.once('drain', more);
      else res.end();
    };
    more();
  });
  app.get('/program.jpg', (_req, res) => res.type('image/jpeg').send(EXE));
  app.get('/page', (_req, res) => res.type('text/html').send('<!doctype html><p>Our shop</p>'));
  app.get('/missing.png', (_req, res) => res.status(404).send('no'));
  app.get('/never-answers', (_req, res) => void held.push(res));
  app.get('/stalls.pdf', (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': '100000' });
    res.write(PDF);
    held.push(res);
  });
  site = await listen(app, '127.0.0.1', 0);
});
afterAll(async () => {
  for (const res of held) res.destroy();
  await site.close();
});

let tc: TestCore;
/** Like the app's, but allowed to reach the loopback site above, with a deadline a busy machine meets. */
let media: MediaService;
/** The same with a short deadline, for the links that never finish answering. */
let hurried: MediaService;

beforeEach(async () => {
  tc = await makeMediaCore();
  media = new MediaService(tc.core.ctx, tc.dataDir, null, {
    allowPrivateNetwork: true,
    linkTimeoutMs: 10_000,
  });
  hurried = new MediaService(tc.core.ctx, tc.dataDir, null, {
    allowPrivateNetwork: true,
    linkTimeoutMs: 400,
  });
  requests = [];
});
afterEach(async () => {
  await tc.close();
});

const link = (path: string) => `${site.url}${path}`;

async function refusal(work: Promise<unknown>): Promise<AppError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe('VALIDATION');
  expect((error as AppError).fields?.[0]?.field).toBe('url');
  return error as AppError;
}

describe('adding a public link', () => {
  it('fetches and stores the file, with its type, name and link', async () => {
    const dto = await media.storeLink({ phoneNumberId: PHONE, url: link('/menu.pdf') });
    expect(dto).toMatchObject({
      kind: 'document',
      mimeType: 'application/pdf',
      fileName: 'menu.pdf',
      source: 'link',
    });
    const [row] = await mediaRows(tc.core);
    expect(row!.sourceUrl).toBe(link('/menu.pdf'));
    expect(readFileSync(join(tc.dataDir, 'media', PHONE, row!.storageName))).toEqual(PDF);
  });

  it('takes the name from Content-Disposition, and the type from the content when the server gives none', async () => {
    expect(await media.storeLink({ phoneNumberId: PHONE, url: link('/logo') })).toMatchObject({
      fileName: 'shop logo é.png',
      mimeType: 'image/png',
    });
    expect(await media.storeLink({ phoneNumberId: PHONE, url: link('/untyped/photo.png') })).toMatchObject({
      kind: 'image',
      mimeType: 'image/png',
      fileName: 'photo.png',
    });
  });

  it('follows a redirect, but not forever', async () => {
    expect((await media.storeLink({ phoneNumberId: PHONE, url: link('/moved') })).mimeType).toBe(
      'application/pdf',
    );
    expect((await refusal(media.storeLink({ phoneNumberId: PHONE, url: link('/loop') }))).message).toMatch(
      /redirects too many times/,
    );
    expect(requests.filter((p) => p === '/loop')).toHaveLength(4);
  });

  it.each([
    ['a 6 MB image (by its Content-Length)', '/big.jpg', /Too large: the file may be at most 5 MB/],
    [
      'a 6 MB+ image streamed without a length',
      '/streamed-big.jpg',
      /Too large: the file may be at most 5 MB/,
    ],
    ['a program served as image/jpeg', '/program.jpg', /program/],
    ['a web page', '/page', /does not take text\/html/],
    ['a missing file', '/missing.png', /answered HTTP 404/],
    ['a server that never answers', '/never-answers', /did not answer in time/],
    ['a body that stops coming', '/stalls.pdf', /did not send the file in time/],
  ])('refuses %s, storing nothing', async (_what, path, message) => {
    const started = Date.now();
    const service = /in time/.test(message.source) ? hurried : media;
    expect((await refusal(service.storeLink({ phoneNumberId: PHONE, url: link(path) }))).message).toMatch(
      message,
    );
    expect(Date.now() - started).toBeLessThan(service === hurried ? 3_000 : 10_000);
    expect(mediaFolderEntries(tc.dataDir)).toEqual([]);
    expect(await mediaRows(tc.core)).toEqual([]);
  });
});

describe('the app’s own service (no private addresses)', () => {
  it.each([
    ['file:///etc/passwd', /Only http:\/\/ and https:\/\//],
    ['ftp://example.com/menu.pdf', /Only http:\/\/ and https:\/\//],
    ['data:image/png;base64,AAAA', /Only http:\/\/ and https:\/\//],
    ['javascript:alert(1)', /Only http:\/\/ and https:\/\//],
    ['not a link', /Not a valid link/],
    ['http://user:secret@example.com/a.png', /user name or password/],
  ])('refuses %s without fetching anything', async (url, message) => {
    const error = await refusal(tc.core.services.media.storeLink({ phoneNumberId: PHONE, url }));
    expect(error.message).toMatch(message);
  });

  it.each([
    (port: number) => `http://127.0.0.1:${port}/menu.pdf`,
    (port: number) => `http://localhost:${port}/menu.pdf`,
    (port: number) => `http://[::ffff:127.0.0.1]:${port}/menu.pdf`,
    (port: number) => `http://[::ffff:7f00:1]:${port}/menu.pdf`,
    (port: number) => `http://[::127.0.0.1]:${port}/menu.pdf`,
    (port: number) => `http://[2002:7f00:1::1]:${port}/menu.pdf`,
    (port: number) => `http://2130706433:${port}/menu.pdf`,
    (port: number) => `http://0x7f.1:${port}/menu.pdf`,
  ])('refuses this computer and private networks: %s', async (make) => {
    const error = await refusal(
      tc.core.services.media.storeLink({ phoneNumberId: PHONE, url: make(site.port) }),
    );
    expect(error.message).toBe('The link points to this computer or a private network');
    expect(requests).toEqual([]);
    expect(mediaFolderEntries(tc.dataDir)).toEqual([]);
  });

  it('checks every redirect like a new link', async () => {
    const hop = express();
    hop.get('/to-file', (_req, res) => res.redirect(302, 'file:///etc/passwd'));
    hop.get('/to-loopback', (_req, res) => res.redirect(302, `${site.url}/menu.pdf`));
    const hopSite = await listen(hop, '127.0.0.1', 0);
    try {
      // Even a service allowed on loopback refuses a redirect to another scheme.
      expect(
        (await refusal(media.storeLink({ phoneNumberId: PHONE, url: `${hopSite.url}/to-file` }))).message,
      ).toMatch(/Only http:\/\/ and https:\/\//);
      // The app's service never reaches the loopback target, whichever hop names it.
      expect(
        (
          await refusal(
            tc.core.services.media.storeLink({ phoneNumberId: PHONE, url: `${hopSite.url}/to-loopback` }),
          )
        ).message,
      ).toMatch(/private network/);
      expect(requests).toEqual([]);
    } finally {
      await hopSite.close();
    }
  });
});
