import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import {
  healthProbe,
  loadNgrokSdk,
  NGROK_NOT_INSTALLED,
  ngrokProvider,
  TunnelManager,
  tunnelTarget,
  type NgrokOptions,
} from '../../../electron/core/tunnel';
import { fakeNgrok, type FakeNgrok } from '../../helpers/fake-tunnel-tools';
import { FAST, startStandIn, watch, type StandIn } from './tunnel-kit';

/**
 * ngrok through its SDK, with the SDK replaced at its boundary by an injected loader: the provider
 * gives it the shop's authtoken and static domain, reads back the URL, closes the session with the
 * tunnel, and turns ngrok's error codes into words a shop owner can act on.
 */
const AUTHTOKEN = '2ShopsOwnNgrokAuthtoken_abcdefghijklmnop';
const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp(): Promise<{ local: StandIn; ngrok: FakeNgrok }> {
  const local = await startStandIn();
  const ngrok = fakeNgrok();
  cleanups.push(
    () => local.close(),
    () => ngrok.close(),
  );
  return { local, ngrok };
}

function managerFor(local: StandIn, options: NgrokOptions) {
  const manager = new TunnelManager({
    ...FAST,
    provider: ngrokProvider(options),
    target: tunnelTarget(local),
    probe: healthProbe({ instance: 'stand-in-instance' }),
  });
  cleanups.push(() => manager.stop());
  const watcher = watch(manager);
  manager.start();
  return { manager, ...watcher };
}

function ngrokError(message: string, code: string): Error {
  return Object.assign(new Error(`${message}\n\nerror_code: ${code}`), { errorCode: code });
}

describe('the ngrok provider', () => {
  it('forwards to the public listener with the shop’s authtoken and static domain, and comes up at its URL', async () => {
    const { local, ngrok } = await setUp();
    const { until } = managerFor(local, {
      authtoken: async () => AUTHTOKEN,
      domain: 'myshop.ngrok-free.app',
      load: ngrok.load,
    });
    const up = await until((s) => s.state === 'up');
    expect(up).toMatchObject({ provider: 'ngrok', lastError: null });
    expect(ngrok.calls).toHaveLength(1);
    expect(ngrok.calls[0]).toMatchObject({
      addr: `127.0.0.1:${local.port}`,
      authtoken: AUTHTOKEN,
      domain: 'myshop.ngrok-free.app',
    });
    expect((await fetch(`${up.url}/health`)).status).toBe(200);
  });

  it('asks for no domain when none is set (a random URL)', async () => {
    const { local, ngrok } = await setUp();
    const { until } = managerFor(local, { authtoken: async () => AUTHTOKEN, domain: '', load: ngrok.load });
    await until((s) => s.state === 'up');
    expect(ngrok.calls[0]).not.toHaveProperty('domain');
  });

  it('closes the listener and ends the session when the tunnel stops', async () => {
    const { local, ngrok } = await setUp();
    const { manager, until } = managerFor(local, {
      authtoken: async () => AUTHTOKEN,
      domain: '',
      load: ngrok.load,
    });
    await until((s) => s.state === 'up');
    await manager.stop();
    expect({ closes: ngrok.closes, kills: ngrok.kills }).toEqual({ closes: 1, kills: 1 });
  });

  it('without an authtoken, says where to get one and never calls ngrok', async () => {
    const { local, ngrok } = await setUp();
    const { until } = managerFor(local, { authtoken: async () => null, domain: '', load: ngrok.load });
    const down = await until((s) => s.state === 'down');
    expect(down.lastError).toMatch(/^ngrok needs your authtoken: sign up free at ngrok\.com/);
    expect(ngrok.calls).toHaveLength(0);
  });

  it('says so when the optional SDK is not installed', async () => {
    const local = await startStandIn();
    cleanups.push(() => local.close());
    const { until } = managerFor(local, {
      authtoken: async () => AUTHTOKEN,
      domain: '',
      load: async () => {
        throw new Error("Cannot find module '@ngrok/ngrok'");
      },
    });
    expect((await until((s) => s.state === 'down')).lastError).toBe(NGROK_NOT_INSTALLED);
  });

  it.each([
    [
      'ERR_NGROK_105',
      'The authentication you specified does not look like a valid credential',
      /^ngrok refused the authtoken/,
    ],
    [
      'ERR_NGROK_108',
      'Your account is limited to 1 simultaneous ngrok agent sessions',
      /already running elsewhere/,
    ],
    [
      'ERR_NGROK_320',
      'The domain myshop.ngrok-free.app is not reserved for this account',
      /^ngrok refused the domain myshop\.ngrok-free\.app/,
    ],
    ['ERR_NGROK_334', 'The endpoint is already online', /already in use by another ngrok agent/],
  ])('turns %s into plain words, never quoting the authtoken', async (code, message, expected) => {
    const { local, ngrok } = await setUp();
    ngrok.failWith(ngrokError(`${message} (authtoken ${AUTHTOKEN})`, code));
    const { until } = managerFor(local, {
      authtoken: async () => AUTHTOKEN,
      domain: 'myshop.ngrok-free.app',
      load: ngrok.load,
    });
    const down = await until((s) => s.state === 'down');
    expect(down.lastError).toMatch(expected);
    expect(down.lastError).not.toContain(AUTHTOKEN);
  });

  it('quotes an unknown failure without the authtoken', async () => {
    const { local, ngrok } = await setUp();
    ngrok.failWith(new Error(`session closed for ${AUTHTOKEN}: something new`));
    const { until } = managerFor(local, { authtoken: async () => AUTHTOKEN, domain: '', load: ngrok.load });
    const down = await until((s) => s.state === 'down');
    expect(down.lastError).toBe('ngrok refused the tunnel: session closed for [authtoken]: something new');
  });

  it('rides out a short disconnection (the SDK reconnects) but reopens after a long one', async () => {
    const { local, ngrok } = await setUp();
    const { until, statuses } = managerFor(local, {
      authtoken: async () => AUTHTOKEN,
      domain: '',
      load: ngrok.load,
      reconnectGraceMs: 300,
    });
    await until((s) => s.state === 'up');
    ngrok.status('closed');
    ngrok.status('connected');
    await new Promise((done) => setTimeout(done, 500));
    expect(statuses.map((s) => s.state)).toEqual(['connecting', 'up']);

    ngrok.status('closed');
    const down = await until((s) => s.state === 'down');
    expect(down.lastError).toBe("The tunnel lost ngrok's servers and did not get them back");
    await until((s) => s.state === 'up' && ngrok.calls.length === 2);
  });
});

/** The optional dependency may be absent (a platform without its native part): then say so. */
const sdkInstalled = (() => {
  try {
    createRequire(import.meta.url).resolve('@ngrok/ngrok');
    return true;
  } catch {
    console.warn('skipping the real ngrok SDK check: @ngrok/ngrok is not installed here (optional)');
    return false;
  }
})();

describe('the real SDK', () => {
  it.skipIf(!sdkInstalled)(
    'is found through its variable module name, with the calls the provider uses',
    async () => {
      const sdk = await loadNgrokSdk();
      expect(typeof sdk.forward).toBe('function');
      expect(typeof sdk.kill).toBe('function');
    },
  );
});
