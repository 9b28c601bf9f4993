import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { StatusEvent } from '../../../electron/core/whatsapp/webhooks';
import { startCallbackServer, type CallbackServer } from './helpers/callback-server';
import {
  apiError,
  CUSTOMERS,
  startSandboxWithClient,
  type SandboxWithClient,
} from './helpers/sandbox-fixture';

describe('sandbox rules, as an integrator meets them', () => {
  let env: SandboxWithClient;
  let callback: CallbackServer;

  beforeAll(async () => {
    callback = await startCallbackServer();
    env = await startSandboxWithClient({
      callbackUrl: callback.url,
      limits: { throughput: false, dailyUniqueRecipients: false },
    });
  });
  afterAll(async () => {
    await env.sandbox.close();
    await callback.close();
  });
  beforeEach(() => {
    env.sandbox.reset();
    env.sandbox.configure({
      customerServiceWindow: 'async',
      limits: { pairRate: { burst: 45, intervalMs: 6000 } },
    });
    callback.received.length = 0;
  });

  const graph = (path: string, init: RequestInit = {}) => fetch(`${env.sandbox.url}/v23.0/${path}`, init);
  const failedStatus = async (wamid: string) => {
    const failed = () =>
      callback
        .events(env.sandbox.info.appSecret)
        .find(
          (e): e is StatusEvent =>
            e.kind === 'status' && e.status.messageId === wamid && e.status.status === 'failed',
        );
    await callback.waitFor(() => failed() !== undefined);
    return failed()?.status;
  };

  describe('access token', () => {
    it('answers 401 with code 190 in the exact envelope without a token or with a wrong one', async () => {
      const attempts: Record<string, string>[] = [{}, { authorization: 'Bearer wrong-token' }];
      for (const headers of attempts) {
        const response = await graph(`${env.phoneNumberId}/whatsapp_business_profile`, { headers });
        expect(response.status).toBe(401);
        const body = (await response.json()) as { error: Record<string, unknown> };
        expect(Object.keys(body.error).sort()).toEqual([
          'code',
          'error_data',
          'fbtrace_id',
          'message',
          'type',
        ]);
        expect(body.error).toMatchObject({
          message: '(#190) Invalid OAuth access token - Cannot parse access token',
          type: 'OAuthException',
          code: 190,
          error_data: { messaging_product: 'whatsapp', details: expect.any(String) },
          fbtrace_id: expect.any(String),
        });
      }
    });

    it('accepts the token as ?access_token= too, as Meta’s examples do', async () => {
      const token = encodeURIComponent(env.sandbox.info.accessToken);
      const response = await graph(`${env.phoneNumberId}?access_token=${token}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('x-fb-trace-id')).toBeTruthy();
      expect(await response.json()).toMatchObject({ id: env.phoneNumberId, quality_rating: 'GREEN' });
    });
  });

  describe('payload validation', () => {
    const post = (body: unknown) =>
      graph(`${env.phoneNumberId}/messages`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${env.sandbox.info.accessToken}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify(body),
      }).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as { error?: { code: number; error_data: { details: string } } },
      }));

    it('names the missing or bad field', async () => {
      const cases: [unknown, number, string][] = [
        [{ to: '+15551234001', type: 'text', text: { body: 'x' } }, 100, 'messaging_product'],
        [{ messaging_product: 'whatsapp', type: 'text', text: { body: 'x' } }, 100, 'to'],
        [
          { messaging_product: 'whatsapp', to: '+15551234001', type: 'hologram', hologram: {} },
          100,
          'hologram',
        ],
        [{ messaging_product: 'whatsapp', to: '+15551234001', type: 'text' }, 131008, 'text'],
        [
          {
            messaging_product: 'whatsapp',
            to: '+15551234001',
            type: 'text',
            text: { body: 'x'.repeat(4097) },
          },
          131009,
          'text.body',
        ],
        [{ messaging_product: 'whatsapp', to: 'call me', type: 'text', text: { body: 'x' } }, 131009, 'to'],
        [
          {
            messaging_product: 'whatsapp',
            to: '+15551234001',
            type: 'image',
            image: { id: '1', link: 'https://a.b/c.jpg' },
          },
          131009,
          'exactly one',
        ],
        [
          {
            messaging_product: 'whatsapp',
            to: '+15551234001',
            type: 'audio',
            audio: { link: 'https://a.b/c.ogg', caption: 'x' },
          },
          131009,
          'caption',
        ],
        [
          {
            messaging_product: 'whatsapp',
            to: '+15551234001',
            type: 'text',
            text: { body: 'x' },
            biz_opaque_callback_data: 'x'.repeat(513),
          },
          131009,
          'biz_opaque_callback_data',
        ],
      ];
      for (const [body, code, field] of cases) {
        const answer = await post(body);
        expect(answer.status, JSON.stringify(body).slice(0, 80)).toBe(400);
        expect(answer.body.error?.code).toBe(code);
        expect(answer.body.error?.error_data.details).toContain(field);
      }
    });

    it('treats a missing type as text, and prepends the business country code when `to` has no +', async () => {
      const answer = await post({ messaging_product: 'whatsapp', to: '(555) 123-4001', text: { body: 'x' } });
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ contacts: [{ input: '(555) 123-4001', wa_id: '15551234001' }] });
    });
  });

  describe('template parameters', () => {
    const template = (name: string, components: unknown[], code = 'en_US') =>
      env.client.messages.send(env.phoneNumberId, CUSTOMERS.neverWrote, {
        type: 'template',
        template: { name, language: { code }, components: components as never },
      });
    const body = (...texts: string[]) => ({
      type: 'body',
      parameters: texts.map((text) => ({ type: 'text', text })),
    });

    it('132001 for an unknown name or language, 132015 for a paused template', async () => {
      expect((await apiError(template('no_such_template', []))).code).toBe(132001);
      expect((await apiError(template('hello_world', [], 'fr'))).code).toBe(132001);
      expect((await apiError(template('winter_clearance', []))).code).toBe(132015);
    });

    it('132000 when the number of parameters does not match', async () => {
      const tooFew = await apiError(template('order_update', [body('Pablo')]));
      expect(tooFew).toMatchObject({ code: 132000, errorClass: 'permanent' });
      expect(tooFew.details).toContain('body');
      expect((await apiError(template('hello_world', [body('x')]))).code).toBe(132000);
      // The dynamic URL button needs its parameter.
      expect((await apiError(template('order_update', [body('Pablo', '#1')]))).code).toBe(132000);
      expect((await apiError(template('spring_sale', [body('20', 'Sunday')]))).code).toBe(132000);
    });

    it('132012 when a parameter has the wrong format or name', async () => {
      const url = { type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: 'A1' }] };
      const wrongHeader = [
        { type: 'header', parameters: [{ type: 'text', text: 'not an image' }] },
        body('20', 'Sunday'),
      ];
      expect((await apiError(template('spring_sale', wrongHeader))).code).toBe(132012);
      const named = {
        type: 'body',
        parameters: [
          { type: 'text', text: 'x', parameter_name: 'first_name' },
          { type: 'text', text: 'y', parameter_name: 'guests' },
        ],
      };
      expect((await apiError(template('booking_reminder', [named]))).code).toBe(132012);
      const mixed = {
        type: 'body',
        parameters: [
          { type: 'text', text: 'P', parameter_name: 'x' },
          { type: 'text', text: '#1' },
        ],
      };
      expect((await apiError(template('order_update', [mixed, url]))).code).toBe(132012);
      const badCurrency = {
        type: 'body',
        parameters: [
          { type: 'text', text: 'I' },
          { type: 'currency', currency: { fallback_value: '$1', code: 'dollars', amount_1000: 1000 } },
        ],
      };
      const doc = {
        type: 'header',
        parameters: [{ type: 'document', document: { link: 'https://a.b/c.pdf' } }],
      };
      expect((await apiError(template('invoice_ready', [doc, badCurrency]))).code).toBe(132012);
    });

    it('132018 for text parameters with a newline', async () => {
      const url = { type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: 'A1' }] };
      expect((await apiError(template('order_update', [body('Pablo\nX', '#1'), url]))).code).toBe(132018);
    });
  });

  describe('the 24-hour customer service window', () => {
    it('accepts free-form text outside the window, then fails it with 131047 by webhook', async () => {
      const { wamid } = await env.client.messages.sendText(
        env.phoneNumberId,
        CUSTOMERS.windowClosed,
        'Hello again',
      );
      const status = await failedStatus(wamid);
      expect(status?.errors[0]).toMatchObject({ code: 131047, title: 'Re-engagement message' });
      expect(env.sandbox.messages({ to: CUSTOMERS.windowClosed })[0]).toMatchObject({ status: 'failed' });
    });

    it('lets templates through outside the window', async () => {
      const { wamid } = await env.client.messages.sendTemplate(env.phoneNumberId, CUSTOMERS.windowClosed, {
        name: 'hello_world',
        language: { code: 'en_US' },
      });
      await env.sandbox.idle();
      expect(env.sandbox.messages()[0]).toMatchObject({ id: wamid, status: 'read' });
    });

    it('closes 24 hours after the customer wrote, and a new message reopens it', async () => {
      env.sandbox.advanceClock(25 * 60 * 60_000);
      const closed = await env.client.messages.sendText(
        env.phoneNumberId,
        CUSTOMERS.inWindow,
        'Still there?',
      );
      expect((await failedStatus(closed.wamid))?.errors[0]?.code).toBe(131047);
      env.sandbox.customerSends('15551234001', { type: 'text', text: 'Yes!' });
      const open = await env.client.messages.sendText(env.phoneNumberId, CUSTOMERS.inWindow, 'Great');
      await env.sandbox.idle();
      expect(env.sandbox.messages().find((m) => m.id === open.wamid)?.status).toBe('read');
    });

    it('answers 400 with 131047 at once in sync mode', async () => {
      env.sandbox.configure({ customerServiceWindow: 'sync' });
      const error = await apiError(
        env.client.messages.sendText(env.phoneNumberId, CUSTOMERS.neverWrote, 'Hi'),
      );
      expect(error).toMatchObject({ code: 131047, httpStatus: 400, errorClass: 'permanent' });
      expect(env.sandbox.messages()).toHaveLength(0);
    });
  });

  describe('recipients', () => {
    it('accepts a number not on WhatsApp (ends in 0000), then fails it with 131026', async () => {
      const { wamid } = await env.client.messages.sendTemplate(env.phoneNumberId, CUSTOMERS.notOnWhatsApp, {
        name: 'hello_world',
        language: { code: 'en_US' },
      });
      expect((await failedStatus(wamid))?.errors[0]?.code).toBe(131026);
    });

    it('refuses a message to the business number itself with 131021', async () => {
      const error = await apiError(env.client.messages.sendText(env.phoneNumberId, '+15550783881', 'me?'));
      expect(error).toMatchObject({ code: 131021, errorClass: 'permanent' });
    });

    it('fails marketing templates with 131050 once the customer said STOP, until START', async () => {
      const sale = () =>
        env.client.messages.sendTemplate(env.phoneNumberId, CUSTOMERS.inWindow, {
          name: 'spring_sale',
          language: { code: 'en_US' },
          components: [
            {
              type: 'header',
              parameters: [{ type: 'image', image: { link: 'https://shop.example.com/s.jpg' } }],
            },
            {
              type: 'body',
              parameters: [
                { type: 'text', text: '20' },
                { type: 'text', text: 'Sunday' },
              ],
            },
          ],
        });
      env.sandbox.customerSends('15551234001', { type: 'text', text: 'STOP' });
      expect((await failedStatus((await sale()).wamid))?.errors[0]?.code).toBe(131050);
      env.sandbox.customerSends('15551234001', { type: 'text', text: 'start' });
      const again = await sale();
      await env.sandbox.idle();
      expect(env.sandbox.messages().find((m) => m.id === again.wamid)?.status).toBe('read');
    });
  });

  describe('pair rate limit', () => {
    it('answers 131056 past the burst to one customer, while others are still served', async () => {
      env.sandbox.configure({ limits: { pairRate: { burst: 3, intervalMs: 60_000 } } });
      for (let i = 0; i < 3; i++)
        await env.client.messages.sendText(env.phoneNumberId, CUSTOMERS.inWindow, `m${i}`);
      const error = await apiError(
        env.client.messages.sendText(env.phoneNumberId, CUSTOMERS.inWindow, 'one too many'),
      );
      expect(error).toMatchObject({ code: 131056, errorClass: 'throttle', httpStatus: 400 });
      await env.client.messages.sendText(env.phoneNumberId, '+447700900123', 'someone else');
      // One message more after the interval, as the bucket refills.
      env.sandbox.advanceClock(60_000);
      await env.client.messages.sendText(env.phoneNumberId, CUSTOMERS.inWindow, 'later');
    });
  });
});
