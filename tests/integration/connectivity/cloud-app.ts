import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'smol-toml';
import { loadConfig } from '../../../electron/core/config/load-config';
import type { AppConfig } from '../../../electron/core/config/schema';
import type { ConnectivityOptions } from '../../../electron/core/connectivity/start-connectivity';
import {
  connectWhatsApp,
  type WhatsAppConnection,
} from '../../../electron/core/connection/whatsapp-connection';
import { createCore, type Core } from '../../../electron/core/create-core';
import { startPublicSide, type PublicSide } from '../../../electron/core/entry/start-public-side';
import {
  SecretStore,
  type SecretBackend,
  type SecretName,
} from '../../../electron/core/secrets/secret-store';
import {
  startSandbox,
  type RunningSandbox,
  type SandboxOptions,
} from '../../../electron/core/whatsapp/sandbox';
import { CapturingLogger } from '../../helpers/logger';
import { signInOwner } from '../../helpers/people';
import { makeTempDir, testConfigObject, TEST_PASSWORD_COST, type TestCore } from '../../helpers/test-core';

/** A secret store as a keychain would be, in memory: what the app keeps there can be read back. */
export function memorySecrets(initial: Partial<Record<SecretName, string>> = {}): {
  store: SecretStore;
  values: Map<SecretName, string>;
} {
  const values = new Map(Object.entries(initial) as [SecretName, string][]);
  const backend: SecretBackend = {
    kind: 'keychain',
    get: async (name) => values.get(name) ?? null,
    set: async (name, value) => void values.set(name, value),
    delete: async (name) => void values.delete(name),
  };
  return { store: new SecretStore(backend, {}), values };
}

/** Fast and lenient: the sandbox delivers at once and retries quickly while a URL moves. */
export const SANDBOX: SandboxOptions = {
  seed: 5,
  callbackUrl: null,
  limits: false,
  customerReplies: { probability: 0 },
  statuses: { sentDelayMs: 0, deliveredDelayMs: 5, readDelayMs: 10 },
  webhookRetry: { initialDelayMs: 50, backoffFactor: 1.5, timeoutMs: 3_000, maxAttempts: 20 },
};

/** Short timings for the tunnel and the registration's retries. */
export const FAST_CONNECTIVITY: ConnectivityOptions = {
  tunnel: {
    manager: {
      backoff: { initialMs: 40, maxMs: 400, factor: 2 },
      random: () => 0.5,
      probeIntervalMs: 100,
      failedProbesBeforeDown: 1,
    },
  },
  callback: { retry: { initialMs: 50, maxMs: 400 }, random: () => 0.5 },
};

export interface CloudApp {
  core: Core;
  config: AppConfig;
  connection: WhatsAppConnection;
  side: PublicSide;
  logger: CapturingLogger;
  secrets: Map<SecretName, string>;
  dataDir: string;
  ownerToken(): Promise<string>;
  /** Stops the public side and the core; keeps the data folder (for a restart). */
  stop(): Promise<void>;
}

/**
 * Wapidesk in cloud mode as start-up wires it, with the sandbox standing in for Meta at
 * `graph_base_url` (so webhooks reach the app only through the public URL it registers) and a
 * keychain in memory holding the sandbox's access token and app secret.
 */
export async function startCloudApp(options: {
  sandbox: RunningSandbox;
  tunnel: Record<string, unknown>;
  connectivity?: ConnectivityOptions;
  dataDir?: string;
  secrets?: { store: SecretStore; values: Map<SecretName, string> };
}): Promise<CloudApp> {
  const dataDir = options.dataDir ?? makeTempDir('wapidesk-cloud-');
  const info = options.sandbox.info;
  const path = join(dataDir, 'config.toml');
  writeFileSync(
    path,
    stringify({
      ...testConfigObject(),
      whatsapp: {
        mode: 'cloud',
        graph_base_url: info.baseUrl,
        api_version: 'v25.0',
        business_account_id: info.businessAccountId,
      },
      tunnel: options.tunnel,
    }),
  );
  const config = loadConfig(path);
  const logger = new CapturingLogger();
  const secrets =
    options.secrets ?? memorySecrets({ access_token: info.accessToken, app_secret: info.appSecret });
  const connection = await connectWhatsApp({ config, secrets: secrets.store, logger });
  const core = await createCore({
    config,
    dataDir,
    secrets: connection.secrets,
    whatsapp: connection,
    logger,
    passwordCost: TEST_PASSWORD_COST,
    webhookProcessor: { retryBaseMs: 20, pollMs: 50 },
  });
  const side = await startPublicSide(core, config, logger, options.connectivity ?? FAST_CONNECTIVITY);
  let stopped = false;
  return {
    core,
    config,
    connection,
    side,
    logger,
    secrets: secrets.values,
    dataDir,
    ownerToken: () => signInOwner({ core } as TestCore),
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await side.stop();
      await core.close();
    },
  };
}

export async function startFastSandbox(extra: SandboxOptions = {}): Promise<RunningSandbox> {
  return startSandbox({ ...SANDBOX, ...extra });
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export interface SandboxApp extends CloudApp {
  sandbox: RunningSandbox;
}

/**
 * Wapidesk in sandbox mode (the default of a new install) as start-up wires it: the in-process
 * sandbox delivers signed webhooks to the public listener; secrets of the shop's own (the ngrok
 * authtoken) go to `secrets`, a keychain in memory unless another store is given.
 */
export async function startSandboxApp(
  options: {
    connectivity?: ConnectivityOptions;
    dataDir?: string;
    tunnel?: Record<string, unknown>;
    device?: SecretStore;
    sandbox?: SandboxOptions;
  } = {},
): Promise<SandboxApp> {
  const dataDir = options.dataDir ?? makeTempDir('wapidesk-sandbox-');
  const path = join(dataDir, 'config.toml');
  writeFileSync(
    path,
    stringify({ ...testConfigObject(), ...(options.tunnel ? { tunnel: options.tunnel } : {}) }),
  );
  const config = loadConfig(path);
  const logger = new CapturingLogger();
  const memory = memorySecrets();
  const connection = await connectWhatsApp({
    config,
    secrets: options.device ?? memory.store,
    logger,
    sandbox: { ...SANDBOX, ...options.sandbox },
  });
  const core = await createCore({
    config,
    dataDir,
    secrets: connection.secrets,
    whatsapp: connection,
    logger,
    passwordCost: TEST_PASSWORD_COST,
    webhookProcessor: { retryBaseMs: 20, pollMs: 50 },
  });
  const side = await startPublicSide(core, config, logger, options.connectivity ?? FAST_CONNECTIVITY);
  let stopped = false;
  return {
    core,
    config,
    connection,
    side,
    logger,
    secrets: memory.values,
    dataDir,
    sandbox: connection.sandbox!,
    ownerToken: () => signInOwner({ core } as TestCore),
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await side.stop();
      await core.close();
    },
  };
}
