import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  fixedUrlProvider,
  healthProbe,
  localtunnelProvider,
  TunnelManager,
  tunnelTarget,
  type TunnelManagerOptions,
} from '../../../electron/core/tunnel';
import { startLocaltunnelServer, type LocaltunnelServer } from '../../helpers/localtunnel-server';
import { CapturingLogger } from '../../helpers/logger';
import { closedPort, FAST, startStandIn, watch, type StandIn } from './tunnel-kit';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  // Managers first (they were pushed last), so nothing reconnects while servers go away.
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function standIn(): Promise<StandIn> {
  const listener = await startStandIn();
  cleanups.push(() => listener.close());
  return listener;
}

async function tunnelServer(options: { port?: number } = {}): Promise<LocaltunnelServer> {
  const server = await startLocaltunnelServer(options);
  cleanups.push(() => server.close());
  return server;
}

function manager(options: Pick<TunnelManagerOptions, 'provider' | 'target'> & Partial<TunnelManagerOptions>) {
  const created = new TunnelManager({
    ...FAST,
    probe: healthProbe({ instance: 'stand-in-instance' }),
    ...options,
  });
  cleanups.push(() => created.stop());
  const watcher = watch(created);
  created.start();
  return { manager: created, ...watcher };
}

const fastLocaltunnel = (host: string, subdomain = '') =>
  localtunnelProvider({ host, subdomain, reopenDelayMs: 50 });

