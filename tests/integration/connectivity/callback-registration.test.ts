import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CallbackDto } from '@shared/types/connectivity';
import { MessageEntity } from '../../../electron/core/db/entities/messaging';
import type { RunningSandbox } from '../../../electron/core/whatsapp/sandbox';
import { ok } from '../../helpers/dispatch';
import { startLocaltunnelServer, type LocaltunnelServer } from '../../helpers/localtunnel-server';
import { startCloudApp, startFastSandbox, removeDir, type CloudApp } from './cloud-app';
import { startVerificationGate, type VerificationGate } from './verification-gate';

/**
 * Issue 13's "done when": a restarted tunnel with a new URL keeps webhooks flowing with no action
 * from the owner. The sandbox stands in for Meta and only ever delivers to the callback URL the app
 * registered with `subscribed_apps` (it has no app-dashboard URL), after its verification GET.
 */
const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function sandbox(): Promise<RunningSandbox> {
  const started = await startFastSandbox();
  cleanups.push(() => started.close());
  return started;
}

async function app(options: Parameters<typeof startCloudApp>[0]): Promise<CloudApp> {
  const started = await startCloudApp(options);
  cleanups.push(
    () => removeDir(started.dataDir),
    () => started.stop(),
  );
  return started;
}

async function callbackState(app: CloudApp, test: (c: CallbackDto) => boolean, timeout = 10_000) {
  let last: CallbackDto | undefined;
  await vi.waitFor(
    async () => {
      last = await app.core.callbackRegistrar!.status();
      if (!test(last)) throw new Error(`callback not there yet: ${JSON.stringify(last)}`);
    },
    { timeout, interval: 50 },
  );
  return last!;
}

/** A demo customer writes in through the sandbox; resolves once the app has stored it. */
async function customerWrites(app: CloudApp, wa: RunningSandbox, text: string): Promise<void> {
  const { id } = wa.customerSends('15551234001', { type: 'text', text });
  await vi.waitFor(
    async () => {
      await app.core.webhooks.idle();
      const stored = await app.core.ctx.db.getRepository(MessageEntity).findOneBy({ waMessageId: id });
      expect(stored?.text).toBe(text);
    },
    { timeout: 10_000, interval: 50 },
  );
}

