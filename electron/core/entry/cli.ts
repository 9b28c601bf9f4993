/**
 * Administration from the shell, for a locked-out owner or a headless install:
 *   npm run cli -- user reset-password USERNAME [--config FILE] [--data-dir DIR]
 *   npm run cli -- token create --name NAME --permission P [--permission P ...] [--expires YYYY-MM-DD]
 *                  [--config FILE] [--data-dir DIR]
 */
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ALL_PERMISSIONS } from '@shared/permissions';
import { consoleLogger } from '../util/logger';
import { createTokenFromCli, resetPasswordFromCli } from './cli-commands';
import { defaultDataDir, SOURCE_ROOT } from './paths';
import { bundledConfigPath, startCore } from './start-core';

const USAGE = [
  'usage: npm run cli -- user reset-password USERNAME [--config FILE] [--data-dir DIR]',
  '       npm run cli -- token create --name NAME --permission P [--permission P ...] [--expires YYYY-MM-DD]',
  '                          [--config FILE] [--data-dir DIR]',
].join('\n');

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    options: {
      config: { type: 'string' },
      'data-dir': { type: 'string' },
      name: { type: 'string' },
      permission: { type: 'string', multiple: true },
      expires: { type: 'string' },
    },
    allowPositionals: true,
  });
  const [group, command, subject] = positionals;
  const resetting = group === 'user' && command === 'reset-password' && subject;
  const creatingToken = group === 'token' && command === 'create';
  if (!resetting && !creatingToken) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  if (creatingToken && (!values.name || !values.permission?.length)) {
    process.stderr.write(
      `token create needs --name and at least one --permission, from:\n  ${ALL_PERMISSIONS.join('\n  ')}\n`,
    );
    return 2;
  }
  const { core } = await startCore({
    configArg: values.config ? resolve(values.config) : undefined,
    dataDir: resolve(values['data-dir'] ?? defaultDataDir()),
    bundledConfig: bundledConfigPath(SOURCE_ROOT),
    logger: consoleLogger('wapidesk-cli'),
    connectWhatsApp: false,
  });
  try {
    if (resetting) {
      const password = randomBytes(12).toString('base64url');
      await resetPasswordFromCli(core, subject, password);
      process.stdout.write(
        `New password for ${subject}: ${password}\n` +
          'It works once: the user must choose a new password at the next sign-in.\n',
      );
    } else {
      const created = await createTokenFromCli(
        core,
        values.name!,
        values.permission!,
        values.expires ?? null,
      );
      const expiry = created.info.expiresAt ? ` It expires at ${created.info.expiresAt}.` : '';
      process.stdout.write(
        `${created.token}\nKeep it safe: it is shown this once.${expiry} Revoke it in Settings → API tokens.\n`,
      );
    }
    return 0;
  } finally {
    await core.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`wapidesk-cli: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
