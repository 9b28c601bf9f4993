import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { StatusEvent } from '../../../electron/core/whatsapp/webhooks';
import { startCallbackServer, type CallbackServer } from './helpers/callback-server';
import {
  apiError,
  CUSTOMERS,
  startSandboxWithClient,
  type SandboxWithClient,
} from './helpers/sandbox-fixture';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

describe('client: sending messages to the sandbox over HTTP', () => {
  let env: SandboxWithClient;
  let callback: CallbackServer;

  beforeAll(async () => {
    callback = await startCallbackServer();
    env = await startSandboxWithClient({ callbackUrl: callback.url, limits: false });
  });
  afterAll(async () => {
    await env.sandbox.close();
    await callback.close();
  });
  beforeEach(() => env.sandbox.reset());

  const send = () => env.client.messages;
  const to = CUSTOMERS.inWindow;

  it('sends text and gets the wamid and the resolved wa_id back', async () => {
    const result = await send().sendText(env.phoneNumberId, to, 'Your order is ready', { previewUrl: false });
    expect(result.wamid).toMatch(/^wamid\./);
    expect(result).toMatchObject({ waId: '15551234001', input: to, messageStatus: null });
    expect(env.sandbox.messages()).toEqual([
      expect.objectContaining({
        id: result.wamid,
        type: 'text',
        waId: '15551234001',
        status: expect.any(String),
      }),
    ]);
  });

  it('sends each media type by link and by uploaded id', async () => {
    const { id } = await env.client.media.upload(env.phoneNumberId, {
      data: PNG,
      mimeType: 'image/png',
      filename: 'a.png',
    });
    const link = 'https://shop.example.com/files/a';
    const results = await Promise.all([
      send().sendImage(env.phoneNumberId, to, { id, caption: 'Blue' }),
      send().sendImage(env.phoneNumberId, to, { link: `${link}.jpg` }),
      send().sendVideo(env.phoneNumberId, to, { link: `${link}.mp4`, caption: 'Clip' }),
      send().sendAudio(env.phoneNumberId, to, { link: `${link}.ogg` }),
      send().sendDocument(env.phoneNumberId, to, {
        link: `${link}.pdf`,
        filename: 'invoice.pdf',
        caption: 'Invoice',
      }),
      send().sendSticker(env.phoneNumberId, to, { link: `${link}.webp` }),
    ]);
    expect(results.every((r) => r.wamid.startsWith('wamid.'))).toBe(true);
    expect(
      env.sandbox
        .messages()
        .map((m) => m.type)
        .sort(),
    ).toEqual(['audio', 'document', 'image', 'image', 'sticker', 'video']);
  });

  it('is refused a media id that does not exist', async () => {
    const error = await apiError(send().sendImage(env.phoneNumberId, to, { id: '999' }));
    expect(error).toMatchObject({ code: 131009, errorClass: 'permanent', httpStatus: 400 });
    expect(error.details).toContain('image.id');
  });

  it('sends interactive reply buttons and lists', async () => {
    const buttons = await send().sendButtons(env.phoneNumberId, to, {
      body: { text: 'Keep the order?' },
      action: {
        buttons: [
          { type: 'reply', reply: { id: 'keep', title: 'Keep it' } },
          { type: 'reply', reply: { id: 'cancel', title: 'Cancel' } },
        ],
      },
    });
    const list = await send().sendList(env.phoneNumberId, to, {
      header: { type: 'text', text: 'Shipping' },
      body: { text: 'How fast?' },
      footer: { text: 'Prices include tax' },
      action: {
        button: 'Options',
        sections: [{ title: 'Speed', rows: [{ id: 'fast', title: 'Next day', description: '$9' }] }],
      },
    });
    expect([buttons.wamid, list.wamid].every((id) => id.startsWith('wamid.'))).toBe(true);
  });

  it('is refused a fourth reply button (limits of the reference)', async () => {
    const reply = (n: number) => ({ type: 'reply' as const, reply: { id: `b${n}`, title: `B${n}` } });
    const error = await apiError(
      send().sendButtons(env.phoneNumberId, to, {
        body: { text: 'Pick' },
        action: { buttons: [1, 2, 3, 4].map(reply) },
      }),
    );
    expect(error).toMatchObject({ code: 131009, errorClass: 'permanent' });
  });

  it('sends templates: positional with buttons, named, and with a media header', async () => {
    const positional = await send().sendTemplate(env.phoneNumberId, CUSTOMERS.neverWrote, {
      name: 'order_update',
      language: { code: 'en_US', policy: 'deterministic' },
      components: [
        {
          type: 'body',
          parameters: [
            { type: 'text', text: 'Pablo' },
            { type: 'text', text: '#123' },
          ],
        },
        { type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: 'A123' }] },
        {
          type: 'button',
          sub_type: 'quick_reply',
          index: 1,
          parameters: [{ type: 'payload', payload: 'STOP_UPDATES' }],
        },
      ],
    });
    const named = await send().sendTemplate(env.phoneNumberId, CUSTOMERS.neverWrote, {
      name: 'booking_reminder',
      language: { code: 'en_US' },
      components: [
        {
          type: 'body',
          parameters: [
            { type: 'text', parameter_name: 'number_of_guests', text: '4' },
            { type: 'text', parameter_name: 'first_name', text: 'Mei' },
          ],
        },
      ],
    });
    const media = await send().sendTemplate(env.phoneNumberId, CUSTOMERS.neverWrote, {
      name: 'spring_sale',
      language: { code: 'en_US' },
      components: [
        {
          type: 'header',
          parameters: [{ type: 'image', image: { link: 'https://shop.example.com/sale.jpg' } }],
        },
        {
          type: 'body',
          parameters: [
            { type: 'text', text: '20' },
            { type: 'date_time', date_time: { fallback_value: 'Sunday' } },
          ],
        },
      ],
    });
    // Marketing templates are paced: Meta reports `message_status` for them.
    expect(media.messageStatus).toBe('accepted');
    expect(env.sandbox.messages().map((m) => m.template?.name)).toEqual([
      'order_update',
      'booking_reminder',
      'spring_sale',
    ]);
    expect([positional, named].every((r) => r.messageStatus === null)).toBe(true);
  });

  it('sends hello_world with no parameters, and a currency parameter', async () => {
    await send().sendTemplate(env.phoneNumberId, CUSTOMERS.neverWrote, {
      name: 'hello_world',
      language: { code: 'en_US' },
    });
    await send().sendTemplate(env.phoneNumberId, CUSTOMERS.neverWrote, {
      name: 'invoice_ready',
      language: { code: 'en_US' },
      components: [
        {
          type: 'header',
          parameters: [
            { type: 'document', document: { link: 'https://shop.example.com/i.pdf', filename: 'i.pdf' } },
          ],
        },
        {
          type: 'body',
          parameters: [
            { type: 'text', text: 'INV-7' },
            { type: 'currency', currency: { fallback_value: '$100.99', code: 'USD', amount_1000: 100990 } },
          ],
        },
      ],
    });
    expect(env.sandbox.messages()).toHaveLength(2);
  });

  it('sends a location, a reaction and its removal, and a reply quoting a message', async () => {
    const { id: inbound } = env.sandbox.customerSends('15551234001', { type: 'text', text: 'Hi there' });
    await send().sendLocation(env.phoneNumberId, to, { latitude: 51.5, longitude: -0.12, name: 'Shop' });
    await send().sendReaction(env.phoneNumberId, to, inbound, '👍');
    await send().sendReaction(env.phoneNumberId, to, inbound, '');
    await send().sendText(env.phoneNumberId, to, 'Hello!', { replyTo: inbound });
    const sent = env.sandbox.messages();
    expect(sent.map((m) => m.type)).toEqual(['location', 'reaction', 'reaction', 'text']);
    expect(sent[2]?.payload).toMatchObject({ reaction: { message_id: inbound, emoji: '' } });
    expect(sent[3]?.payload).toMatchObject({ context: { message_id: inbound } });
  });

  it('echoes biz_opaque_callback_data in every status webhook of the message', async () => {
    const { wamid } = await send().sendText(env.phoneNumberId, to, 'Tracked', {
      bizOpaqueCallbackData: 'campaign:42',
    });
    const statusesOf = () =>
      callback
        .events(env.sandbox.info.appSecret)
        .filter((e): e is StatusEvent => e.kind === 'status' && e.status.messageId === wamid);
    await callback.waitFor(() => statusesOf().length === 3);
    expect(statusesOf().map((e) => [e.status.status, e.status.bizOpaqueCallbackData])).toEqual(
      expect.arrayContaining([
        ['sent', 'campaign:42'],
        ['delivered', 'campaign:42'],
        ['read', 'campaign:42'],
      ]),
    );
  });

  it('marks an inbound message as read, with a typing indicator; an unknown id is refused', async () => {
    const { id } = env.sandbox.customerSends('15551234001', { type: 'text', text: 'Anyone there?' });
    expect(await send().markAsRead(env.phoneNumberId, id, { typingIndicator: true })).toBe(true);
    const error = await apiError(send().markAsRead(env.phoneNumberId, 'wamid.unknown'));
    expect(error).toMatchObject({ code: 100, errorClass: 'permanent' });
  });

  it('is refused for a phone number id that is not the business', async () => {
    const error = await apiError(send().sendText('123456', to, 'hi'));
    expect(error).toMatchObject({ code: 100, subcode: 33, errorClass: 'permanent' });
  });
});
