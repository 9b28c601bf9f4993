/**
 * Headless mode: the core without Electron. Serves the built renderer and the HTTP bridge on a
 * loopback-only port, and the public listener (webhooks, /media, /api/v1) separately.
 *   npm run serve -- --config FILE --data-dir DIR
 * Prints `public http://HOST:PORT` and then `ready http://127.0.0.1:PORT` once both listen.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError } from '../config/load-config';
import { startBridgeServer } from '../server/bridge-server';
import { openAppLog } from '../logging/app-log';
import { consoleLogger } from '../util/logger';
import { parseStartArguments } from './arguments';
import { shutdown } from './shutdown';
import { defaultDataDir, SOURCE_ROOT } from './paths';
import { bundledConfigPath, startCore } from './start-core';
import { startPublicSide } from './start-public-side';
import { keepHeapGrowthModest } from './heap-growth';

async function main(): Promise<void> {
  keepHeapGrowthModest(); // before anything is allocated (heap-growth.ts)
  const args = parseStartArguments(process.argv.slice(2));
  const dataDir = resolve(args.dataDir ?? defaultDataDir());
  const rendererDir = resolve(args.rendererDir ?? join(SOURCE_ROOT, 'out', 'renderer'));
  const { core, config, log } = await startCore({
    configArg: args.config ? resolve(args.config) : undefined,
    dataDir,
    bundledConfig: bundledConfigPath(SOURCE_ROOT),
    logger: consoleLogger(),
    openLog: () => openAppLog(dataDir),
  });
  const logger = log?.logger ?? consoleLogger();
  // After the config: a bad config is the one line a user should see.
  if (!existsSync(join(rendererDir, 'index.html'))) {
    logger.warn(`no built renderer in ${rendererDir}: run "npm run build" to get the UI`);
  }
  const publicSide = await startPublicSide(core, config, logger);
  const publicServer = publicSide.publicServer;
  const bridge = await startBridgeServer(core, { port: config.server.ui_port, rendererDir });
  process.stdout.write(`public ${publicServer.url}\n`);
  process.stdout.write(`ready ${bridge.url}\n`);
  logger.info(`data folder ${dataDir}; log files in ${log?.folder ?? '(none)'}`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    logger.info('stopping: waiting for messages in flight');
    await shutdown({ core, publicSide, bridge }, logger);
    logger.info('stopped');
    await log?.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`wapidesk: ${error.message}\n`);
  } else {
    process.stderr.write(
      `wapidesk: could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
});
