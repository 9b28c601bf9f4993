import { createHmac, timingSafeEqual } from 'node:crypto';

const HEADER_PATTERN = /^sha256=([0-9a-f]{64})$/i;

/** `sha256=<hex>`: HMAC-SHA256 of the raw body keyed with the app secret, as Meta signs webhooks. */
export function signWebhookBody(rawBody: Buffer | string, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;
}

/**
 * Checks `X-Hub-Signature-256` against the raw bytes as received. Re-serialized JSON would not match
 * (key order, spacing, unicode escapes), so callers must keep the body as a Buffer. Constant time.
 */
export function verifySignature(rawBody: Buffer, header: string | undefined, appSecret: string): boolean {
  // An empty secret would make every forger's HMAC "valid"; refuse instead.
  if (!appSecret || !header) return false;
  const match = HEADER_PATTERN.exec(header.trim());
  if (!match?.[1]) return false;
  const received = Buffer.from(match[1], 'hex');
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  return received.length === expected.length && timingSafeEqual(received, expected);
}
