import { expect, test } from '@playwright/test';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  closeWindow,
  executablePath,
  launchDesktop,
  newDataDir,
  NO_BINARY,
  removeDataDir,
  windowVisible,
} from './electron-app';

test('closing the window keeps the app, its tray and the public listener running', async () => {
  test.skip(!executablePath, NO_BINARY);
  const dataDir = newDataDir();
  const desktop = await launchDesktop(dataDir);
  try {
    const publicUrl = await desktop.publicUrl();
    await closeWindow(desktop.app);
    await expect.poll(() => windowVisible(desktop.app)).toBe(false);
    expect(desktop.app.process().exitCode).toBeNull();
    expect((await fetch(`${publicUrl}/health`)).status).toBe(200);
    // Said once: the preference is remembered in the data folder.
    const hint = JSON.parse(readFileSync(join(dataDir, 'desktop.json'), 'utf8')) as {
      trayHintShown: boolean;
    };
    expect(hint.trayHintShown).toBe(true);
  } finally {
    await desktop.app.close();
    removeDataDir(dataDir);
  }
});

test('a second launch focuses the first window and exits', async () => {
  test.skip(!executablePath, NO_BINARY);
  const dataDir = newDataDir();
  const desktop = await launchDesktop(dataDir);
  try {
    await desktop.publicUrl();
    await closeWindow(desktop.app);
    await expect.poll(() => windowVisible(desktop.app)).toBe(false);
    const second = spawn(executablePath!, desktop.args, { stdio: 'ignore' });
    const code = await new Promise<number | null>((resolve) => second.once('exit', resolve));
    expect(code).toBe(0);
    await expect.poll(() => windowVisible(desktop.app)).toBe(true);
  } finally {
    await desktop.app.close();
    removeDataDir(dataDir);
  }
});

test('the window opens again where it was left, at the same size', async () => {
  test.skip(!executablePath, NO_BINARY);
  const dataDir = newDataDir();
  const first = await launchDesktop(dataDir);
  const bounds = { x: 40, y: 60, width: 1000, height: 700 };
  try {
    await first.app.evaluate(
      ({ BrowserWindow }, b) => BrowserWindow.getAllWindows()[0]!.setBounds(b),
      bounds,
    );
    await first.page.waitForTimeout(800);
  } finally {
    await first.app.close();
  }
  const second = await launchDesktop(dataDir);
  try {
    const restored = await second.app.evaluate(({ BrowserWindow }) =>
      BrowserWindow.getAllWindows()[0]!.getBounds(),
    );
    expect(restored.width).toBe(bounds.width);
    expect(restored.height).toBe(bounds.height);
  } finally {
    await second.app.close();
    removeDataDir(dataDir);
  }
});
