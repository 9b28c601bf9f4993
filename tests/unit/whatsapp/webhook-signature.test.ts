import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhookBody, verifyHandshake, verifySignature } from '../../../electron/core/whatsapp/webhooks';

const SECRET = 'app-secret-123';
// As Meta sends it: compact JSON with non-ASCII text, which re-serialization may escape differently.
const RAW = Buffer.from(
  '{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"text":"Olá 👋 \\u00e9"}}]}]}',
);

/** Meta's own recipe, written out independently of the code under test [NodeSDK utils.ts]. */
const metaSignature = (body: Buffer, secret = SECRET) =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

describe('verifySignature', () => {
  it('accepts the signature Meta computes over the raw bytes', () => {
    expect(verifySignature(RAW, metaSignature(RAW), SECRET)).toBe(true);
    expect(signWebhookBody(RAW, SECRET)).toBe(metaSignature(RAW));
  });

  it('accepts upper-case hex and surrounding spaces in the header', () => {
    const header = metaSignature(RAW).replace(/[0-9a-f]{64}$/, (hex) => hex.toUpperCase());
    expect(verifySignature(RAW, `  ${header} `, SECRET)).toBe(true);
  });

  it('rejects a signature made with another secret', () => {
    expect(verifySignature(RAW, metaSignature(RAW, 'other-secret'), SECRET)).toBe(false);
  });

  it('rejects a body changed by one byte', () => {
    const tampered = Buffer.from(RAW);
    tampered[tampered.length - 3] = 0x21;
    expect(verifySignature(tampered, metaSignature(RAW), SECRET)).toBe(false);
  });

  it('rejects the same JSON re-serialized (the check must run on the raw bytes)', () => {
    const reserialized = Buffer.from(JSON.stringify(JSON.parse(RAW.toString('utf8'))));
    expect(reserialized.equals(RAW)).toBe(false);
    expect(verifySignature(reserialized, metaSignature(RAW), SECRET)).toBe(false);
    const pretty = Buffer.from(JSON.stringify(JSON.parse(RAW.toString('utf8')), null, 2));
    expect(verifySignature(pretty, metaSignature(RAW), SECRET)).toBe(false);
  });

  it('rejects a missing, empty or malformed header', () => {
    expect(verifySignature(RAW, undefined, SECRET)).toBe(false);
    expect(verifySignature(RAW, '', SECRET)).toBe(false);
    const hex = metaSignature(RAW).slice('sha256='.length);
    expect(verifySignature(RAW, hex, SECRET)).toBe(false);
    expect(verifySignature(RAW, `sha1=${hex}`, SECRET)).toBe(false);
    expect(verifySignature(RAW, `sha256=${hex.slice(2)}`, SECRET)).toBe(false);
    expect(verifySignature(RAW, `sha256=${hex.slice(0, -1)}z`, SECRET)).toBe(false);
  });

  it('refuses to verify with an empty app secret, even a signature made with one', () => {
    expect(verifySignature(RAW, metaSignature(RAW, ''), '')).toBe(false);
  });
});

describe('verifyHandshake', () => {
  const query = { 'hub.mode': 'subscribe', 'hub.challenge': '1158201444', 'hub.verify_token': 'my-token' };

  it('returns the challenge when the mode is subscribe and the token matches', () => {
    expect(verifyHandshake(query, 'my-token')).toBe('1158201444');
    expect(verifyHandshake(new URLSearchParams(query), 'my-token')).toBe('1158201444');
    // An extended query parser nests `hub.mode` as `hub: { mode }`.
    expect(
      verifyHandshake({ hub: { mode: 'subscribe', challenge: '42', verify_token: 'my-token' } }, 'my-token'),
    ).toBe('42');
  });

  it('returns null for a wrong or missing token, another mode, or no challenge', () => {
    expect(verifyHandshake(query, 'other-token')).toBeNull();
    expect(verifyHandshake({ ...query, 'hub.verify_token': undefined }, 'my-token')).toBeNull();
    expect(verifyHandshake({ ...query, 'hub.mode': 'unsubscribe' }, 'my-token')).toBeNull();
    expect(verifyHandshake({ ...query, 'hub.challenge': '' }, 'my-token')).toBeNull();
  });

  it('never matches when no verify token is configured', () => {
    expect(verifyHandshake({ ...query, 'hub.verify_token': '' }, '')).toBeNull();
  });
});
