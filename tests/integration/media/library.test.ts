import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MediaEntity } from '../../../electron/core/db/entities/media';
import { startBridgeServer } from '../../../electron/core/server/bridge-server';
import type { Listening } from '../../../electron/core/server/listen';
import { fail, ok } from '../../helpers/dispatch';
import { request } from '../../helpers/http';
import { addMember, addRole, signIn, tokenOf } from '../../helpers/people';
import { OWNER, writeSql } from '../../helpers/test-core';
import { ownerOf } from '../phone-numbers/owner';
import { PDF, PNG, JPEG, MP4 } from './samples';
import { startSandboxApp, type SandboxApp } from './sandbox-app';

/**
 * The media library screen's rules: search and filter, rename, what the WhatsApp id's state says,
 * previews through the UI bridge, and deleting a file a campaign uses as its header.
 */
const PHONE = '106540352242922';
const OTHER_PHONE = '106540352242923';
const DAY = 24 * 60 * 60 * 1000;
let app: SandboxApp;
let owner: string;
let bridge: Listening;
let listId: number;
let springSale: string;

beforeAll(async () => {
  // The public side too: a customer's media arrives by webhook.
  app = await startSandboxApp({ publicSide: true });
  owner = await ownerOf(app.core);
  bridge = await startBridgeServer(app.core, { port: 0, rendererDir: null });
  await ok(app.core, owner, 'phoneNumbers.sync', {});
  await ok(app.core, owner, 'templates.sync', {});
  const templates = await ok(app.core, owner, 'templates.list', {});
  springSale = templates.find((t) => t.name === 'spring_sale')!.id;
  listId = (await ok(app.core, owner, 'lists.create', { name: 'Spring buyers' })).id;
});
afterAll(async () => {
  await bridge?.close();
  await app?.close();
});

function upload(fileName: string, data: Buffer, phoneNumberId = PHONE) {
  return ok(app.core, owner, 'media.uploadFile', {
    phoneNumberId,
    fileName,
    contentBase64: data.toString('base64'),
  });
}

/** A campaign with this library file as its image header. */
function campaignWith(mediaId: number, name: string) {
  return ok(app.core, owner, 'campaigns.create', {
    name,
    phoneNumberId: PHONE,
    templateId: springSale,
    listIds: [listId],
    variables: [
      { component: 'body', placeholder: '1', source: 'fixed', value: '20' },
      { component: 'body', placeholder: '2', source: 'fixed', value: 'Sunday' },
    ],
    mediaHeader: { mediaId },
  });
}

