import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { In } from 'typeorm';
import { MessageEntity } from '../../../electron/core/db/entities/messaging';
import { signWebhookBody } from '../../../electron/core/whatsapp/webhooks';
import { request } from '../../helpers/http';
import {
  APP_SECRET,
  VERIFY_TOKEN,
  at,
  envelope,
  inboundText,
  insertOutboundMany,
  statuses,
  startWebhookHarness,
  type Change,
  type WebhookHarness,
} from './webhook-harness';
import { writeSql } from '../../helpers/test-core';

/**
 * What Meta (or anyone who found the tunnel's address) sees of `/webhook` over real HTTP: the
 * signature is checked over the raw bytes, a delivery is stored before the 200, and anything
 * refused leaves no trace.
 */
let h: WebhookHarness;
beforeAll(async () => {
  h = await startWebhookHarness();
});
afterAll(() => h.close());

let serial = 0;
function uniqueWamid(label: string): string {
  serial += 1;
  return `wamid.${label}.${serial}`;
}

async function inboxCount(): Promise<number> {
  return (await h.inbox()).length;
}

async function messageExists(wamid: string): Promise<boolean> {
  await h.settle();
  return h.core.ctx.db.getRepository(MessageEntity).existsBy({ waMessageId: wamid });
}

async function health() {
  return request({ port: h.port, path: '/health' });
}

describe('POST /webhook signature', () => {
  it('accepts a delivery signed over its raw bytes, stores those exact bytes and applies it', async () => {
    const wamid = uniqueWamid('signed');
    // Meta's own spacing and non-ASCII text: what is verified and stored is the bytes, not a re-encoding.
    const raw = JSON.stringify(
      envelope([inboundText({ wamid, from: '16505550101', text: 'Café ☕ ok?' })]),
      null,
      1,
    );
    const before = await inboxCount();
    const response = await h.post(raw, { signature: signWebhookBody(raw, APP_SECRET) });
    expect(response.status).toBe(200);
    expect(response.text).toBe('EVENT_RECEIVED');
    const inbox = await h.inbox();
    expect(inbox).toHaveLength(before + 1);
    expect(inbox.at(-1)!.body).toBe(raw);
    expect(await messageExists(wamid)).toBe(true);
  });

  it('refuses a body signed with another secret: 401, nothing stored, nothing applied', async () => {
    const wamid = uniqueWamid('forged');
    const raw = JSON.stringify(envelope([inboundText({ wamid, from: '16505550102' })]));
    const before = await inboxCount();
    const response = await h.post(raw, { signature: signWebhookBody(raw, 'not-the-app-secret') });
    expect(response.status).toBe(401);
    expect(response.text).not.toContain('EVENT_RECEIVED');
    expect(await inboxCount()).toBe(before);
    expect(await messageExists(wamid)).toBe(false);
  });

  it('refuses a delivery without X-Hub-Signature-256, or with one that is not sha256=<hex>', async () => {
    const wamid = uniqueWamid('unsigned');
    const raw = JSON.stringify(envelope([inboundText({ wamid, from: '16505550103' })]));
    const before = await inboxCount();
    expect((await h.post(raw, { signature: null })).status).toBe(401);
    expect((await h.post(raw, { signature: '' })).status).toBe(401);
    const hex = signWebhookBody(raw, APP_SECRET).slice('sha256='.length);
    expect((await h.post(raw, { signature: hex })).status).toBe(401);
    expect((await h.post(raw, { signature: `sha1=${hex}` })).status).toBe(401);
    expect(await inboxCount()).toBe(before);
    expect(await messageExists(wamid)).toBe(false);
  });

  it('refuses a body re-serialised after signing (same JSON, other bytes)', async () => {
    const wamid = uniqueWamid('reserialised');
    const payload = envelope([inboundText({ wamid, from: '16505550104', text: 'Größe M, bitte' })]);
    const signedBytes = JSON.stringify(payload, null, 2);
    const signature = signWebhookBody(signedBytes, APP_SECRET);
    const before = await inboxCount();
    const compact = await h.post(JSON.stringify(payload), { signature });
    expect(compact.status).toBe(401);
    // Unicode escaped rather than raw UTF-8: equal as JSON, different as bytes.
    const escaped = signedBytes.replace('ö', '\\u00f6');
    expect(JSON.parse(escaped)).toEqual(payload);
    expect((await h.post(escaped, { signature })).status).toBe(401);
    expect(await inboxCount()).toBe(before);
    expect(await messageExists(wamid)).toBe(false);
  });
});

describe('GET /webhook verification handshake', () => {
  const handshake = (query: string) => request({ port: h.port, path: `/webhook?${query}` });

  it('echoes hub.challenge as the whole body when the verify token matches', async () => {
    const response = await handshake(
      `hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=${encodeURIComponent(VERIFY_TOKEN)}`,
    );
    expect(response.status).toBe(200);
    expect(response.text).toBe('1158201444');
  });

  it('answers 403 to a wrong or missing token and to another mode, without echoing the challenge', async () => {
    for (const query of [
      'hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=guess',
      'hub.mode=subscribe&hub.challenge=1158201444',
      `hub.mode=unsubscribe&hub.challenge=1158201444&hub.verify_token=${VERIFY_TOKEN}`,
    ]) {
      const response = await handshake(query);
      expect(response.status, query).toBe(403);
      expect(response.text, query).not.toContain('1158201444');
    }
  });
});

