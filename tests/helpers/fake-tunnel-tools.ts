import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type {
  NgrokForwardConfig,
  NgrokListener,
  NgrokLoader,
  NgrokSdk,
} from '../../electron/core/tunnel/ngrok/ngrok-sdk';
import { startTcpForwarder, type TcpForwarder } from './tcp-forwarder';

const FAKE_CLOUDFLARED = fileURLToPath(new URL('./fake-cloudflared.mjs', import.meta.url));

export interface FakeCloudflaredBin {
  /** A folder holding only `cloudflared`: put it on PATH. */
  dir: string;
  path: string;
  /** An environment whose PATH finds the fake, with its behaviour and argument log. */
  env(mode?: 'ok' | 'fail' | 'die', extra?: Record<string, string>): NodeJS.ProcessEnv;
  /** Where each run appends its arguments. */
  argsFile: string;
  remove(): void;
}

/** A `cloudflared` on a PATH of its own that runs tests/helpers/fake-cloudflared.mjs with this Node. */
export function fakeCloudflaredBin(): FakeCloudflaredBin {
  const dir = mkdtempSync(join(tmpdir(), 'wapidesk-fake-cloudflared-'));
  const path = join(dir, 'cloudflared');
  writeFileSync(path, `#!/bin/sh\nexec "${process.execPath}" "${FAKE_CLOUDFLARED}" "$@"\n`);
  chmodSync(path, 0o755);
  const argsFile = join(dir, 'args.log');
  return {
    dir,
    path,
    argsFile,
    env: (mode = 'ok', extra = {}) => ({
      ...process.env,
      PATH: dir,
      FAKE_CLOUDFLARED_MODE: mode,
      FAKE_CLOUDFLARED_ARGS: argsFile,
      ...extra,
    }),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface FakeNgrok {
  load: NgrokLoader;
  /** Every forward() call, with the authtoken and domain it was given. */
  calls: NgrokForwardConfig[];
  kills: number;
  closes: number;
  /** Makes the next forward() calls fail with this error (null: succeed again). */
  failWith(error: Error | null): void;
  /** What the SDK reports when its session drops or comes back. */
  status(status: 'closed' | 'connected'): void;
  close(): Promise<void>;
}

/**
 * ngrok's SDK replaced at its boundary: forward() opens a local forwarder to the `addr` it is given
 * (so the "public URL" reaches the app) and records its configuration.
 */
export function fakeNgrok(): FakeNgrok {
  const forwarders: TcpForwarder[] = [];
  let failure: Error | null = null;
  const fake: FakeNgrok = {
    calls: [],
    kills: 0,
    closes: 0,
    load: async () => sdk,
    failWith: (error) => {
      failure = error;
    },
    status: (status) => fake.calls.at(-1)?.onStatusChange?.(status),
    close: async () => {
      await Promise.all(forwarders.map((f) => f.close()));
    },
  };
  const sdk: NgrokSdk = {
    async forward(config): Promise<NgrokListener> {
      fake.calls.push(config);
      if (failure) throw failure;
      const [, host, port] = /^\[?([^\]]+?)\]?:(\d+)$/.exec(config.addr) ?? [];
      const forwarder = await startTcpForwarder({ host: host ?? '127.0.0.1', port: Number(port) });
      forwarders.push(forwarder);
      return {
        url: () => forwarder.url,
        close: async () => {
          fake.closes += 1;
          await forwarder.close();
        },
      };
    },
    async kill() {
      fake.kills += 1;
    },
  };
  return fake;
}
