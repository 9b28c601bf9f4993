import { app, dialog, shell, type BrowserWindow } from 'electron';
import { resolve } from 'node:path';
import { ConfigError } from '../core/config/load-config';
import type { Core } from '../core/create-core';
import { chooseRendererUrl } from '../core/desktop/app-url';
import { desktopIntegration } from '../core/desktop/desktop-integration';
import { DesktopMonitor } from '../core/desktop/desktop-monitor';
import { DesktopPreferencesStore } from '../core/desktop/desktop-preferences';
import { unreadCounter } from '../core/desktop/desktop-sources';
import { startsHidden } from '../core/desktop/login-item';
import { applicationMenu, type MenuCommand } from '../core/desktop/menu-model';
import type { TrayCommand } from '../core/desktop/tray-model';
import { updateFeed } from '../core/desktop/update-policy';
import { parseStartArguments } from '../core/entry/arguments';
import { shutdown } from '../core/entry/shutdown';
import { startCore } from '../core/entry/start-core';
import { keepHeapGrowthModest } from '../core/entry/heap-growth';
import { startPublicSide, type PublicSide } from '../core/entry/start-public-side';
import { APP_VERSION } from '../core/version';
import { openAppLog, type AppLog } from '../core/logging/app-log';
import { consoleLogger, type Logger } from '../core/util/logger';
import { setApplicationMenu } from './app-menu';
import { declareAppScheme, serveRenderer } from './app-protocol';
import { registerDispatcher } from './ipc/register-dispatcher';
import { openedAtLogin, platformLoginItem } from './login-item';
import { MainWindow } from './main-window';
import { NativeNotifications } from './notifications';
import { QuitController } from './quit';
import { bundledConfigPath, rendererDir, resourcePath } from './resources';
import { safeStorageEncryptor } from './safe-storage-encryptor';
import { TrayView } from './tray';
import { startUpdates } from './updates';
import { guardWebContents, securePermissions } from './web-security';

/**
 * The Electron shell: lifecycle and wiring only. What it shows and decides comes from
 * electron/core/desktop (tested under Node); each Electron surface has its small module here.
 */
// Before anything is allocated: the main process holds the database and the campaign runner.
keepHeapGrowthModest();
// The terminal until the config is known to be good; then the log file too (startCore's openLog).
let log: AppLog | null = null;
const terminal = consoleLogger();
const current = (): Logger => log?.logger ?? terminal;
const logger: Logger = {
  info: (message) => current().info(message),
  warn: (message) => current().warn(message),
  error: (message, error) => current().error(message, error),
};
const argv = process.argv.slice(app.isPackaged ? 1 : 2);
const args = parseStartArguments(argv);
if (args.dataDir) app.setPath('userData', resolve(args.dataDir));
// Before `ready`: the renderer's scheme, and the Windows identity notifications are shown under.
declareAppScheme();
if (process.platform === 'win32') app.setAppUserModelId('app.wapidesk.desktop');

const rendererUrl = chooseRendererUrl({
  isPackaged: app.isPackaged,
  devServerUrl: process.env.ELECTRON_RENDERER_URL,
});

let core: Core | null = null;
let publicSide: PublicSide | null = null;
let monitor: DesktopMonitor | null = null;
let mainWindow: MainWindow | null = null;
let tray: TrayView | null = null;
let installUpdate: (() => void) | null = null;
let preferences: DesktopPreferencesStore | null = null;

const windowOf = (): BrowserWindow | null =>
  mainWindow && !mainWindow.window.isDestroyed() ? mainWindow.window : null;

const quit = new QuitController({
  runningCampaigns: () => monitor?.runningCampaigns() ?? 0,
  window: () => (windowOf()?.isVisible() ? windowOf() : null),
  stopping: () => {
    monitor?.setStopping();
    mainWindow?.allowClose();
    windowOf()?.hide();
  },
  shutdown: async (waitMs) => {
    monitor?.stop();
    if (core) await shutdown({ core, publicSide }, logger, waitMs);
    tray?.destroy();
    await log?.close();
  },
  logger,
});

function openWindow(route?: string): void {
  mainWindow?.open(route);
}

