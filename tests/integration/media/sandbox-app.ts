import { rmSync } from 'node:fs';
import { loadConfig } from '../../../electron/core/config/load-config';
import {
  connectWhatsApp,
  type WhatsAppConnection,
} from '../../../electron/core/connection/whatsapp-connection';
import { createCore, type Core } from '../../../electron/core/create-core';
import { startPublicSide, type PublicSide } from '../../../electron/core/entry/start-public-side';
import { SecretStore } from '../../../electron/core/secrets/secret-store';
import type { RunningSandbox } from '../../../electron/core/whatsapp/sandbox';
import { MovableClock } from '../../helpers/clock';
import { CapturingLogger } from '../../helpers/logger';
import { makeTempDir, writeTestConfig, TEST_PASSWORD_COST } from '../../helpers/test-core';

export interface SandboxApp {
  core: Core;
  connection: WhatsAppConnection;
  sandbox: RunningSandbox;
  clock: MovableClock;
  logger: CapturingLogger;
  dataDir: string;
  /** The public listener (/webhook, /media) when started with `publicSide`. */
  side: PublicSide | null;
  close(): Promise<void>;
}

/**
 * The app as start-up wires it in sandbox mode: the in-process sandbox as WhatsApp, the core on a
 * temp folder with a movable clock, and (with `publicSide`) the public listener and webhook
 * processor, so the sandbox's signed webhooks reach the app over real HTTP.
 */
export async function startSandboxApp(options: { publicSide?: boolean } = {}): Promise<SandboxApp> {
  const dataDir = makeTempDir('wapidesk-media-');
  const config = loadConfig(writeTestConfig(dataDir));
  const logger = new CapturingLogger();
  const clock = new MovableClock(Date.now());
  const connection = await connectWhatsApp({
    config,
    secrets: new SecretStore(null, {}),
    logger,
    sandbox: { seed: 7, limits: false, customerReplies: { probability: 0 }, callbackUrl: null },
  });
  const core = await createCore({
    passwordCost: TEST_PASSWORD_COST,
    config,
    dataDir,
    secrets: connection.secrets,
    clock,
    logger,
    whatsapp: connection,
    webhookProcessor: { retryBaseMs: 20, pollMs: 50 },
  });
  const side = options.publicSide ? await startPublicSide(core, config, logger) : null;
  return {
    core,
    connection,
    sandbox: connection.sandbox!,
    clock,
    logger,
    dataDir,
    side,
    close: async () => {
      await side?.stop();
      await core.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
