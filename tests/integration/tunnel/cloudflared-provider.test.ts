import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CLOUDFLARED_MISSING,
  cloudflaredProvider,
  findCloudflared,
  healthProbe,
  TunnelManager,
  tunnelTarget,
} from '../../../electron/core/tunnel';
import { fakeCloudflaredBin, type FakeCloudflaredBin } from '../../helpers/fake-tunnel-tools';
import { FAST, startStandIn, watch, type StandIn } from './tunnel-kit';

/**
 * Cloudflare quick tunnels with the `cloudflared` program replaced by a local fake on PATH that
 * prints what the real one prints and forwards a local port: the provider finds it, runs it with the
 * right arguments, reads the URL from its log and stops it.
 */
const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp(): Promise<{ local: StandIn; bin: FakeCloudflaredBin }> {
  const local = await startStandIn();
  const bin = fakeCloudflaredBin();
  cleanups.push(
    () => local.close(),
    () => bin.remove(),
  );
  return { local, bin };
}

function managerFor(
  local: StandIn,
  env: NodeJS.ProcessEnv,
  command = '',
  probeIntervalMs: number = FAST.probeIntervalMs,
) {
  const manager = new TunnelManager({
    ...FAST,
    probeIntervalMs,
    provider: cloudflaredProvider({ command, env, startTimeoutMs: 5_000, firstProbeGraceMs: 1_000 }),
    target: tunnelTarget(local),
    probe: healthProbe({ instance: 'stand-in-instance' }),
  });
  cleanups.push(() => manager.stop());
  const watcher = watch(manager);
  manager.start();
  return { manager, ...watcher };
}

describe('the Cloudflare quick tunnel provider', () => {
  it('runs cloudflared found on PATH, comes up at the URL it printed, and reaches the public listener', async () => {
    const { local, bin } = await setUp();
    const { until } = managerFor(local, bin.env());
    const up = await until((s) => s.state === 'up');

    expect(up).toMatchObject({ provider: 'cloudflare', lastError: null, failures: 0 });
    expect(up.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(up.webhookUrl).toBe(`${up.url}/webhook`);
    const args = readFileSync(bin.argsFile, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as string[]);
    expect(args).toEqual([['tunnel', '--no-autoupdate', '--url', `http://127.0.0.1:${local.port}`]]);
    const response = await fetch(`${up.url}/health`);
    expect(await response.json()).toEqual({ status: 'ok', instance: 'stand-in-instance' });
  });

  it('uses a configured path rather than PATH', async () => {
    const { local, bin } = await setUp();
    const { until } = managerFor(local, { ...bin.env(), PATH: '' }, bin.path);
    expect((await until((s) => s.state === 'up')).provider).toBe('cloudflare');
  });

  it('says in plain words that cloudflared is missing, and keeps trying', async () => {
    const { local, bin } = await setUp();
    const { until } = managerFor(local, { ...bin.env(), PATH: '/nonexistent-folder' });
    const down = await until((s) => s.state === 'down');
    expect(down.lastError).toBe(CLOUDFLARED_MISSING);
    expect(down.retryInMs).not.toBeNull();
  });

  it('reports what cloudflared logged when it cannot get a tunnel', async () => {
    const { local, bin } = await setUp();
    const { until } = managerFor(local, bin.env('fail'));
    const down = await until((s) => s.state === 'down');
    expect(down.lastError).toContain('cloudflared stopped before the tunnel was ready (exit code 1)');
    expect(down.lastError).toContain('failed to request quick Tunnel');
  });

  it('notices cloudflared dying while up and opens a new quick tunnel, at a new URL', async () => {
    const { local, bin } = await setUp();
    // Probes rarely, so it is cloudflared's exit that reports the tunnel down, not a failed probe.
    const { until, statuses } = managerFor(
      local,
      bin.env('die', { FAKE_CLOUDFLARED_DIE_MS: '2000' }),
      '',
      60_000,
    );
    const first = await until((s) => s.state === 'up');
    const down = await until((s) => s.state === 'down');
    expect(down.lastError).toMatch(/^cloudflared stopped \(exit code 2\): Connection terminated/);
    const second = await until((s) => s.state === 'up' && s.url !== first.url);
    expect(second.url).not.toBe(first.url);
    expect(statuses.map((s) => s.state).slice(0, 4)).toEqual(['connecting', 'up', 'down', 'connecting']);
  });

  it('stops cloudflared with the tunnel', async () => {
    const { local, bin } = await setUp();
    const { manager, until } = managerFor(local, bin.env());
    const { url } = await until((s) => s.state === 'up');
    await manager.stop();
    await expect(fetch(`${url}/health`)).rejects.toThrow();
  });
});

describe('findCloudflared', () => {
  it('finds the program on PATH, refuses a relative or wrong configured path', async () => {
    const bin = fakeCloudflaredBin();
    cleanups.push(() => bin.remove());
    expect(await findCloudflared('', { PATH: `/nonexistent:${bin.dir}` })).toEqual({ path: bin.path });
    expect(await findCloudflared('', { PATH: '/nonexistent' })).toEqual({ problem: CLOUDFLARED_MISSING });
    expect(await findCloudflared('bin/cloudflared', {})).toMatchObject({
      problem: expect.stringContaining('full path'),
    });
    expect(await findCloudflared(`${bin.dir}/nothing`, {})).toMatchObject({
      problem: expect.stringContaining('There is no cloudflared program'),
    });
    // A folder is not a program.
    expect(await findCloudflared(bin.dir, {})).toHaveProperty('problem');
  });
});
