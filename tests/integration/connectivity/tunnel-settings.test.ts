import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TunnelStatus } from '@shared/types/tunnel';
import { SecretStore } from '../../../electron/core/secrets/secret-store';
import { fail, ok } from '../../helpers/dispatch';
import { signIn } from '../../helpers/people';
import { OWNER } from '../../helpers/test-core';
import { fakeCloudflaredBin, fakeNgrok, type FakeNgrok } from '../../helpers/fake-tunnel-tools';
import { closedPort } from '../tunnel/tunnel-kit';
import { FAST_CONNECTIVITY, removeDir, startSandboxApp, type SandboxApp } from './cloud-app';

/**
 * The tunnel chosen in Settings: kept in the database (replacing config.toml's [tunnel]), audited,
 * run at once; the ngrok authtoken kept in the secret store only; a provider that keeps failing
 * handed over to one that is ready, or advice on what to set up. ngrok's SDK and cloudflared are
 * replaced by local fakes at their boundary.
 */
const AUTHTOKEN = '2ShopNgrokAuthtoken_0123456789ABCDEFGHIJ';
const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function app(
  options: {
    ngrok?: FakeNgrok;
    env?: NodeJS.ProcessEnv;
    dataDir?: string;
    device?: SecretStore;
    keep?: boolean;
  } = {},
): Promise<SandboxApp> {
  const started = await startSandboxApp({
    dataDir: options.dataDir,
    device: options.device,
    connectivity: {
      ...FAST_CONNECTIVITY,
      tunnel: {
        ...FAST_CONNECTIVITY.tunnel,
        loadNgrok: options.ngrok?.load,
        env: options.env ?? { PATH: '/nonexistent' },
      },
    },
  });
  if (!options.keep) cleanups.push(() => removeDir(started.dataDir));
  cleanups.push(() => started.stop());
  return started;
}

function ngrokFake(): FakeNgrok {
  const fake = fakeNgrok();
  cleanups.push(() => fake.close());
  return fake;
}

async function tunnelUntil(shop: SandboxApp, test: (s: TunnelStatus) => boolean, timeout = 10_000) {
  let last: TunnelStatus | undefined;
  await vi.waitFor(
    () => {
      last = shop.core.tunnel!.status();
      if (!test(last)) throw new Error(`tunnel not there yet: ${JSON.stringify(last)}`);
    },
    { timeout, interval: 25 },
  );
  return last!;
}

/** Everything SQLite wrote in the data folder (database, WAL), as text. */
function databaseBytes(dataDir: string): string {
  return readdirSync(dataDir)
    .filter((name) => name.startsWith('wapidesk.sqlite'))
    .map((name) => readFileSync(join(dataDir, name)).toString('latin1'))
    .join('');
}

