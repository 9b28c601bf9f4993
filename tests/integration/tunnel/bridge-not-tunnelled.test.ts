import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBridgeServer } from '../../../electron/core/server/bridge-server';
import type { Listening } from '../../../electron/core/server/listen';
import { startPublicServer } from '../../../electron/core/server/public-server';
import { healthProbe, localtunnelProvider, TunnelManager, tunnelTarget } from '../../../electron/core/tunnel';
import { startLocaltunnelServer, type LocaltunnelServer } from '../../helpers/localtunnel-server';
import { makeTestCore, type TestCore } from '../../helpers/test-core';
import { FAST, watch } from './tunnel-kit';

/**
 * The app's own public listener and UI bridge, each on its own loopback port, with a tunnel from a
 * local localtunnel server: the public URL reaches /health and /webhook, and never the bridge.
 */
let tc: TestCore;
let publicServer: Listening;
let bridge: Listening;
let server: LocaltunnelServer;
let manager: TunnelManager;
let url: string;
let bridgeConnections = 0;

beforeAll(async () => {
  tc = await makeTestCore({ organizationName: 'Tunnel Test Shop' });
  publicServer = await startPublicServer(tc.core, { host: '127.0.0.1', port: 0 });
  bridge = await startBridgeServer(tc.core, { port: 0, rendererDir: null });
  bridge.server.on('connection', () => (bridgeConnections += 1));
  server = await startLocaltunnelServer();
  manager = new TunnelManager({
    ...FAST,
    provider: localtunnelProvider({ host: server.url }),
    target: tunnelTarget(publicServer),
    probe: healthProbe({ instance: tc.core.instanceId }),
  });
  manager.start();
  url = (await watch(manager).until((s) => s.state === 'up')).url ?? '';
});

afterAll(async () => {
  await manager?.stop();
  await server?.close();
  await Promise.all([publicServer?.close(), bridge?.close()]);
  await tc?.close();
});

describe('a tunnel to the public listener', () => {
  it('comes up with the URL the tunnel server assigned and points at the public listener only', () => {
    expect(publicServer.port).not.toBe(bridge.port);
    expect(tunnelTarget(publicServer)).toEqual({ host: '127.0.0.1', port: publicServer.port });
    const tunnel = [...server.tunnels.values()][0];
    expect(url).toBe(tunnel?.url);
    expect(manager.status()).toMatchObject({ state: 'up', webhookUrl: `${url}/webhook`, lastError: null });
  });

  it('reaches /health through the public URL', async () => {
    const response = await fetch(`${url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', instance: tc.core.instanceId });
  });

  it('delivers POST /webhook to the public listener, answered exactly as a direct request is', async () => {
    const post = (base: string) =>
      fetch(`${base}/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': 'sha256=00' },
        body: JSON.stringify({ object: 'whatsapp_business_account', entry: [] }),
      }).then(async (r) => ({ status: r.status, body: await r.text() }));
    const direct = await post(publicServer.url);
    const tunnelled = await post(url);
    expect(tunnelled).toEqual(direct);
  });

  it('never reaches the UI bridge: /bridge/rpc/system.info is a 404 from the public listener', async () => {
    // The same call straight to the bridge works, so a 404 through the tunnel means "not the bridge".
    const straight = await fetch(`${bridge.url}/bridge/rpc/system.info`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(straight.status).toBe(200);
    const connectionsBefore = bridgeConnections;

    for (const [method, path] of [
      ['POST', '/bridge/rpc/system.info'],
      ['GET', '/bridge/events'],
      ['GET', '/'],
    ] as const) {
      const response = await fetch(`${url}${path}`, {
        method,
        headers: method === 'POST' ? { 'content-type': 'application/json' } : {},
        body: method === 'POST' ? '{}' : undefined,
      });
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(await response.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'Not found' } });
    }
    expect(bridgeConnections).toBe(connectionsBefore);
  });
});
