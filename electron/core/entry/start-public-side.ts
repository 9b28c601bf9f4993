import type { AppConfig } from '../config/schema';
import type { Core } from '../create-core';
import { startPublicServer } from '../server/public-server';
import type { Listening } from '../server/listen';
import { startConnectivity, type ConnectivityOptions } from '../connectivity/start-connectivity';
import { syncPhoneNumbers } from '../messaging/phone-numbers';
import type { Logger } from '../util/logger';

export interface PublicSide {
  publicServer: Listening;
  stop(): Promise<void>;
}

/**
 * What faces the world, for headless mode and the Electron shell alike: the public listener
 * (/health, /webhook, /api/v1), the webhook processor, the sandbox's webhook address, the tunnel and
 * the registration of its URL with Meta.
 */
export async function startPublicSide(
  core: Core,
  config: AppConfig,
  logger: Logger,
  /** Tests replace the tunnel's SDK and PATH at their boundary, and shorten timings. */
  connectivityOptions: ConnectivityOptions = {},
): Promise<PublicSide> {
  const publicServer = await startPublicServer(core, { host: config.server.host, port: config.server.port });
  // The in-process sandbox delivers to us over loopback, as Meta would through the tunnel.
  core.whatsapp?.setWebhookUrl(`http://127.0.0.1:${publicServer.port}/webhook`);
  core.publicUrl = publicServer.url;
  core.webhooks.start();
  // After the processor, so status webhooks for what the runner resumes are applied as they come.
  await core.services.campaigns.startSending();
  // Best effort, in the background: the numbers' quality and limits, and the templates, so a new
  // install can prepare a campaign at once. Screens and sends read them again if missing.
  if (core.whatsapp) {
    const whatsapp = core.whatsapp;
    const warn = (what: string) => (error: unknown) =>
      logger.warn(
        `could not read ${what} from WhatsApp: ${error instanceof Error ? error.message : String(error)}`,
      );
    syncPhoneNumbers(core.ctx, whatsapp).catch(warn('the phone numbers'));
    core.services.templates.sync().catch(warn('the templates'));
  }
  // The tunnel, and in cloud mode the webhook URL registered with Meta whenever it changes.
  const connectivity = await startConnectivity(core, config, publicServer, logger, connectivityOptions);
  return {
    publicServer,
    stop: async () => {
      await connectivity.stop();
      await core.services.campaigns.stopSending();
      await core.webhooks.stop();
      await publicServer.close();
    },
  };
}