describe('choosing the tunnel in Settings', () => {
  it('ngrok: asks for the authtoken, keeps it in the secret store only, and comes up with the static domain', async () => {
    const ngrok = ngrokFake();
    const shop = await app({ ngrok });
    const token = await shop.ownerToken();
    const configBefore = readFileSync(join(shop.dataDir, 'config.toml'), 'utf8');

    const chosen = await ok(shop.core, token, 'connectivity.configureTunnel', {
      enabled: true,
      provider: 'ngrok',
      ngrokDomain: 'MyShop.ngrok-free.app',
    });
    expect(chosen).toMatchObject({
      source: 'app',
      choice: { enabled: true, provider: 'ngrok', ngrokDomain: 'myshop.ngrok-free.app' },
      ngrok: { authtokenSet: false, authtokenCannotBeSaved: null, sdkInstalled: true },
    });
    const waiting = await tunnelUntil(shop, (s) => s.state === 'down');
    expect(waiting.lastError).toMatch(/^ngrok needs your authtoken/);
    expect(ngrok.calls).toHaveLength(0);

    const saved = await ok(shop.core, token, 'connectivity.setNgrokAuthtoken', { authtoken: AUTHTOKEN });
    expect(saved.ngrok.authtokenSet).toBe(true);
    expect(JSON.stringify(saved)).not.toContain(AUTHTOKEN);
    const up = await tunnelUntil(shop, (s) => s.state === 'up');
    expect(up.provider).toBe('ngrok');
    expect(ngrok.calls.at(-1)).toMatchObject({ authtoken: AUTHTOKEN, domain: 'myshop.ngrok-free.app' });
    expect((await fetch(`${up.url}/health`)).status).toBe(200);

    // The authtoken is in the secret store, and nowhere else.
    expect(shop.secrets.get('ngrok_authtoken')).toBe(AUTHTOKEN);
    await shop.core.ctx.tx.drained();
    expect(databaseBytes(shop.dataDir)).not.toContain(AUTHTOKEN);
    expect(readFileSync(join(shop.dataDir, 'config.toml'), 'utf8')).toBe(configBefore);
    expect(shop.logger.lines.map((l) => l.message).join('\n')).not.toContain(AUTHTOKEN);
    const audit = await shop.core.ctx.db.query<{ action: string; details: string }[]>(
      `SELECT action, details FROM audit_log WHERE action LIKE 'tunnel.%' ORDER BY id`,
    );
    expect(audit).toEqual([
      {
        action: 'tunnel.configured',
        details: JSON.stringify({ enabled: true, provider: 'ngrok', ngrokDomain: 'myshop.ngrok-free.app' }),
      },
      { action: 'tunnel.ngrok_authtoken_set', details: '{}' },
    ]);
  });

  it('keeps the choice across a restart, replacing config.toml’s [tunnel]', async () => {
    const ngrok = ngrokFake();
    const first = await app({ ngrok, keep: true });
    cleanups.push(() => removeDir(first.dataDir));
    const token = await first.ownerToken();
    await ok(first.core, token, 'connectivity.setNgrokAuthtoken', { authtoken: AUTHTOKEN });
    await ok(first.core, token, 'connectivity.configureTunnel', { enabled: true, provider: 'ngrok' });
    await tunnelUntil(first, (s) => s.state === 'up');
    await first.stop();

    // The secret store outlives the run, as a keychain does.
    const device = new SecretStore(
      {
        kind: 'keychain',
        get: async (name) => first.secrets.get(name) ?? null,
        set: async () => undefined,
        delete: async () => undefined,
      },
      {},
    );
    const again = await app({ ngrok, dataDir: first.dataDir, device, keep: true });
    expect((await tunnelUntil(again, (s) => s.state === 'up')).provider).toBe('ngrok');
    const status = await ok(again.core, await signInAgain(again), 'connectivity.status', {});
    expect(status.tunnel).toMatchObject({ source: 'app', choice: { provider: 'ngrok', enabled: true } });
  });

  it('refuses a fixed tunnel without its URL, naming the field and changing nothing', async () => {
    const shop = await app();
    const token = await shop.ownerToken();
    const error = await fail(shop.core, token, 'connectivity.configureTunnel', {
      enabled: true,
      provider: 'fixed',
    });
    expect(error).toMatchObject({ code: 'VALIDATION', fields: [{ field: 'fixedUrl' }] });
    const bad = await fail(shop.core, token, 'connectivity.configureTunnel', {
      enabled: true,
      provider: 'fixed',
      fixedUrl: 'https://owner:pw@hooks.example',
    });
    expect(bad).toMatchObject({ code: 'VALIDATION', fields: [{ field: 'fixedUrl' }] });
    const plain = await fail(shop.core, token, 'connectivity.configureTunnel', {
      enabled: true,
      provider: 'fixed',
      fixedUrl: 'http://hooks.myshop.example',
    });
    expect(plain.fields).toEqual([
      { field: 'fixedUrl', message: 'Meta sends webhooks to https addresses only' },
    ]);
    expect(await shop.core.ctx.db.query('SELECT * FROM tunnel_settings')).toEqual([]);
    expect(shop.core.tunnel?.status().state).toBe('off');
  });

  it('says why the ngrok authtoken cannot be saved where there is no keychain', async () => {
    const shop = await app({ device: new SecretStore(null, {}) });
    const token = await shop.ownerToken();
    const settings = await ok(shop.core, token, 'connectivity.status', {});
    expect(settings.tunnel.ngrok.authtokenCannotBeSaved).toMatch(/^No system keychain is available/);
    const error = await fail(shop.core, token, 'connectivity.setNgrokAuthtoken', { authtoken: AUTHTOKEN });
    expect(error).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/WAPIDESK_NGROK_AUTHTOKEN/),
    });
  });
});

describe('a provider that keeps failing', () => {
  it('is handed over to a Cloudflare quick tunnel when cloudflared is there; the owner can try the choice again', async () => {
    const bin = fakeCloudflaredBin();
    cleanups.push(() => bin.remove());
    const shop = await app({ env: bin.env() });
    const token = await shop.ownerToken();
    await ok(shop.core, token, 'connectivity.configureTunnel', {
      enabled: true,
      provider: 'localtunnel',
      localtunnelHost: `http://127.0.0.1:${await closedPort()}`,
    });

    const fallback = await tunnelUntil(shop, (s) => s.state === 'up');
    expect(fallback).toMatchObject({
      provider: 'cloudflare',
      fallbackFrom: 'localtunnel',
      fallbackReason: expect.stringMatching(
        /^Cannot reach the tunnel server http:\/\/127\.0\.0\.1:\d+: ECONNREFUSED$/,
      ),
      advice: null,
    });
    expect((await fetch(`${fallback.url}/health`)).status).toBe(200);
    expect(
      shop.logger.lines.some((l) =>
        /localtunnel failed 3 times in a row; using the Cloudflare/.test(l.message),
      ),
    ).toBe(true);

    const again = await ok(shop.core, token, 'connectivity.restartTunnel', {});
    expect(again.status).toMatchObject({ provider: 'localtunnel', fallbackFrom: null });
  });

  it('with nothing ready to take over, advises setting up ngrok in plain words', async () => {
    const shop = await app();
    const token = await shop.ownerToken();
    await ok(shop.core, token, 'connectivity.configureTunnel', {
      enabled: true,
      provider: 'localtunnel',
      localtunnelHost: `http://127.0.0.1:${await closedPort()}`,
    });
    const advised = await tunnelUntil(shop, (s) => s.advice !== null);
    expect(advised).toMatchObject({ provider: 'localtunnel', fallbackFrom: null, state: 'down' });
    expect(advised.advice?.suggest).toBe('ngrok');
    expect(advised.advice?.message).toMatch(
      /^localtunnel keeps failing \(its public server is often down\): Cannot reach the tunnel server/,
    );
    expect(advised.advice?.message).toContain('Set up ngrok');
  });
});

async function signInAgain(shop: SandboxApp): Promise<string> {
  return (await signIn(shop.core, OWNER.username, OWNER.password)).token;
}
