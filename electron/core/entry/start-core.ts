import { join } from 'node:path';
import { loadConfig } from '../config/load-config';
import { locateConfig } from '../config/locate-config';
import type { AppConfig } from '../config/schema';
import { createCore, type Core } from '../create-core';
import type { Encryptor } from '../secrets/encrypted-file-backend';
import { createSecretStore } from '../secrets/create-secret-store';
import { connectWhatsApp } from '../connection/whatsapp-connection';
import type { AppLog } from '../logging/app-log';
import type { FolderOpener } from '../logging/open-folder';
import type { Logger } from '../util/logger';

export interface StartOptions {
  configArg?: string;
  dataDir: string;
  bundledConfig: string;
  encryptor?: Encryptor;
  logger: Logger;
  /** The CLI only touches the database: no sandbox, no Graph client. */
  connectWhatsApp?: boolean;
  /**
   * Opens the log file once the config is known to be good (a bad config must touch nothing, not
   * even the data folder); from then on its logger is used.
   */
  openLog?: () => Promise<AppLog>;
  /** The Electron shell's way to open a folder (shell.openPath); the platform's opener otherwise. */
  openFolder?: FolderOpener;
}

/**
 * What the Electron shell, headless mode and the CLI share: find and validate the config (a bad one
 * throws ConfigError before anything is touched), open the secret store, create the core.
 */
export async function startCore(
  options: StartOptions,
): Promise<{ core: Core; config: AppConfig; configPath: string; log: AppLog | null }> {
  const located = locateConfig({
    configArg: options.configArg,
    dataDir: options.dataDir,
    bundledDefault: options.bundledConfig,
  });
  const config = loadConfig(located.path);
  const log = options.openLog ? await options.openLog() : null;
  const logger = log?.logger ?? options.logger;
  if (located.createdFromDefault) {
    logger.info(`first run: wrote the default config to ${located.path}; edit it to suit your shop`);
  }
  const secrets = await createSecretStore({ dataDir: options.dataDir, encryptor: options.encryptor });
  const status = secrets.status();
  if (status.backend === 'environment') logger.warn(status.message);
  // Before the core: in sandbox mode the sandbox's own secrets are the ones webhooks are checked with.
  const whatsapp =
    options.connectWhatsApp === false ? null : await connectWhatsApp({ config, secrets, logger: logger });
  const core = await createCore({
    config,
    dataDir: options.dataDir,
    secrets: whatsapp?.secrets ?? secrets,
    whatsapp,
    logger: logger,
    logFolder: log?.folder,
    openFolder: options.openFolder,
  });
  if (core.superAdminCreated) {
    logger.info(
      `created the super admin "${config.super_admin.username}" from ${located.path}; ` +
        'sign in with its initial_password and choose a new one',
    );
  }
  return { core, config, configPath: located.path, log };
}

export function bundledConfigPath(root: string): string {
  return join(root, 'config.toml');
}
