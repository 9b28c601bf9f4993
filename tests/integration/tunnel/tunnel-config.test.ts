import { describe, expect, it } from 'vitest';
import { stringify } from 'smol-toml';
import { parseConfig } from '../../../electron/core/config/load-config';
import { configSchema } from '../../../electron/core/config/schema';
import {
  backoffDelay,
  createTunnelManager,
  fixedUrlProvider,
  TunnelError,
  tunnelProviderFromConfig,
  tunnelTarget,
} from '../../../electron/core/tunnel';
import { testConfigObject } from '../../helpers/test-core';

function config(tunnel: Record<string, unknown>) {
  return configSchema.parse({ ...testConfigObject(), tunnel });
}

describe('the tunnel from config.toml', () => {
  it('is off unless [tunnel] enabled = true', () => {
    expect(tunnelProviderFromConfig(config({}).tunnel)).toBeNull();
    expect(
      createTunnelManager({ config: config({}), publicListener: { host: '127.0.0.1', port: 8787 } }),
    ).toBeNull();
  });

  it('picks localtunnel by default and a fixed URL when asked', async () => {
    expect(tunnelProviderFromConfig(config({ enabled: true }).tunnel)?.name).toBe('localtunnel');
    const fixed = tunnelProviderFromConfig(
      config({ enabled: true, provider: 'fixed', host: 'https://hooks.myshop.example/' }).tunnel,
    );
    expect(fixed?.name).toBe('fixed');
    const open = await fixed?.open({ host: '127.0.0.1', port: 8787 });
    expect(open?.url).toBe('https://hooks.myshop.example');
  });

  it('refuses a fixed URL left at the localtunnel default, which would send webhooks to a stranger', () => {
    // At start-up, as a one-line config error naming the key…
    expect(() =>
      parseConfig(
        stringify({ ...testConfigObject(), tunnel: { enabled: true, provider: 'fixed' } }),
        'config.toml',
      ),
    ).toThrow('[tunnel] host must be your public https URL when provider = "fixed"');
    // …and by the provider itself, for a config that did not come through the schema.
    expect(() =>
      tunnelProviderFromConfig({
        enabled: true,
        provider: 'fixed',
        host: 'https://localtunnel.me',
        subdomain: '',
        ngrok_domain: '',
        cloudflared_path: '',
      }),
    ).toThrow('[tunnel] provider = "fixed" needs host = the public https URL of your reverse proxy');
  });

  it('builds a manager aimed at the public listener, not yet started', () => {
    const manager = createTunnelManager({
      config: config({ enabled: true }),
      publicListener: { host: '0.0.0.0', port: 8787 },
    });
    expect(manager?.status()).toMatchObject({ state: 'off', url: null, urlChanged: false });
  });
});

describe('tunnelTarget', () => {
  it('reaches a wildcard-bound public listener on loopback and keeps any other address', () => {
    expect(tunnelTarget({ host: '127.0.0.1', port: 1 })).toEqual({ host: '127.0.0.1', port: 1 });
    expect(tunnelTarget({ host: '0.0.0.0', port: 2 })).toEqual({ host: '127.0.0.1', port: 2 });
    expect(tunnelTarget({ host: '::', port: 3 })).toEqual({ host: '::1', port: 3 });
    expect(tunnelTarget({ host: '[::1]', port: 4 })).toEqual({ host: '::1', port: 4 });
    expect(tunnelTarget({ host: '192.168.1.5', port: 5 })).toEqual({ host: '192.168.1.5', port: 5 });
  });
});

describe('fixedUrlProvider', () => {
  it.each([
    ['not a url', 'is not a URL'],
    ['ftp://hooks.example', 'must start with https://'],
    ['https://user:pw@hooks.example', 'must not contain a user name or password'],
    ['https://hooks.example/?token=abc', 'must not have a query or fragment'],
  ])('refuses %s', (url, message) => {
    expect(() => fixedUrlProvider(url)).toThrow(TunnelError);
    expect(() => fixedUrlProvider(url)).toThrow(message);
  });

  it('never quotes a password it refuses', () => {
    expect(() => fixedUrlProvider('https://user:hunter2@hooks.example')).toThrow(/^(?!.*hunter2)/);
  });
});

describe('backoffDelay', () => {
  const options = { initialMs: 1000, maxMs: 60_000, factor: 2 };

  it('doubles, stays within half and all of its ceiling, and never passes the maximum', () => {
    for (let attempt = 0; attempt < 12; attempt += 1) {
      const ceiling = Math.min(60_000, 1000 * 2 ** attempt);
      expect(backoffDelay(attempt, options, () => 0)).toBe(ceiling / 2);
      expect(backoffDelay(attempt, options, () => 1)).toBe(ceiling);
    }
    expect(backoffDelay(10_000, options, () => 1)).toBe(60_000);
  });

  it('never shrinks from one attempt to the next below the maximum, whatever the jitter', () => {
    // 1 s doubling reaches 32 s at attempt 5; the next ceiling is cut to the 60 s maximum.
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect(backoffDelay(attempt + 1, options, () => 0)).toBeGreaterThanOrEqual(
        backoffDelay(attempt, options, () => 1),
      );
    }
  });
});