describe('the library of a number', () => {
  it('uploads to WhatsApp at once: a media id, when it is renewed and when it expires', async () => {
    const photo = await upload('shop front.png', PNG);
    expect(photo.waMediaId).toMatch(/^\d+$/);
    expect(photo.waState).toBe('valid');
    const uploadedAt = Date.parse(photo.waUploadedAt!);
    expect(Date.parse(photo.waRenewsAt!) - uploadedAt).toBe(29 * DAY);
    expect(Date.parse(photo.waExpiresAt!) - uploadedAt).toBe(30 * DAY);

    app.clock.advance(29 * DAY + 1);
    // A month later the session has ended, as it would for a person.
    owner = (await signIn(app.core, OWNER.username, OWNER.password)).token;
    expect((await ok(app.core, owner, 'media.get', { id: photo.id })).waState).toBe('renew');
    app.clock.advance(DAY);
    owner = (await signIn(app.core, OWNER.username, OWNER.password)).token;
    expect((await ok(app.core, owner, 'media.get', { id: photo.id })).waState).toBe('expired');
    // Renewed before use: asking for the id uploads again.
    const fresh = await app.core.services.media.ensureWhatsAppId(photo.id);
    expect(fresh).not.toBe(photo.waMediaId);
    expect((await ok(app.core, owner, 'media.get', { id: photo.id })).waState).toBe('valid');
  });

  it('says why a file has no usable id when WhatsApp refused the upload, and clears it after a success', async () => {
    const menu = await upload('menu.pdf', PDF);
    app.sandbox.configure({ faults: { serverError: 1 } });
    const refused = await fail(app.core, owner, 'media.refreshWhatsAppId', { id: menu.id });
    app.sandbox.configure({ faults: { serverError: 0 } });
    expect(refused.code).toBe('CONFLICT');
    const failed = await ok(app.core, owner, 'media.get', { id: menu.id });
    expect(failed).toMatchObject({ waState: 'failed', waError: expect.stringContaining('131000') });
    const retried = await ok(app.core, owner, 'media.refreshWhatsAppId', { id: menu.id });
    expect(retried).toMatchObject({ waState: 'valid', waError: null });
  });

  it('searches by name and filters by kind, newest first, one number at a time', async () => {
    await upload('Spring MENU 100%.pdf', PDF);
    await upload('spring_poster.jpg', JPEG);
    await upload('spring clip.mp4', MP4);
    await upload('spring other number.jpg', JPEG, OTHER_PHONE);
    const names = async (input: { search?: string; kind?: 'image' | 'document' | 'video' }) =>
      (await ok(app.core, owner, 'media.list', { phoneNumberId: PHONE, ...input })).map((m) => m.fileName);
    expect(await names({ search: 'spring' })).toEqual([
      'spring clip.mp4',
      'spring_poster.jpg',
      'Spring MENU 100%.pdf',
    ]);
    expect(await names({ search: 'spring', kind: 'image' })).toEqual(['spring_poster.jpg']);
    // % and _ are letters in a search, not wildcards.
    expect(await names({ search: '100%' })).toEqual(['Spring MENU 100%.pdf']);
    expect(await names({ search: 'g_p' })).toEqual(['spring_poster.jpg']);
    expect(await names({ search: 'g p' })).toEqual([]);
  });

  it('renames a file without changing its address or media id', async () => {
    const poster = (await ok(app.core, owner, 'media.list', { phoneNumberId: PHONE, search: 'poster' }))[0]!;
    const renamed = await ok(app.core, owner, 'media.rename', {
      id: poster.id,
      fileName: '  Spring poster.jpg ',
    });
    expect(renamed).toMatchObject({
      fileName: 'Spring poster.jpg',
      url: poster.url,
      waMediaId: poster.waMediaId,
    });
  });

  it('lists the numbers with libraries and their file counts', async () => {
    const libraries = await ok(app.core, owner, 'media.libraries', {});
    expect(libraries.numbers.map((n) => n.id)).toEqual([PHONE, OTHER_PHONE]);
    expect(libraries.numbers[1]!.files).toBe(1);
    expect(libraries.publicBaseUrl).toBeNull();
  });
});

describe('previews through the UI bridge', () => {
  it('serves a library file’s bytes to a session that may read the library, as the operation does', async () => {
    const photo = await upload('preview.png', PNG);
    const answer = await request({
      port: bridge.port,
      path: `/bridge/media/${photo.id}`,
      headers: { authorization: `Bearer ${owner}` },
    });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('image/png');
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(Number(answer.headers['content-length'])).toBe(PNG.length);
    expect(await ok(app.core, owner, 'media.content', { mediaId: photo.id })).toEqual({
      mimeType: 'image/png',
      fileName: 'preview.png',
      sizeBytes: PNG.length,
      contentBase64: PNG.toString('base64'),
    });
  });

  it('refuses no session, a session without media.read, and a customer’s file', async () => {
    const photo = await upload('guarded.png', PNG);
    const path = `/bridge/media/${photo.id}`;
    expect((await request({ port: bridge.port, path })).status).toBe(401);
    const role = await addRole(app.core, owner, ['contacts.read']);
    const member = await addMember(app.core, owner, { roleIds: [role.id], prefix: 'nomedia' });
    expect(
      (await request({ port: bridge.port, path, headers: { authorization: `Bearer ${tokenOf(member)}` } }))
        .status,
    ).toBe(403);

    const { mediaId } = app.sandbox.customerSends('15551234001', { type: 'image' });
    expect(mediaId).toBeTruthy();
    const inbound = await waitForInbound();
    const auth = { authorization: `Bearer ${owner}` };
    expect(
      (await request({ port: bridge.port, path: `/bridge/media/${inbound}`, headers: auth })).status,
    ).toBe(404);
    expect((await fail(app.core, owner, 'media.delete', { id: inbound })).code).toBe('NOT_FOUND');
    expect((await fail(app.core, owner, 'media.content', { mediaId: inbound })).code).toBe('NOT_FOUND');
  });

  it('serves a document too, as a download (the window shows its name and icon, not a preview)', async () => {
    const menu = (await ok(app.core, owner, 'media.list', { phoneNumberId: PHONE, kind: 'document' }))[0]!;
    const answer = await request({
      port: bridge.port,
      path: `/bridge/media/${menu.id}`,
      headers: { authorization: `Bearer ${owner}` },
    });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-disposition']).toMatch(/^attachment;/);
    expect(answer.headers['content-type']).toBe('application/pdf');
    expect((await ok(app.core, owner, 'media.content', { mediaId: menu.id })).mimeType).toBe(
      'application/pdf',
    );
  });
});

