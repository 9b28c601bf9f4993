import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TemplateStatusEvent } from '../../../electron/core/whatsapp/webhooks';
import { startCallbackServer, type CallbackServer } from './helpers/callback-server';
import { apiError, startSandboxWithClient, type SandboxWithClient } from './helpers/sandbox-fixture';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

describe('client: templates, media, phone numbers and profile against the sandbox', () => {
  let env: SandboxWithClient;
  let callback: CallbackServer;

  beforeAll(async () => {
    callback = await startCallbackServer();
    env = await startSandboxWithClient({ callbackUrl: callback.url });
  });
  afterAll(async () => {
    await env.sandbox.close();
    await callback.close();
  });
  beforeEach(() => env.sandbox.reset());

  describe('templates', () => {
    it('lists every template by following paging.next through all pages', async () => {
      const all = await env.client.templates.list(env.wabaId, { pageSize: 2 });
      expect(all).toHaveLength(7);
      expect(new Set(all.map((t) => t.id)).size).toBe(7);
      expect(all.find((t) => t.name === 'hello_world')).toMatchObject({
        language: 'en_US',
        status: 'APPROVED',
        category: 'UTILITY',
        components: expect.arrayContaining([expect.objectContaining({ type: 'BODY' })]),
      });
      expect(all.find((t) => t.name === 'booking_reminder')?.parameter_format).toBe('NAMED');
    });

    it('filters by status and name', async () => {
      const paused = await env.client.templates.list(env.wabaId, { status: 'PAUSED' });
      expect(paused.map((t) => t.name)).toEqual(['winter_clearance']);
      const orders = await env.client.templates.list(env.wabaId, { name: 'order_update' });
      expect(orders.map((t) => t.language).sort()).toEqual(['en_US', 'es']);
    });

    it('still reads templates when the caller asks for a few fields only', async () => {
      const slim = await env.client.templates.list(env.wabaId, { fields: ['name'], pageSize: 3 });
      expect(slim).toHaveLength(7);
      expect(slim[0]).toMatchObject({
        name: 'hello_world',
        status: 'APPROVED',
        language: 'en_US',
        components: [],
      });
    });

    it('creates a template PENDING that is APPROVED by webhook after review', async () => {
      const created = await env.client.templates.create(env.wabaId, {
        name: 'delivery_window',
        language: 'en_US',
        category: 'UTILITY',
        components: [
          {
            type: 'BODY',
            text: 'Hi {{1}}, we deliver between {{2}}.',
            example: { body_text: [['Pablo', '9–11']] },
          },
          { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Change time' }] },
        ],
      });
      expect(created).toMatchObject({
        status: 'PENDING',
        category: 'UTILITY',
        id: expect.stringMatching(/^\d+$/),
      });
      const approvals = () =>
        callback
          .events(env.sandbox.info.appSecret)
          .filter(
            (e): e is TemplateStatusEvent => e.kind === 'template_status' && e.templateId === created.id,
          );
      await callback.waitFor(() => approvals().length === 1);
      expect(approvals()[0]).toMatchObject({
        event: 'APPROVED',
        templateName: 'delivery_window',
        language: 'en_US',
      });
      const [listed] = await env.client.templates.list(env.wabaId, { name: 'delivery_window' });
      expect(listed?.status).toBe('APPROVED');
    });

    it('rejects by the simple rule (name with "reject") and says so by webhook', async () => {
      const created = await env.client.templates.create(env.wabaId, {
        name: 'please_reject_me',
        language: 'en_US',
        category: 'MARKETING',
        components: [{ type: 'BODY', text: 'Buy now' }],
      });
      await callback.waitFor(() =>
        callback
          .events(env.sandbox.info.appSecret)
          .some((e) => e.kind === 'template_status' && e.templateId === created.id),
      );
      const [listed] = await env.client.templates.list(env.wabaId, { name: 'please_reject_me' });
      expect(listed).toMatchObject({ status: 'REJECTED', rejected_reason: 'ABUSIVE_CONTENT' });
    });

    it('refuses a duplicate name and language with subcode 2388024, and a bad name with 100', async () => {
      const duplicate = await apiError(
        env.client.templates.create(env.wabaId, {
          name: 'hello_world',
          language: 'en_US',
          category: 'UTILITY',
          components: [{ type: 'BODY', text: 'Hi' }],
        }),
      );
      expect(duplicate).toMatchObject({ code: 100, subcode: 2388024, errorClass: 'permanent' });
      expect(duplicate.userTitle).toBe('Content in This Language Already Exists');
      // Template endpoints send error_data as a string; the client reads it as details.
      expect(duplicate.details).toContain('hello_world');
      const badName = await apiError(
        env.client.templates.create(env.wabaId, {
          name: 'Bad Name',
          language: 'en_US',
          category: 'UTILITY',
          components: [{ type: 'BODY', text: 'Hi' }],
        }),
      );
      expect(badName).toMatchObject({ code: 100 });
      expect(badName.details).toContain('name');
    });

    it('deletes one language by id, every language by name, and several by ids', async () => {
      const orders = await env.client.templates.list(env.wabaId, { name: 'order_update' });
      const spanish = orders.find((t) => t.language === 'es');
      expect(
        await env.client.templates.delete(env.wabaId, { name: 'order_update', templateId: spanish?.id }),
      ).toBe(true);
      expect(
        (await env.client.templates.list(env.wabaId, { name: 'order_update' })).map((t) => t.language),
      ).toEqual(['en_US']);
      await env.client.templates.delete(env.wabaId, { name: 'order_update' });
      const rest = await env.client.templates.list(env.wabaId);
      await env.client.templates.delete(env.wabaId, { templateIds: rest.slice(0, 2).map((t) => t.id) });
      expect(await env.client.templates.list(env.wabaId)).toHaveLength(rest.length - 2);
      const missing = await apiError(env.client.templates.delete(env.wabaId, { name: 'no_such_template' }));
      expect(missing.code).toBe(100);
    });
  });

  describe('media', () => {
    it('uploads, looks up, downloads with the token, and deletes', async () => {
      const { id } = await env.client.media.upload(env.phoneNumberId, {
        data: PNG,
        mimeType: 'image/png',
        filename: 'dot.png',
      });
      const info = await env.client.media.get(id, { phoneNumberId: env.phoneNumberId });
      expect(info).toMatchObject({ id, mimeType: 'image/png', fileSize: PNG.length });
      expect(info.sha256).toMatch(/^[0-9a-f]{64}$/);
      const downloaded = await env.client.media.download(info.url);
      expect(downloaded.contentType).toContain('image/png');
      expect(downloaded.data.equals(PNG)).toBe(true);
      expect((await env.client.media.downloadById(id)).data.equals(PNG)).toBe(true);
      expect(await env.client.media.delete(id)).toBe(true);
      expect((await apiError(env.client.media.get(id))).code).toBe(100);
    });

    it('will not serve the download URL without the token, nor once it expired', async () => {
      const { id } = await env.client.media.upload(env.phoneNumberId, { data: PNG, mimeType: 'image/png' });
      const { url } = await env.client.media.get(id);
      expect((await fetch(url)).status).toBe(401);
      env.sandbox.advanceClock(6 * 60_000);
      const expired = await apiError(env.client.media.download(url));
      expect(expired).toMatchObject({ httpStatus: 404, errorClass: 'permanent' });
      // A fresh lookup gives a working URL again.
      expect((await env.client.media.downloadById(id)).data.length).toBe(PNG.length);
    });

    it('refuses content that does not match its MIME type, and unsupported types, with 131053', async () => {
      const mismatch = await apiError(
        env.client.media.upload(env.phoneNumberId, {
          data: Buffer.from('plain text'),
          mimeType: 'image/jpeg',
        }),
      );
      expect(mismatch).toMatchObject({ code: 131053, errorClass: 'permanent' });
      const unsupported = await apiError(
        env.client.media.upload(env.phoneNumberId, { data: Buffer.from('GIF89a'), mimeType: 'image/gif' }),
      );
      expect(unsupported.code).toBe(131053);
    });

    it('lets a customer send media that the business can download', async () => {
      const { mediaId } = env.sandbox.customerSends('15551234001', {
        type: 'document',
        caption: 'My receipt',
      });
      const media = await env.client.media.downloadById(mediaId ?? '');
      expect(media.mimeType).toBe('application/pdf');
      expect(media.data.subarray(0, 4).toString()).toBe('%PDF');
    });
  });

  describe('phone numbers and business profile', () => {
    it('lists the numbers with quality rating, messaging limit and throughput', async () => {
      const numbers = await env.client.phoneNumbers.list(env.wabaId);
      expect(numbers).toHaveLength(3);
      expect(numbers[0]).toMatchObject({
        id: env.phoneNumberId,
        displayPhoneNumber: '15550783881',
        verifiedName: 'Wapidesk Demo Shop',
        qualityRating: 'GREEN',
        messagingLimitTier: 'TIER_250',
        dailyUniqueRecipientLimit: 250,
        throughputLevel: 'STANDARD',
        throughputMps: 80,
        status: 'CONNECTED',
      });
      expect(numbers[1]?.qualityRating).toBe('YELLOW');
      // In the account, not yet on the Cloud API: the app offers to register it.
      expect(numbers[2]).toMatchObject({
        platformType: 'NOT_APPLICABLE',
        status: 'PENDING',
        codeVerificationStatus: 'NOT_VERIFIED',
        nameStatus: 'AVAILABLE_WITHOUT_REVIEW',
      });
      env.sandbox.setPhoneNumber(env.phoneNumberId, { qualityRating: 'RED', throughputMps: 1000 });
      expect(await env.client.phoneNumbers.get(env.phoneNumberId)).toMatchObject({
        qualityRating: 'RED',
        throughputLevel: 'HIGH',
        throughputMps: 1000,
      });
    });

    it('reads and updates the business profile, refusing values over the limits', async () => {
      expect(await env.client.businessProfile.get(env.phoneNumberId)).toMatchObject({ vertical: 'RETAIL' });
      const { handle } = await env.client.uploads.upload(env.sandbox.info.appId, {
        data: PNG,
        mimeType: 'image/png',
        fileName: 'logo.png',
      });
      await env.client.businessProfile.update(env.phoneNumberId, {
        about: 'Plants, fast.',
        websites: ['https://plants.example.com/'],
        vertical: 'GROCERY',
        profile_picture_handle: handle,
      });
      expect(await env.client.businessProfile.get(env.phoneNumberId)).toMatchObject({
        about: 'Plants, fast.',
        websites: ['https://plants.example.com/'],
        vertical: 'GROCERY',
        profile_picture_url: expect.stringMatching(/^http/),
      });
      const tooLong = await apiError(
        env.client.businessProfile.update(env.phoneNumberId, { about: 'x'.repeat(140) }),
      );
      expect(tooLong).toMatchObject({ code: 100, errorClass: 'permanent' });
      expect(tooLong.details).toContain('about');
    });
  });
});
