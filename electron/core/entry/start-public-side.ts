import type { AppConfig } from '../config/schema';
import type { Core } from '../create-core';
import { startPublicServer } from '../server/public-server';
import type { Listening } from '../server/listen';
import { createTunnelManager } from '../tunnel';
import { syncPhoneNumbers } from '../messaging/phone-numbers';
import type { Logger } from '../util/logger';

export interface PublicSide {
  publicServer: Listening;
  stop(): Promise<void>;
}

/**
 * What faces the world, for headless mode and the Electron shell alike: the public listener
 * (/health, /webhook, /api/v1), the webhook processor, the sandbox's webhook address and the tunnel.
 */
export async function startPublicSide(core: Core, config: AppConfig, logger: Logger): Promise<PublicSide> {
  const publicServer = await startPublicServer(core, { host: config.server.host, port: config.server.port });
  // The in-process sandbox delivers to us over loopback, as Meta would through the tunnel.
  core.whatsapp?.setWebhookUrl(`http://127.0.0.1:${publicServer.port}/webhook`);
  core.publicUrl = publicServer.url;
  core.webhooks.start();
  // Best effort: the numbers' quality and limits for Settings; sending reads them again if missing.
  if (core.whatsapp) {
    syncPhoneNumbers(core.ctx, core.whatsapp).catch((error: unknown) =>
      logger.warn(
        `could not read the phone numbers from WhatsApp: ${error instanceof Error ? error.message : String(error)}`,
      ),
    );
  }
  const tunnel = createTunnelManager({
    config,
    publicListener: publicServer,
    instanceId: core.instanceId,
    logger,
  });
  if (tunnel) {
    tunnel.onStatus((status) => core.events.publish('tunnel.status', status));
    core.tunnel = tunnel;
    tunnel.start();
  }
  return {
    publicServer,
    stop: async () => {
      await tunnel?.stop();
      await core.webhooks.stop();
      await publicServer.close();
    },
  };
}
