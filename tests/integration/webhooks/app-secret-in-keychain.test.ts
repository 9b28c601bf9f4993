import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SecretBackend, SecretName } from '../../../electron/core/secrets/secret-store';
import { signWebhookBody } from '../../../electron/core/whatsapp/webhooks';
import { envelope, inboundText, startWebhookHarness, type WebhookHarness } from './webhook-harness';

/**
 * With the app secret in the keychain (not an environment variable), a delivery's signature is
 * checked against the secret read once, not a keychain round trip a delivery; a secret changed
 * outside the app is read again before a delivery signed with it is refused.
 */
const values = new Map<SecretName, string>([['app_secret', 'first-secret']]);
let reads = 0;
const keychain: SecretBackend = {
  kind: 'keychain',
  get: async (name) => (reads++, values.get(name) ?? null),
  set: async (name, value) => void values.set(name, value),
  delete: async (name) => void values.delete(name),
};

let h: WebhookHarness;
beforeAll(async () => {
  h = await startWebhookHarness({ secretEnv: {}, secretBackend: keychain });
});
afterAll(() => h.close());

const post = (n: number, secret: string) => {
  const body = JSON.stringify(
    envelope([inboundText({ wamid: `wamid.kc.${n}`, from: '16505550123', text: `#${n}` })]),
  );
  return h.post(body, { signature: signWebhookBody(body, secret) });
};

it('checks signatures without a keychain read a delivery, and follows a secret changed outside the app', async () => {
  expect((await post(1, 'first-secret')).status).toBe(200);
  const before = reads;
  for (let n = 2; n <= 30; n++) expect((await post(n, 'first-secret')).status).toBe(200);
  expect(reads - before).toBe(0);

  values.set('app_secret', 'rotated-secret');
  expect((await post(31, 'rotated-secret')).status).toBe(200);
  expect((await post(32, 'first-secret')).status).toBe(401);
  expect((await post(33, 'nobody-knows-this')).status).toBe(401);
  await h.settle();
  const stored = (await h.inbox()).length;
  expect(stored).toBe(31);
});