describe('POST /webhook limits and garbage', () => {
  it('accepts a delivery of 1000 changes and applies every one of them', async () => {
    const wamids = Array.from({ length: 1000 }, (_, i) => `wamid.batch1000.${i}`);
    const ids = await insertOutboundMany(h.core, wamids);
    const changes: Change[] = wamids.map((wamid, i) =>
      statuses({ wamid, status: 'delivered', timestamp: at(i) }),
    );
    const response = await h.post(envelope(changes));
    expect(response.status).toBe(200);
    await h.settle();
    const rows = await h.core.ctx.db.getRepository(MessageEntity).findBy({ id: In(ids) });
    expect(rows.filter((r) => r.status === 'delivered' && r.deliveredAt !== null)).toHaveLength(1000);
  });

  it('answers 413 to 1001 changes (more than Meta ever sends) and stores nothing', async () => {
    const wamid = uniqueWamid('over1000');
    const changes: Change[] = Array.from({ length: 1001 }, (_, i) =>
      inboundText({ wamid: i === 0 ? wamid : `${wamid}.${i}`, from: '16505550105' }),
    );
    // Split over two entries: the limit is per delivery, not per entry.
    const payload = {
      object: 'whatsapp_business_account',
      entry: [
        { id: '1', changes: changes.slice(0, 500) },
        { id: '1', changes: changes.slice(500) },
      ],
    };
    const before = await inboxCount();
    const response = await h.post(payload);
    expect(response.status).toBe(413);
    expect(await inboxCount()).toBe(before);
    expect(await messageExists(wamid)).toBe(false);
  });

  it('answers 400 to a signed body that is not JSON, and stores nothing', async () => {
    const before = await inboxCount();
    for (const raw of ['{"object":"whatsapp_business_account","entry":[', 'not json at all', '']) {
      const response = await h.post(raw);
      expect(response.status, JSON.stringify(raw)).toBe(400);
    }
    expect(await inboxCount()).toBe(before);
  });

  it('answers 400 to signed JSON of the wrong shape, and stores nothing', async () => {
    const before = await inboxCount();
    for (const body of [
      '[]',
      'null',
      '"entry"',
      '42',
      '{"object":"whatsapp_business_account"}',
      '{"entry":{}}',
    ]) {
      const response = await h.post(body);
      expect(response.status, body).toBe(400);
      expect(response.text, body).not.toMatch(/at \w+ \(|node_modules/);
    }
    expect(await inboxCount()).toBe(before);
  });

  it('answers 413 to a body over 3 MB, stores nothing, and keeps serving', async () => {
    const wamid = uniqueWamid('huge');
    const change = inboundText({ wamid, from: '16505550106', text: 'x'.repeat(3 * 1024 * 1024) });
    const raw = JSON.stringify(envelope([change]));
    expect(Buffer.byteLength(raw)).toBeGreaterThan(3 * 1024 * 1024);
    const before = await inboxCount();
    const response = await h.post(raw);
    expect(response.status).toBe(413);
    expect(await inboxCount()).toBe(before);
    expect(await messageExists(wamid)).toBe(false);

    const after = await health();
    expect(after.status).toBe(200);
    expect(after.json).toMatchObject({ status: 'ok' });
    // And real deliveries still get through.
    const next = uniqueWamid('after-garbage');
    expect((await h.post(envelope([inboundText({ wamid: next, from: '16505550107' })]))).status).toBe(200);
    expect(await messageExists(next)).toBe(true);
  });

  it('still answers /health after all of the above', async () => {
    const response = await health();
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ status: 'ok', instance: h.core.instanceId });
  });
});

describe('POST /webhook when it cannot store', () => {
  it('does not acknowledge a delivery the inbox could not keep, so Meta sends it again', async () => {
    const wamid = uniqueWamid('unstorable');
    const payload = envelope([inboundText({ wamid, from: '16505550108' })]);
    await writeSql(
      h.core,
      `CREATE TRIGGER refuse_inbox BEFORE INSERT ON webhook_inbox BEGIN SELECT RAISE(ABORT, 'test: disk full'); END`,
    );
    try {
      const before = await inboxCount();
      const response = await h.post(payload);
      expect(response.status).not.toBe(200);
      // The fault is ours, not the sender's: a 5xx, never a 400 that blames the payload.
      expect(response.status).toBeGreaterThanOrEqual(500);
      expect(response.text).not.toContain('EVENT_RECEIVED');
      expect(response.text).not.toContain('SQLITE');
      expect(await inboxCount()).toBe(before);
    } finally {
      await writeSql(h.core, 'DROP TRIGGER refuse_inbox');
    }
    // Meta's retry of the same bytes is then taken and applied.
    expect((await h.post(payload)).status).toBe(200);
    expect(await messageExists(wamid)).toBe(true);
  });

  it('answers 503 and stores nothing while no app secret is set, and refuses the handshake', async () => {
    const bare = await startWebhookHarness({ secretEnv: {} });
    try {
      const raw = JSON.stringify(envelope([inboundText({ wamid: 'wamid.nosecret', from: '16505550109' })]));
      // Signed with the empty secret, or with any other: neither may pass.
      for (const signature of [signWebhookBody(raw, ''), signWebhookBody(raw, APP_SECRET), null]) {
        const response = await bare.post(raw, { signature });
        expect(response.status).toBe(503);
      }
      expect(await bare.inbox()).toHaveLength(0);
      const handshake = await request({
        port: bare.port,
        path: '/webhook?hub.mode=subscribe&hub.challenge=77&hub.verify_token=',
      });
      expect(handshake.status).toBe(403);
    } finally {
      await bare.close();
    }
  });
});
