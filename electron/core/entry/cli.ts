/**
 * Administration from the shell, for a locked-out owner or a headless install:
 *   npm run cli -- user reset-password USERNAME [--config FILE] [--data-dir DIR]
 */
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { ConfigError } from '../config/load-config';
import { consoleLogger } from '../util/logger';
import { parseStartArguments } from './arguments';
import { resetPasswordFromCli } from './cli-commands';
import { defaultDataDir, SOURCE_ROOT } from './paths';
import { bundledConfigPath, startCore } from './start-core';

const USAGE = 'usage: npm run cli -- user reset-password USERNAME [--config FILE] [--data-dir DIR]';

async function main(): Promise<number> {
  const args = parseStartArguments(process.argv.slice(2));
  const [group, command, username] = args.positionals;
  if (group !== 'user' || command !== 'reset-password' || !username) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const { core } = await startCore({
    configArg: args.config ? resolve(args.config) : undefined,
    dataDir: resolve(args.dataDir ?? defaultDataDir()),
    bundledConfig: bundledConfigPath(SOURCE_ROOT),
    logger: consoleLogger('wapidesk-cli'),
  });
  try {
    const password = randomBytes(12).toString('base64url');
    await resetPasswordFromCli(core, username, password);
    process.stdout.write(
      `New password for ${username}: ${password}\n` +
        'It works once: the user must choose a new password at the next sign-in.\n',
    );
    return 0;
  } finally {
    await core.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `wapidesk-cli: ${error instanceof ConfigError || error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  },
);
