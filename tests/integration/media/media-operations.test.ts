import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MediaDto } from '@shared/types/media';
import { startBridgeServer } from '../../../electron/core/server/bridge-server';
import type { Listening } from '../../../electron/core/server/listen';
import { fail, ok } from '../../helpers/dispatch';
import { rpc } from '../../helpers/http';
import { addMember, addRole, signInOwner, tokenOf } from '../../helpers/people';
import type { TestCore } from '../../helpers/test-core';
import { makeMediaCore, mediaFiles, PHONE } from './media-kit';
import { bigJpeg, padded, PDF, PNG } from './samples';

let tc: TestCore;
let owner: string;
let reader: string;
let writer: string;
let nobody: string;

beforeAll(async () => {
  tc = await makeMediaCore();
  owner = await signInOwner(tc);
  const member = async (permissions: Parameters<typeof addRole>[2]) =>
    tokenOf(await addMember(tc.core, owner, { roleIds: [(await addRole(tc.core, owner, permissions)).id] }));
  reader = await member(['media.read']);
  writer = await member(['media.read', 'media.write']);
  nobody = await member(['contacts.read']);
});
afterAll(async () => {
  await tc?.close();
});

const upload = (data: Buffer, fileName = 'logo.png', mimeType = 'image/png') => ({
  phoneNumberId: PHONE,
  fileName,
  mimeType,
  contentBase64: data.toString('base64'),
});

describe('the media operations', () => {
  it('upload, list and delete for someone holding media.write', async () => {
    const dto = await ok(tc.core, writer, 'media.uploadFile', upload(PNG));
    expect(dto).toMatchObject({
      phoneNumberId: PHONE,
      kind: 'image',
      mimeType: 'image/png',
      fileName: 'logo.png',
      source: 'upload',
    });
    expect(dto.url).toMatch(/^\/media\/[A-Za-z0-9_-]{43}\.png$/);
    // No WhatsApp connection in this core: the id comes when it is first sent.
    expect(dto.waMediaId).toBeNull();
    expect(await ok(tc.core, reader, 'media.list', { phoneNumberId: PHONE })).toEqual([dto]);
    expect(await ok(tc.core, writer, 'media.delete', { id: dto.id })).toEqual({
      ok: true,
      releasedCampaignIds: [],
    });
    expect(await ok(tc.core, reader, 'media.list', { phoneNumberId: PHONE })).toEqual([]);
  });

  it('refuses changes without media.write, and reading without media.read', async () => {
    const stored = await ok(tc.core, writer, 'media.uploadFile', upload(PDF, 'menu.pdf', 'application/pdf'));
    for (const token of [reader, nobody]) {
      expect((await fail(tc.core, token, 'media.uploadFile', upload(PNG))).code).toBe('FORBIDDEN');
      expect(
        (
          await fail(tc.core, token, 'media.addLink', {
            phoneNumberId: PHONE,
            url: 'https://example.com/a.png',
          })
        ).code,
      ).toBe('FORBIDDEN');
      expect((await fail(tc.core, token, 'media.delete', { id: stored.id })).code).toBe('FORBIDDEN');
    }
    expect((await fail(tc.core, nobody, 'media.list', { phoneNumberId: PHONE })).code).toBe('FORBIDDEN');
    expect((await fail(tc.core, null, 'media.list', { phoneNumberId: PHONE })).code).toBe('UNAUTHENTICATED');
    expect(
      (await ok(tc.core, reader, 'media.list', { phoneNumberId: PHONE })).map((m: MediaDto) => m.id),
    ).toEqual([stored.id]);
    await ok(tc.core, owner, 'media.delete', { id: stored.id });
  });

  it('name the field of a bad input, and write nothing', async () => {
    const cases: [unknown, string, RegExp][] = [
      [{ ...upload(PNG), phoneNumberId: '../../etc' }, 'phoneNumberId', /digits only/],
      [{ ...upload(PNG), phoneNumberId: '999' }, 'phoneNumberId', /Unknown phone number/],
      [{ ...upload(PNG), contentBase64: 'not base64!' }, 'contentBase64', /Not base64/],
      [upload(bigJpeg(6), 'big.jpg', 'image/jpeg'), 'contentBase64', /at most 5 MB/],
      [upload(Buffer.from('MZ\x90\0program'), 'photo.jpg', 'image/jpeg'), 'contentBase64', /program/],
      [upload(PNG, 'a.gif', 'image/gif'), 'mimeType', /does not take image\/gif/],
    ];
    for (const [input, field, message] of cases) {
      const error = await fail(tc.core, writer, 'media.uploadFile', input);
      expect(error.code, field).toBe('VALIDATION');
      expect(error.fields?.find((f) => f.field === field)?.message, JSON.stringify(error)).toMatch(message);
    }
    expect(mediaFiles(tc.dataDir)).toEqual([]);
  });

  it('refuse a link to this computer (the app fetches internet addresses only)', async () => {
    const error = await fail(tc.core, writer, 'media.addLink', {
      phoneNumberId: PHONE,
      url: 'http://127.0.0.1:9/menu.pdf',
    });
    expect(error).toMatchObject({ code: 'VALIDATION', fields: [{ field: 'url' }] });
    expect(error.message).toMatch(/private network/);
  });

  it('answer NOT_FOUND when deleting media that is not there', async () => {
    expect((await fail(tc.core, writer, 'media.delete', { id: 987654 })).code).toBe('NOT_FOUND');
  });
});

describe('the HTTP bridge', () => {
  let bridge: Listening;
  beforeAll(async () => {
    bridge = await startBridgeServer(tc.core, { port: 0, rendererDir: null });
  });
  afterAll(async () => {
    await bridge?.close();
  });

  it('takes an upload larger than the 2 MB other operations are held to', async () => {
    const file = padded(PDF, 3 * 1024 * 1024);
    const response = await rpc(
      bridge.port,
      'media.uploadFile',
      upload(file, 'catalogue.pdf', 'application/pdf'),
      writer,
    );
    expect(response.status).toBe(200);
    const dto = (response.json as { result: MediaDto }).result;
    expect(dto).toMatchObject({ kind: 'document', sizeBytes: file.length, fileName: 'catalogue.pdf' });
    await ok(tc.core, writer, 'media.delete', { id: dto.id });
  });
});