describe('TunnelManager with a localtunnel server', () => {
  it('comes up, reports the assigned URL, and flags it as changed until it is reported', async () => {
    const [local, server] = await Promise.all([standIn(), tunnelServer()]);
    const {
      manager: m,
      statuses,
      until,
    } = manager({
      provider: fastLocaltunnel(server.url, 'myshop'),
      target: tunnelTarget(local),
      lastReportedUrl: 'https://oldname.loca.lt',
    });
    const up = await until((s) => s.state === 'up');

    expect(server.requests).toEqual(['/myshop']);
    expect(up).toMatchObject({
      url: server.tunnels.get('myshop')?.url,
      webhookUrl: `${server.tunnels.get('myshop')?.url}/webhook`,
      lastError: null,
      urlChanged: true,
      retryInMs: null,
    });
    expect(statuses.map((s) => s.state)).toEqual(['connecting', 'up']);
    expect(local.seen).toContain('GET /health');

    m.markUrlReported(up.url ?? '');
    expect(m.status()).toMatchObject({ state: 'up', urlChanged: false, since: up.since });
    expect(statuses.at(-1)?.urlChanged).toBe(false);
  });

  it('carries request bodies byte for byte, including bytes that are not UTF-8', async () => {
    const [local, server] = await Promise.all([standIn(), tunnelServer()]);
    const { until } = manager({ provider: fastLocaltunnel(server.url), target: tunnelTarget(local) });
    const { url } = await until((s) => s.state === 'up');
    expect(server.requests).toEqual(['/?new']);

    for (const body of [Buffer.from([0x7b, 0xff, 0xfe, 0x00, 0xc3, 0xa9, 0x7d]), randomBytes(300_000)]) {
      const response = await fetch(`${url}/echo`, { method: 'POST', body });
      expect(response.status).toBe(200);
      expect(Buffer.from(await response.arrayBuffer()).equals(body)).toBe(true);
    }
  });

  it('stays up when the server drops its sockets but keeps the tunnel: the client reconnects them', async () => {
    const [local, server] = await Promise.all([standIn(), tunnelServer()]);
    const { statuses, until } = manager({
      provider: fastLocaltunnel(server.url),
      target: tunnelTarget(local),
    });
    const { url } = await until((s) => s.state === 'up');
    const tunnel = [...server.tunnels.values()][0];

    server.killClientSockets();
    await expect.poll(() => tunnel?.clientSockets.size, { timeout: 3000 }).toBe(2);
    const response = await fetch(`${url}/health`);
    expect(response.status).toBe(200);
    await new Promise((done) => setTimeout(done, 3 * FAST.probeIntervalMs));
    expect(statuses.map((s) => s.state)).toEqual(['connecting', 'up']);
  });

  it('goes down when the tunnel server restarts, then comes back up with the new URL', async () => {
    const local = await standIn();
    const first = await tunnelServer();
    const {
      manager: m,
      statuses,
      until,
    } = manager({ provider: fastLocaltunnel(first.url), target: tunnelTarget(local) });
    const before = await until((s) => s.state === 'up');
    m.markUrlReported(before.url ?? '');

    await first.close();
    const down = await until((s) => s.state === 'down');
    expect(down.url).toBe(before.url);
    expect(down.lastError).toMatch(
      /^(Cannot reach the tunnel server's socket port 127\.0\.0\.1:\d+: ECONNREFUSED|The tunnel does not reach Wapidesk: .*)$/,
    );
    expect(down.retryInMs).toBe(30);

    const second = await tunnelServer({ port: first.port });
    const after = await until((s) => s.state === 'up');
    expect(after.url).toBe([...second.tunnels.values()][0]?.url);
    expect(after.url).not.toBe(before.url);
    expect(after).toMatchObject({ urlChanged: true, lastError: null, webhookUrl: `${after.url}/webhook` });
    const states = statuses.map((s) => s.state);
    expect(states.slice(0, 4)).toEqual(['connecting', 'up', 'up', 'down']); // the second 'up' is markUrlReported
    expect(states.at(-2)).toBe('connecting');
    expect((await fetch(`${after.url}/health`)).status).toBe(200);
  });

  it('goes down when the server forgets the tunnel, and opens a new one', async () => {
    const [local, server] = await Promise.all([standIn(), tunnelServer()]);
    const { until } = manager({ provider: fastLocaltunnel(server.url), target: tunnelTarget(local) });
    const before = await until((s) => s.state === 'up');

    await server.dropTunnel([...server.tunnels.keys()][0] ?? '');
    await until((s) => s.state === 'down');
    const after = await until((s) => s.state === 'up');
    expect(after.url).not.toBe(before.url);
    expect(server.requests).toEqual(['/?new', '/?new']);
  });

  it('goes down when its probe through the public URL fails, and recovers when it passes', async () => {
    const [local, server] = await Promise.all([standIn(), tunnelServer()]);
    const { until } = manager({ provider: fastLocaltunnel(server.url), target: tunnelTarget(local) });
    await until((s) => s.state === 'up');

    local.healthStatus = 500;
    const down = await until((s) => s.state === 'down');
    expect(down.lastError).toMatch(
      /^The tunnel does not reach Wapidesk: GET http:\/\/127\.0\.0\.1:\d+\/health answered HTTP 500$/,
    );
    local.healthStatus = 200;
    await until((s) => s.state === 'up');
  });

  it('reports an unreachable tunnel server clearly and retries with growing, bounded delays', async () => {
    const local = await standIn();
    const port = await closedPort();
    const host = `http://127.0.0.1:${port}`;
    const { statuses, until } = manager({ provider: fastLocaltunnel(host), target: tunnelTarget(local) });

    await until(() => statuses.filter((s) => s.state === 'down').length >= 5, 5000);
    const downs = statuses.filter((s) => s.state === 'down');
    for (const down of downs)
      expect(down.lastError).toBe(`Cannot reach the tunnel server ${host}: ECONNREFUSED`);
    // initial 40 ms doubling to a 400 ms cap, with equal jitter at 0.5: 3/4 of each ceiling.
    expect(downs.slice(0, 5).map((s) => s.retryInMs)).toEqual([30, 60, 120, 240, 300]);

    // The server appears: the next retry finds it.
    await tunnelServer({ port });
    const up = await until((s) => s.state === 'up', 3000);
    expect(up.lastError).toBeNull();
  });

  it('passes on why the server refused a tunnel', async () => {
    const [local, server] = await Promise.all([standIn(), tunnelServer()]);
    const { until } = manager({
      provider: fastLocaltunnel(server.url, 'No_Such'),
      target: tunnelTarget(local),
    });
    const down = await until((s) => s.state === 'down');
    expect(down.lastError).toBe(
      `The tunnel server ${server.url} refused a tunnel (HTTP 403): ` +
        'Invalid subdomain. Subdomains must be lowercase and 4 to 63 long.',
    );
  });

  it('keeps credentials in the tunnel server URL out of its status and its log', async () => {
    const local = await standIn();
    const port = await closedPort();
    const logger = new CapturingLogger();
    const { until } = manager({
      provider: fastLocaltunnel(`http://shop:s3cret-pass@127.0.0.1:${port}/?key=s3cret-key`),
      target: tunnelTarget(local),
      logger,
    });
    const down = await until((s) => s.state === 'down');
    expect(down.lastError).toBe(`Cannot reach the tunnel server http://127.0.0.1:${port}: ECONNREFUSED`);
    expect(logger.lines.length).toBeGreaterThan(0);
    expect(JSON.stringify(logger.lines)).not.toMatch(/s3cret/);
  });

  it('scrubs URLs in errors it did not write itself before showing them', async () => {
    const local = await standIn();
    const provider = {
      name: 'broken',
      open: () => Promise.reject(new Error('failed at https://u:pw@x.example/path?key=k, giving up')),
    };
    const { until } = manager({ provider, target: tunnelTarget(local) });
    const down = await until((s) => s.state === 'down');
    expect(down.lastError).toBe('failed at https://x.example/path, giving up');
  });

  it('sends credentials in the tunnel server URL as basic auth, not in the URL', async () => {
    const [local, server] = await Promise.all([standIn(), tunnelServer()]);
    const host = server.url.replace('http://', 'http://shop:s3cret%20pass@');
    const { until } = manager({ provider: fastLocaltunnel(host), target: tunnelTarget(local) });
    await until((s) => s.state === 'up');
    expect(server.requests).toEqual(['/?new']);
    expect(server.authorizations).toEqual([`Basic ${Buffer.from('shop:s3cret pass').toString('base64')}`]);
  });

  it('stop() closes the sockets, cancels retries and reports off', async () => {
    const [local, server] = await Promise.all([standIn(), tunnelServer()]);
    const {
      manager: m,
      statuses,
      until,
    } = manager({ provider: fastLocaltunnel(server.url), target: tunnelTarget(local) });
    await until((s) => s.state === 'up');
    const tunnel = [...server.tunnels.values()][0];
    expect(tunnel?.clientSockets.size).toBeGreaterThan(0);

    await m.stop();
    expect(m.status()).toMatchObject({ state: 'off', url: null, webhookUrl: null, urlChanged: false });
    await expect.poll(() => tunnel?.clientSockets.size, { timeout: 2000 }).toBe(0);
    const seen = statuses.length;
    const requests = server.requests.length;
    await new Promise((done) => setTimeout(done, 5 * FAST.probeIntervalMs));
    expect(statuses.length).toBe(seen);
    expect(server.requests.length).toBe(requests);
  });

  it('stop() while waiting to retry cancels the retry', async () => {
    const local = await standIn();
    const {
      manager: m,
      statuses,
      until,
    } = manager({
      provider: fastLocaltunnel(`http://127.0.0.1:${await closedPort()}`),
      target: tunnelTarget(local),
    });
    await until((s) => s.state === 'down');
    await m.stop();
    const seen = statuses.length;
    await new Promise((done) => setTimeout(done, 300));
    expect(statuses.length).toBe(seen);
    expect(statuses.at(-1)?.state).toBe('off');
  });
});

describe('TunnelManager with a fixed URL', () => {
  it('reports the fixed URL, probes it, and follows what the probe finds', async () => {
    const local = await standIn();
    const { manager: m, until } = manager({
      provider: fixedUrlProvider(`${local.url}/`),
      target: tunnelTarget(local),
      lastReportedUrl: local.url,
    });
    const up = await until((s) => s.state === 'up');
    expect(up).toMatchObject({ url: local.url, webhookUrl: `${local.url}/webhook`, urlChanged: false });
    await expect
      .poll(() => local.seen.filter((line) => line === 'GET /health').length)
      .toBeGreaterThanOrEqual(3);

    local.healthStatus = 502;
    const down = await until((s) => s.state === 'down');
    expect(down.lastError).toContain('answered HTTP 502');
    expect(down.url).toBe(local.url);
    local.healthStatus = 200;
    await until((s) => s.state === 'up');
    expect(m.status().lastError).toBeNull();
  });

  it('notices when the fixed URL reaches some other server', async () => {
    const local = await standIn();
    const { until } = manager({
      provider: fixedUrlProvider(local.url),
      target: tunnelTarget(local),
      probe: healthProbe({ instance: 'another-instance' }),
    });
    const down = await until((s) => s.state === 'down');
    expect(down.lastError).toBe(
      `The tunnel reaches something other than this Wapidesk: GET ${local.url}/health`,
    );
  });
});