describe('deleting a file a campaign uses as its header', () => {
  it('is refused while a draft uses it, naming the campaign; with a confirmation the draft loses its header', async () => {
    const banner = await upload('banner.png', PNG);
    const draft = await campaignWith(banner.id, 'Spring sale draft');
    expect(await ok(app.core, owner, 'media.usage', { id: banner.id })).toEqual({
      mediaId: banner.id,
      waiting: [{ campaignId: draft.id, name: 'Spring sale draft', status: 'draft' }],
      sending: [],
    });
    const refused = await fail(app.core, owner, 'media.delete', { id: banner.id });
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toContain('“Spring sale draft”');
    expect(await ok(app.core, owner, 'media.get', { id: banner.id })).toMatchObject({ id: banner.id });

    expect(await ok(app.core, owner, 'media.delete', { id: banner.id, confirm: true })).toEqual({
      ok: true,
      releasedCampaignIds: [draft.id],
    });
    const after = await ok(app.core, owner, 'campaigns.get', { id: draft.id });
    expect(after).toMatchObject({ status: 'draft', mediaHeader: null });
    expect(after.notice).toContain('banner.png');
    expect(await app.core.ctx.db.getRepository(MediaEntity).existsBy({ id: banner.id })).toBe(false);
  });

  it('puts a scheduled campaign back to draft, so it cannot fail at its start time', async () => {
    const banner = await upload('scheduled banner.png', PNG);
    const campaign = await campaignWith(banner.id, 'Weekend sale');
    await ok(app.core, owner, 'campaigns.schedule', { id: campaign.id, at: '2031-01-01T10:00:00+05:30' });
    await ok(app.core, owner, 'media.delete', { id: banner.id, confirm: true });
    expect(await ok(app.core, owner, 'campaigns.get', { id: campaign.id })).toMatchObject({
      status: 'draft',
      scheduledAt: null,
      mediaHeader: null,
    });
  });

  it('is refused even with a confirmation while a running or paused campaign may still send it', async () => {
    const banner = await upload('sending banner.png', PNG);
    const campaign = await campaignWith(banner.id, 'Flash sale');
    for (const status of ['running', 'paused']) {
      await writeSql(app.core, `UPDATE campaigns SET status = ? WHERE id = ?`, [status, campaign.id]);
      const refused = await fail(app.core, owner, 'media.delete', { id: banner.id, confirm: true });
      expect(refused.code).toBe('CONFLICT');
      expect(refused.message).toMatch(/“Flash sale” may still send this file/);
    }
    await writeSql(app.core, `UPDATE campaigns SET status = 'finished' WHERE id = ?`, [campaign.id]);
    expect((await ok(app.core, owner, 'media.delete', { id: banner.id })).ok).toBe(true);
  });
});

describe('a campaign header from the library', () => {
  it('must be a file of the campaign’s own number, of the kind the template’s header takes', async () => {
    const otherNumbers = await upload('other.png', PNG, OTHER_PHONE);
    const wrongNumber = await fail(app.core, owner, 'campaigns.create', {
      name: 'Wrong number',
      phoneNumberId: PHONE,
      templateId: springSale,
      listIds: [listId],
      variables: [
        { component: 'body', placeholder: '1', source: 'fixed', value: '20' },
        { component: 'body', placeholder: '2', source: 'fixed', value: 'Sunday' },
      ],
      mediaHeader: { mediaId: otherNumbers.id },
    });
    expect(wrongNumber.fields?.[0]).toMatchObject({
      field: 'mediaHeader',
      message: expect.stringContaining('another number'),
    });
    const pdf = await upload('not an image.pdf', PDF);
    const wrongKind = await fail(app.core, owner, 'campaigns.create', {
      name: 'Wrong kind',
      phoneNumberId: PHONE,
      templateId: springSale,
      listIds: [listId],
      variables: [
        { component: 'body', placeholder: '1', source: 'fixed', value: '20' },
        { component: 'body', placeholder: '2', source: 'fixed', value: 'Sunday' },
      ],
      mediaHeader: { mediaId: pdf.id },
    });
    expect(wrongKind.fields?.[0]?.message).toContain('needs a image');
  });
});

/** The id of the customer's media once the app has fetched it. */
async function waitForInbound(): Promise<number> {
  for (let i = 0; i < 200; i += 1) {
    const row = await app.core.ctx.db.getRepository(MediaEntity).findOneBy({ source: 'inbound' });
    if (row) return row.id;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('the customer’s media never arrived');
}
