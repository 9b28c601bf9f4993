import { app, BrowserWindow, screen } from 'electron';
import { join } from 'node:path';
import { IPC_NAVIGATE_CHANNEL, isShellRoute } from '@shared/bridge';
import {
  loadWindowState,
  restoreWindowBounds,
  saveWindowState,
  WINDOW_DEFAULTS,
} from '../core/desktop/window-state';
import type { Logger } from '../core/util/logger';

export interface MainWindowOptions {
  title: string;
  rendererUrl: string;
  dataDir: string;
  /** Started at login: stay in the tray until asked. */
  startHidden: boolean;
  /** The window was closed (hidden) for the first time while the app keeps running. */
  onFirstHide: () => void;
  logger: Logger;
}

/**
 * The one window. Closing it hides it: the app keeps running in the tray (webhooks, campaigns),
 * and the page keeps its session, so a notification's click opens it where it was asked to.
 * It is destroyed only when the app quits. Its size, position and maximised state are kept in
 * window-state.json and restored where they still fit a screen.
 */
export class MainWindow {
  readonly window: BrowserWindow;
  private quitting = false;
  private hiddenOnce = false;
  private saveTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: MainWindowOptions) {
    const { state, problem } = loadWindowState(options.dataDir);
    if (problem) options.logger.warn(problem);
    const workAreas = [screen.getPrimaryDisplay(), ...screen.getAllDisplays()].map((d) => d.workArea);
    const restored = restoreWindowBounds(state, workAreas);
    this.window = new BrowserWindow({
      ...restored.bounds,
      minWidth: WINDOW_DEFAULTS.minWidth,
      minHeight: WINDOW_DEFAULTS.minHeight,
      title: options.title,
      show: false,
      autoHideMenuBar: true,
      webPreferences: {
        preload: join(__dirname, '../preload/index.cjs'),
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
        webviewTag: false,
        spellcheck: true,
      },
    });
    if (restored.maximized) this.window.maximize();
    this.window.once('ready-to-show', () => {
      if (!options.startHidden) this.window.show();
    });
    this.window.on('close', (event) => {
      this.saveState();
      if (this.quitting) return;
      event.preventDefault();
      this.window.hide();
      if (!this.hiddenOnce) {
        this.hiddenOnce = true;
        options.onFirstHide();
      }
    });
    this.window.on('resize', () => this.saveSoon());
    this.window.on('move', () => this.saveSoon());
    this.window.on('maximize', () => this.saveSoon());
    this.window.on('unmaximize', () => this.saveSoon());
    void this.window.loadURL(options.rendererUrl);
  }

  /** Brings the window to the front, at `route` when given (a route of the renderer's router). */
  open(route?: string): void {
    if (this.window.isDestroyed()) return;
    if (this.window.isMinimized()) this.window.restore();
    this.window.show();
    this.window.focus();
    // From the tray or a notification the app is not active on macOS: bring it forward too.
    if (process.platform === 'darwin') app.focus({ steal: true });
    if (!route || !isShellRoute(route)) return;
    const contents = this.window.webContents;
    // Started hidden at login, the page may still be loading when a notification is clicked.
    if (contents.isLoading())
      contents.once('did-finish-load', () => contents.send(IPC_NAVIGATE_CHANNEL, route));
    else contents.send(IPC_NAVIGATE_CHANNEL, route);
  }

  focused(): boolean {
    return !this.window.isDestroyed() && this.window.isVisible() && this.window.isFocused();
  }

  /** From now on closing the window closes it (the app is quitting). */
  allowClose(): void {
    this.quitting = true;
  }

  close(): void {
    this.allowClose();
    this.saveState();
    if (!this.window.isDestroyed()) this.window.destroy();
  }

  private saveSoon(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.saveState(), 500);
  }

  private saveState(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    if (this.window.isDestroyed() || this.window.isMinimized() || this.window.isFullScreen()) return;
    try {
      saveWindowState(this.options.dataDir, {
        bounds: this.window.getNormalBounds(),
        maximized: this.window.isMaximized(),
      });
    } catch (error) {
      this.options.logger.warn(`could not save the window's size and position: ${String(error)}`);
    }
  }
}
