import { spawn } from 'node:child_process';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox, type SandboxInfo } from '../../../electron/core/whatsapp/sandbox';
import { FAST } from './helpers/sandbox-fixture';

describe('sandbox control API over HTTP', () => {
  let sandbox: RunningSandbox;
  let info: SandboxInfo;

  beforeAll(async () => {
    sandbox = await startSandbox({ ...FAST, callbackUrl: null, limits: false });
  });
  afterAll(() => sandbox.close());
  beforeEach(async () => {
    await post('/reset', {});
    info = (await get('/info')) as SandboxInfo;
  });

  async function get(path: string): Promise<unknown> {
    const response = await fetch(`${sandbox.url}/_sandbox${path}`);
    expect(response.status).toBe(200);
    return response.json();
  }
  async function post(
    path: string,
    body: unknown,
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(`${sandbox.url}/_sandbox${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }
  async function sendText(to: string): Promise<Response> {
    return fetch(`${sandbox.url}/v23.0/${info.phoneNumbers[0]?.id}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${info.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ messaging_product: 'whatsapp', to, type: 'text', text: { body: 'hello' } }),
    });
  }

  it('describes the account: ids, token, numbers, customers and the not-on-WhatsApp rule', () => {
    expect(info).toMatchObject({
      baseUrl: sandbox.url,
      apiVersion: 'v25.0',
      businessAccountId: '102290129340398',
      messagingLimitTier: 'TIER_250',
      accessToken: expect.stringMatching(/^EAA/),
      appSecret: expect.any(String),
    });
    expect(info.phoneNumbers.map((n) => n.id)).toHaveLength(2);
    expect(info.customers.find((c) => c.waId === '15551234001')).toMatchObject({
      name: 'Asha Patel',
      windowOpenOn: [info.phoneNumbers[0]?.id],
    });
    expect(info.notOnWhatsApp).toContain('0000');
  });

  it('makes a customer write in, which opens their window', async () => {
    const answer = await post('/customers/15551234003/messages', { type: 'text', text: 'Hello?' });
    expect(answer.status).toBe(200);
    expect(answer.body.id).toMatch(/^wamid\./);
    const customers = (await get('/customers')) as { data: SandboxInfo['customers'] };
    expect(customers.data.find((c) => c.waId === '15551234003')?.windowOpenOn).toHaveLength(1);
    const media = await post('/customers/15551234003/messages', { type: 'audio' });
    expect(media.body.mediaId).toMatch(/^\d+$/);
  });

  it('refuses a malformed customer message and a customer not on WhatsApp', async () => {
    expect((await post('/customers/15551234003/messages', { type: 'text' })).status).toBe(400);
    const notOnWhatsApp = await post('/customers/15551230000/messages', { type: 'text', text: 'hi' });
    expect(notOnWhatsApp.status).toBe(400);
  });

  it('lists accepted messages with recipient, type and status, filtered by recipient', async () => {
    await sendText('+15551234001');
    await sendText('+447700900123');
    const all = (await get('/messages')) as { data: { waId: string; type: string; status: string }[] };
    expect(all.data.map((m) => [m.waId, m.type])).toEqual([
      ['15551234001', 'text'],
      ['447700900123', 'text'],
    ]);
    const one = (await get('/messages?to=447700900123')) as { data: unknown[] };
    expect(one.data).toHaveLength(1);
    await sandbox.idle();
    const webhooks = (await get('/webhooks')) as { data: { state: string }[] };
    expect(webhooks.data.length).toBeGreaterThan(0);
    expect(webhooks.data.every((w) => w.state === 'no_callback')).toBe(true);
  });

  it('changes limits and faults, and refuses a bad patch naming the field', async () => {
    const answer = await post('/config', { faults: { serverError: 1 } });
    expect(answer.body).toMatchObject({ faults: { serverError: 1, drop: 0 } });
    expect((await sendText('+15551234001')).status).toBe(500);
    await post('/config', { faults: { serverError: 0 } });
    const bad = await post('/config', { faults: { serverError: 2 } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('faults.serverError');
    expect((await post('/config', { nonsense: true })).status).toBe(400);
  });

  it('sets a number’s throughput and moves the clock', async () => {
    const numberId = info.phoneNumbers[0]?.id ?? '';
    await post('/config', { limits: { throughput: true } });
    const answer = await post(`/phone-numbers/${numberId}`, { throughputMps: 1 });
    expect(answer.body).toMatchObject({ id: numberId, throughputMps: 1 });
    expect((await sendText('+15551234001')).status).toBe(200);
    expect((await sendText('+15551234001')).status).toBe(400);
    await post('/clock', { advanceMs: 1000 });
    expect((await sendText('+15551234001')).status).toBe(200);
    await post('/config', { limits: false });
    expect((await post('/phone-numbers/404', { throughputMps: 2 })).status).toBe(404);
  });

  it('resets to the demo data', async () => {
    await sendText('+15551234001');
    await post('/reset', {});
    expect(((await get('/messages')) as { data: unknown[] }).data).toHaveLength(0);
  });
});

describe('sandbox CLI', () => {
  it('prints the listening URL and the access token, and serves Graph there', async () => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'electron/core/whatsapp/sandbox/cli.ts',
        '--port',
        '0',
        '--access-token',
        'EAAcli-token',
        '--app-secret',
        's3cret',
      ],
      { cwd: process.cwd(), env: { ...process.env, TSX_TSCONFIG_PATH: 'tsconfig.node.json' } },
    );
    try {
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no banner: ${output}`)), 15_000);
        child.stdout.on('data', () => {
          if (output.includes('Control API')) {
            clearTimeout(timer);
            resolve();
          }
        });
        child.once('exit', (code) => reject(new Error(`exited with ${code}`)));
      });
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      expect(output).toContain('Access token:        EAAcli-token');
      expect(output).toContain('s3cret');
      const response = await fetch(`${url}/v23.0/102290129340398/phone_numbers`, {
        headers: { authorization: 'Bearer EAAcli-token' },
      });
      expect(response.status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
