/**
 * The WhatsApp Cloud API sandbox as a process, for the app's default "no Meta account yet" mode and
 * for trying things by hand:
 *   npm run sandbox -- --port 8790 --callback http://127.0.0.1:8787/webhook [--app-secret S]
 *     [--access-token T] [--host H] [--seed N] [--fast]
 * Prints the URL and the secrets to point Wapidesk at, then runs until Ctrl-C.
 */
import { parseArgs } from 'node:util';
import { consoleLogger } from '../../util/logger';
import { startSandbox } from './server';

const USAGE =
  'usage: npm run sandbox -- --port PORT --callback URL [--app-secret S] [--access-token T] [--host H] [--seed N] [--fast]';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8790' },
      host: { type: 'string', default: '127.0.0.1' },
      callback: { type: 'string' },
      'app-secret': { type: 'string' },
      'access-token': { type: 'string' },
      seed: { type: 'string' },
      fast: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be a port number\n${USAGE}`);

  const sandbox = await startSandbox({
    host: values.host,
    port,
    callbackUrl: values.callback ?? null,
    appSecret: values['app-secret'],
    accessToken: values['access-token'],
    seed: values.seed === undefined ? undefined : Number(values.seed),
    // --fast: statuses and reviews within a fraction of a second, for demos.
    ...(values.fast
      ? { statuses: { sentDelayMs: 50, deliveredDelayMs: 150, readDelayMs: 400 }, templateReviewDelayMs: 500 }
      : {}),
    logger: consoleLogger('wa-sandbox'),
  });
  const info = sandbox.info;
  process.stdout.write(
    [
      `WhatsApp sandbox listening on ${sandbox.url}  (Graph API ${info.apiVersion})`,
      `Access token:        ${info.accessToken}`,
      `App secret:          ${info.appSecret}  (X-Hub-Signature-256 key)`,
      `Callback URL:        ${info.callbackUrl ?? '(none: webhooks are only logged at /_sandbox/webhooks)'}`,
      `Business account:    ${info.businessAccountId}`,
      ...info.phoneNumbers.map(
        (n) =>
          `Phone number id:     ${n.id}  (+${n.displayPhoneNumber}, ${n.verifiedName}${n.registered ? '' : ', not registered yet'})`,
      ),
      `Registration code:   ${info.registrationCode}  (what request_code "sends")`,
      `App id:              ${info.appId}  (resumable uploads)`,
      `Customers:           ${info.customers.map((c) => `${c.name} ${c.waId}`).join(', ')}`,
      info.notOnWhatsApp,
      `Control API:         ${sandbox.url}/_sandbox/info`,
      '',
    ].join('\n'),
  );

  const stop = () => {
    void sandbox.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`wa-sandbox: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