describe('the webhook URL registered with Meta by itself', () => {
  it('follows a localtunnel whose URL changes: verified by Meta each time, webhooks keep flowing', async () => {
    const wa = await sandbox();
    const lt: LocaltunnelServer = await startLocaltunnelServer();
    cleanups.push(() => lt.close());
    const shop = await app({ sandbox: wa, tunnel: { enabled: true, provider: 'localtunnel', host: lt.url } });

    const firstUrl = (await vi.waitFor(() => expect([...lt.tunnels.values()]).toHaveLength(1)),
    [...lt.tunnels.values()])[0]!.url;
    const first = await callbackState(shop, (c) => c.state === 'verified');
    expect(first).toMatchObject({
      applies: true,
      automatic: true,
      registeredUrl: `${firstUrl}/webhook`,
      lastError: null,
    });
    expect(wa.info.callbackOverride).toBe(`${firstUrl}/webhook`);
    expect(wa.callbackVerifications().map((v) => ({ url: v.url, ok: v.ok, status: v.status }))).toEqual([
      { url: `${firstUrl}/webhook`, ok: true, status: 200 },
    ]);
    // The verify token was made by the app and kept in the secret store, not in config.toml.
    const verifyToken = shop.secrets.get('verify_token');
    expect(verifyToken).toMatch(/^[\w-]{32}$/);
    expect(readFileSync(join(shop.dataDir, 'config.toml'), 'utf8')).not.toContain(verifyToken);
    expect(shop.logger.lines.map((l) => l.message).join('\n')).not.toContain(verifyToken);
    // Meta has the URL: nobody needs to be told to paste it anywhere.
    expect(shop.core.tunnel?.status()).toMatchObject({ state: 'up', url: firstUrl, urlChanged: false });
    await customerWrites(shop, wa, 'Through the first tunnel');

    // The tunnel server forgets the tunnel (as when localtunnel.me restarts): a new URL comes.
    await lt.dropTunnel([...lt.tunnels.keys()][0]!);
    const second = await callbackState(
      shop,
      (c) => c.state === 'verified' && c.registeredUrl !== `${firstUrl}/webhook`,
    );
    const secondUrl = [...lt.tunnels.values()][0]!.url;
    expect(secondUrl).not.toBe(firstUrl);
    expect(second.registeredUrl).toBe(`${secondUrl}/webhook`);
    expect(wa.info.callbackOverride).toBe(`${secondUrl}/webhook`);
    expect(wa.callbackVerifications().map((v) => v.url)).toEqual([
      `${firstUrl}/webhook`,
      `${secondUrl}/webhook`,
    ]);
    await customerWrites(shop, wa, 'Through the second tunnel');
    // Every webhook the sandbox sent was acknowledged in the end; none was dropped.
    await wa.idle();
    expect(wa.webhookDeliveries().filter((d) => d.state !== 'delivered')).toEqual([]);
  });

  it('says in plain words when Meta cannot verify the URL, tries again by itself, and succeeds', async () => {
    const wa = await sandbox();
    const gate: VerificationGate = await startVerificationGate();
    cleanups.push(() => gate.close());
    gate.refuseVerification = true;
    const shop = await app({ sandbox: wa, tunnel: { enabled: true, provider: 'fixed', host: gate.url } });
    gate.target(shop.side.publicServer.port);

    const failed = await callbackState(shop, (c) => c.state === 'failed');
    expect(failed.lastError).toBe(
      `Meta could not verify ${gate.url}/webhook: it sent its verification request there and got ` +
        '"HTTP Status Code = 403; HTTP Message = Forbidden". Check that the tunnel is up; Wapidesk tries again by itself.',
    );
    expect(failed.nextAttemptAt).not.toBeNull();
    expect(wa.info.callbackOverride).toBeNull();

    gate.refuseVerification = false;
    const verified = await callbackState(shop, (c) => c.state === 'verified');
    expect(verified).toMatchObject({ registeredUrl: `${gate.url}/webhook`, lastError: null });
    await customerWrites(shop, wa, 'After the retry');
  });

  it('does not register again at a restart when Meta already has the same URL', async () => {
    const wa = await sandbox();
    const gate = await startVerificationGate();
    cleanups.push(() => gate.close());
    const first = await startCloudApp({
      sandbox: wa,
      tunnel: { enabled: true, provider: 'fixed', host: gate.url },
    });
    cleanups.push(() => removeDir(first.dataDir));
    gate.target(first.side.publicServer.port);
    await callbackState(first, (c) => c.state === 'verified');
    await first.stop();

    // Same data folder and keychain, same public URL: a new listener port behind the same proxy.
    const again = await app({
      sandbox: wa,
      tunnel: { enabled: true, provider: 'fixed', host: gate.url },
      dataDir: first.dataDir,
    });
    gate.target(again.side.publicServer.port);
    await callbackState(again, (c) => c.state === 'verified');
    expect(wa.callbackVerifications()).toHaveLength(1);
    await customerWrites(again, wa, 'After the restart');
  });

  it('hands the webhooks back to the app dashboard’s URL when the owner turns it off, audited', async () => {
    const wa = await sandbox();
    const gate = await startVerificationGate();
    cleanups.push(() => gate.close());
    const shop = await app({ sandbox: wa, tunnel: { enabled: true, provider: 'fixed', host: gate.url } });
    gate.target(shop.side.publicServer.port);
    await callbackState(shop, (c) => c.state === 'verified');
    const token = await shop.ownerToken();

    const off = await ok(shop.core, token, 'connectivity.setAutomaticCallback', { automatic: false });
    expect(off).toMatchObject({ automatic: false, state: 'off', registeredUrl: null });
    expect(wa.info.callbackOverride).toBeNull();
    const audit = await shop.core.ctx.db.query<{ action: string; details: string }[]>(
      `SELECT action, details FROM audit_log WHERE action = 'webhooks.callback_automatic'`,
    );
    expect(audit).toEqual([{ action: 'webhooks.callback_automatic', details: '{"automatic":false}' }]);

    const on = await ok(shop.core, token, 'connectivity.setAutomaticCallback', { automatic: true });
    expect(on.automatic).toBe(true);
    await callbackState(shop, (c) => c.state === 'verified');
    expect(wa.info.callbackOverride).toBe(`${gate.url}/webhook`);
  });
});
