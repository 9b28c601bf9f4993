import { app, BrowserWindow, dialog, session } from 'electron';
import { join, resolve } from 'node:path';
import { ConfigError } from '../core/config/load-config';
import type { Core } from '../core/create-core';
import { parseStartArguments } from '../core/entry/arguments';
import { startCore } from '../core/entry/start-core';
import { startPublicSide, type PublicSide } from '../core/entry/start-public-side';
import { CONTENT_SECURITY_POLICY } from '../core/server/security-headers';
import { consoleLogger } from '../core/util/logger';
import { registerDispatcher } from './ipc/register-dispatcher';
import { safeStorageEncryptor } from './safe-storage-encryptor';
import { createMainWindow } from './window';

const logger = consoleLogger();
const args = parseStartArguments(process.argv.slice(app.isPackaged ? 1 : 2));
if (args.dataDir) app.setPath('userData', resolve(args.dataDir));

let core: Core | null = null;
let publicSide: PublicSide | null = null;

/** The default config.toml ships beside the app (extraResources) or sits at the repo root in dev. */
function bundledConfig(): string {
  return app.isPackaged ? join(process.resourcesPath, 'config.toml') : join(app.getAppPath(), 'config.toml');
}

async function start(): Promise<void> {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, allow) => allow(false));

  const started = await startCore({
    configArg: args.config ? resolve(args.config) : undefined,
    dataDir: app.getPath('userData'),
    bundledConfig: bundledConfig(),
    encryptor: await safeStorageEncryptor(),
    logger,
  });
  core = started.core;
  publicSide = await startPublicSide(core, started.config, logger);
  logger.info(`public ${publicSide.publicServer.url}`);
  registerDispatcher(core);
  createMainWindow(`Wapidesk — ${core.ctx.organization.current().name}`);
}

if (!app.requestSingleInstanceLock()) {
  // One process owns the database; a second launch focuses the first.
  app.quit();
} else {
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });
  app
    .whenReady()
    .then(start, () => undefined)
    .catch((error: unknown) => {
      const message =
        error instanceof ConfigError ? error.message : `Wapidesk could not start: ${String(error)}`;
      logger.error(message, error instanceof ConfigError ? undefined : error);
      dialog.showErrorBox('Wapidesk cannot start', message);
      app.exit(1);
    });
  app.on('activate', () => {
    if (core && BrowserWindow.getAllWindows().length === 0) createMainWindow('Wapidesk');
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => {
    void publicSide?.stop().then(() => core?.close());
  });
}
