import { afterEach, describe, expect, it } from 'vitest';
import type { CoreEvent } from '@shared/events';
import { ok } from '../../helpers/dispatch';
import { removeDir, startSandboxApp, type SandboxApp } from './cloud-app';

/**
 * The Graph API version: asked for from config (v25.0 by default), read back from every answer's
 * `facebook-api-version`, and a warning in Settings that names both and what to do when Meta
 * answers with another (the sandbox can be told to, as Meta does once a version has expired).
 */
const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function app(): Promise<SandboxApp> {
  const started = await startSandboxApp();
  cleanups.push(
    () => removeDir(started.dataDir),
    () => started.stop(),
  );
  return started;
}

describe('the Graph API version Meta answers with', () => {
  it('is v25.0 for a new install, asked and answered alike: no warning', async () => {
    const shop = await app();
    await shop.core.whatsapp!.client.phoneNumbers.list(shop.sandbox.info.businessAccountId);
    const status = await ok(shop.core, await shop.ownerToken(), 'connectivity.status', {});
    expect(status.apiVersion).toMatchObject({ asked: 'v25.0', answered: 'v25.0', warning: null });
    expect(status.apiVersion.answeredAt).not.toBeNull();
  });

  it('warns in Settings, once in the log, and tells open windows when Meta answers with another', async () => {
    const shop = await app();
    const token = await shop.ownerToken();
    const events: CoreEvent[] = [];
    shop.core.events.subscribe((event) => events.push(event));
    shop.sandbox.configure({ answerApiVersion: 'v26.0' });
    const wabaId = shop.sandbox.info.businessAccountId;
    await shop.core.whatsapp!.client.phoneNumbers.list(wabaId);
    await shop.core.whatsapp!.client.phoneNumbers.list(wabaId);

    const { apiVersion } = await ok(shop.core, token, 'connectivity.status', {});
    expect(apiVersion).toMatchObject({ asked: 'v25.0', answered: 'v26.0' });
    expect(apiVersion.warning).toBe(
      'Wapidesk asks Meta for Graph API v25.0, but Meta answers with v26.0: v25.0 has probably expired, ' +
        'and Meta now serves its calls with v26.0. Set api_version = "v26.0" (or newer) under [whatsapp] ' +
        'in config.toml and restart Wapidesk, after reading what changed in Meta’s Graph API changelog.',
    );
    expect(shop.logger.lines.filter((l) => l.level === 'warn' && l.message.includes('v26.0'))).toHaveLength(
      1,
    );
    expect(events.filter((e) => e.name === 'connectivity.changed').map((e) => e.payload)).toContainEqual({
      reason: 'api_version',
    });

    // Meta back on the version asked for: the warning goes.
    shop.sandbox.configure({ answerApiVersion: null });
    await shop.core.whatsapp!.client.phoneNumbers.list(wabaId);
    expect((await ok(shop.core, token, 'connectivity.status', {})).apiVersion.warning).toBeNull();
  });
});
