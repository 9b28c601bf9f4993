import { randomBytes } from 'node:crypto';
import type { AppConfig } from '../config/schema';
import { SecretStore } from '../secrets/secret-store';
import type { Logger } from '../util/logger';
import { WhatsAppClient } from '../whatsapp/client';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../whatsapp/sandbox';
import { sandboxSecretBackend } from './static-secret-backend';

/** The app's line to WhatsApp: Meta's Cloud API, or the sandbox that behaves like it. */
export interface WhatsAppConnection {
  mode: 'sandbox' | 'cloud';
  client: WhatsAppClient;
  businessAccountId: string;
  /** The secrets webhooks and the client use: the sandbox's own in sandbox mode. */
  secrets: SecretStore;
  sandbox: RunningSandbox | null;
  /** Where the sandbox delivers its webhooks; the public listener's /webhook once it listens. */
  setWebhookUrl(url: string): void;
  close(): Promise<void>;
}

/**
 * Sandbox mode (the default of a new install) runs the sandbox in this process with demo customers
 * who reply, so a shop owner can try everything before connecting Meta. Cloud mode talks to
 * `graph_base_url` with the token from the secret store.
 */
export async function connectWhatsApp(options: {
  config: AppConfig;
  secrets: SecretStore;
  logger: Logger;
  /** Overrides for tests and benchmarks (delays, limits, faults). */
  sandbox?: SandboxOptions;
}): Promise<WhatsAppConnection> {
  const { whatsapp } = options.config;
  if (whatsapp.mode === 'cloud') {
    const client = new WhatsAppClient({
      baseUrl: whatsapp.graph_base_url,
      apiVersion: whatsapp.api_version,
      getAccessToken: () => options.secrets.get('access_token'),
      logger: options.logger,
    });
    return {
      mode: 'cloud',
      client,
      businessAccountId: whatsapp.business_account_id,
      secrets: options.secrets,
      sandbox: null,
      setWebhookUrl: () => undefined,
      close: async () => client.close(),
    };
  }
  const sandbox = await startSandbox({
    apiVersion: whatsapp.api_version,
    customerReplies: { probability: 0.6, delayMs: 4_000, optOutProbability: 0.05 },
    logger: options.logger,
    ...options.sandbox,
  });
  const info = sandbox.info;
  const secrets = new SecretStore(
    sandboxSecretBackend(
      {
        access_token: info.accessToken,
        app_secret: info.appSecret,
        verify_token: randomBytes(16).toString('hex'),
      },
      options.secrets,
    ),
    {},
  );
  const client = new WhatsAppClient({
    baseUrl: sandbox.url,
    apiVersion: info.apiVersion,
    getAccessToken: () => secrets.get('access_token'),
  });
  return {
    mode: 'sandbox',
    client,
    businessAccountId: info.businessAccountId,
    secrets,
    sandbox,
    setWebhookUrl: (url) => sandbox.configure({ callbackUrl: url }),
    close: async () => {
      client.close();
      await sandbox.close();
    },
  };
}
