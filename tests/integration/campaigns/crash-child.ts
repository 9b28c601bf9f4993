/**
 * The app in a child process, for the crash test: the core on a file database in `dataDir`, its
 * public listener and campaign runner, talking to the parent's sandbox over HTTP. Prints `ready`,
 * then `finished <id>` once every campaign is done, and exits. The parent kills it at random points.
 *
 * Args: dataDir sandboxUrl accessToken appSecret businessAccountId apiVersion
 */
import { join } from 'node:path';
import { loadConfig } from '../../../electron/core/config/load-config';
import { sandboxSecretBackend } from '../../../electron/core/connection/static-secret-backend';
import { createCore } from '../../../electron/core/create-core';
import { startPublicSide } from '../../../electron/core/entry/start-public-side';
import { SecretStore } from '../../../electron/core/secrets/secret-store';
import { silentLogger } from '../../../electron/core/util/logger';
import { WhatsAppClient } from '../../../electron/core/whatsapp';
import { TEST_CAMPAIGNS } from './campaign-app';
import { TEST_PASSWORD_COST } from '../../helpers/test-core';

const [dataDir, sandboxUrl, accessToken, appSecret, businessAccountId, apiVersion] = process.argv.slice(
  2,
) as [string, string, string, string, string, string];

const config = loadConfig(join(dataDir, 'config.toml'));
const secrets = new SecretStore(
  sandboxSecretBackend({ access_token: accessToken, app_secret: appSecret, verify_token: 'crash-test' }),
  {},
);
const core = await createCore({
  passwordCost: TEST_PASSWORD_COST,
  config,
  dataDir,
  secrets,
  logger: silentLogger,
  whatsapp: {
    mode: 'sandbox',
    client: new WhatsAppClient({
      baseUrl: sandboxUrl,
      apiVersion,
      getAccessToken: () => secrets.get('access_token'),
    }),
    businessAccountId,
    secrets,
    sandbox: null,
    setWebhookUrl: (url) => {
      void fetch(`${sandboxUrl}/_sandbox/config`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ callbackUrl: url }),
      });
    },
    close: async () => undefined,
  },
  webhookProcessor: { retryBaseMs: 20, pollMs: 20 },
  campaigns: TEST_CAMPAIGNS,
});
const side = await startPublicSide(core, config, silentLogger);
process.stdout.write('ready\n');

for (;;) {
  const campaigns = await core.services.campaigns.list({});
  if (campaigns.length && campaigns.every((c) => c.status !== 'running')) {
    await side.stop();
    await core.close();
    process.stdout.write(`finished ${campaigns.map((c) => c.id).join(',')}\n`);
    process.exit(0);
  }
  await new Promise((r) => setTimeout(r, 50));
}