function runTrayCommand(command: TrayCommand): void {
  switch (command.kind) {
    case 'open':
      return openWindow(command.route);
    case 'pauseAll':
      void monitor?.pauseAll();
      return;
    case 'toggleDoNotDisturb':
      if (preferences) preferences.update({ doNotDisturb: !preferences.get().doNotDisturb });
      return;
    case 'installUpdate':
      if (installUpdate) quit.restartToUpdate(installUpdate);
      return;
    case 'quit':
      app.quit();
      return;
  }
}

function runMenuCommand(command: MenuCommand): void {
  if (command.kind === 'open') openWindow(command.route);
  else if (command.kind === 'about') app.showAboutPanel();
  else app.quit();
}

async function start(): Promise<void> {
  quit.watchSystem();
  securePermissions(rendererUrl);
  guardWebContents(rendererUrl);
  serveRenderer(rendererDir());
  app.setAboutPanelOptions({
    applicationName: 'Wapidesk',
    applicationVersion: APP_VERSION,
    version: `Electron ${process.versions.electron}`,
    copyright: 'Wapidesk',
    iconPath: resourcePath('icons', 'icon-256.png'),
  });

  const dataDir = app.getPath('userData');
  const started = await startCore({
    configArg: args.config ? resolve(args.config) : undefined,
    dataDir,
    bundledConfig: bundledConfigPath(),
    encryptor: await safeStorageEncryptor(),
    logger,
    openLog: () => openAppLog(dataDir),
    openFolder: async (folder) => {
      const problem = await shell.openPath(folder);
      if (problem) throw new Error(problem);
    },
  });
  log = started.log;
  core = started.core;
  publicSide = await startPublicSide(core, started.config, logger);
  logger.info(`public ${publicSide.publicServer.url}`);

  preferences = DesktopPreferencesStore.inDataFolder(dataDir, logger);
  core.desktop = desktopIntegration(preferences, platformLoginItem());
  const notifications = new NativeNotifications(openWindow);
  tray = new TrayView(runTrayCommand, windowOf);
  monitor = new DesktopMonitor({
    core,
    preferences,
    unread: unreadCounter(core),
    redrawMs: 1_000,
    shell: {
      showStatus: (model) => tray?.show(model),
      showNotice: (notice, options) => notifications.show(notice, options),
      windowFocused: () => mainWindow?.focused() ?? false,
    },
  });
  const hooks = {
    signedIn: (id: number) => monitor?.signedIn(id),
    signedOut: (id: number) => monitor?.signedOut(id),
  };
  registerDispatcher(core, rendererUrl, hooks);
  await monitor.start();

  setApplicationMenu(applicationMenu(process.platform, { devTools: !app.isPackaged }), runMenuCommand);
  const store = preferences;
  mainWindow = new MainWindow({
    // The organization's name as it is now (Settings can change it), not config.toml's first-run one.
    title: `Wapidesk — ${core.ctx.organization.current().name}`,
    rendererUrl,
    dataDir,
    startHidden: startsHidden(argv, openedAtLogin()),
    logger,
    onFirstHide: () => {
      if (store.get().trayHintShown) return;
      store.update({ trayHintShown: true });
      notifications.keepsRunning();
    },
  });
  quit.watchSessionEnd(mainWindow.window);

  const feed = updateFeed(started.config.updates, app.isPackaged);
  if (feed) {
    installUpdate = startUpdates(
      feed,
      {
        available: (version) => monitor?.setUpdate({ version, ready: false }),
        downloaded: (version) => monitor?.setUpdate({ version, ready: true }),
      },
      logger,
    ).install;
  }
  logger.info('ready');
}

if (!app.requestSingleInstanceLock()) {
  // One process owns the database; the first one opens its window (second-instance below).
  app.exit(0);
} else {
  quit.install();
  // A second launch opens the first one's window (unless it is the login item starting again).
  app.on('second-instance', (_event, commandLine) => {
    if (!startsHidden(commandLine)) openWindow();
  });
  app.on('activate', () => openWindow());
  // The window only hides: the app lives in the tray until Quit.
  app.on('window-all-closed', () => undefined);
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      const message =
        error instanceof ConfigError ? error.message : `Wapidesk could not start: ${String(error)}`;
      logger.error(message, error instanceof ConfigError ? undefined : error);
      dialog.showErrorBox('Wapidesk cannot start', message);
      app.exit(1);
    });
}
