import { _electron as electron, expect, test } from '@playwright/test';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Run through tests/electron/run.mjs, which sets the binary it found.
const executablePath = process.env.WAPIDESK_ELECTRON_BINARY;

test('the Electron app opens a sandboxed window on the sign-in page with only window.wapi', async () => {
  test.skip(!executablePath, 'run through tests/electron/run.mjs, which finds the Electron binary');
  const dataDir = mkdtempSync(join(tmpdir(), 'wapidesk-electron-'));
  const config = readFileSync('config.toml', 'utf8').replace(/^port = 8787$/m, 'port = 0');
  writeFileSync(join(dataDir, 'config.toml'), config);
  const app = await electron.launch({
    executablePath,
    args: ['out/main/index.js', '--data-dir', dataDir, '--config', join(dataDir, 'config.toml')],
  });
  try {
    const page = await app.firstWindow();
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
    const exposed = await page.evaluate(() => ({
      wapi: typeof window.wapi?.invoke,
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
    }));
    expect(exposed).toEqual({ wapi: 'function', require: 'undefined', process: 'undefined' });
    const info = await page.evaluate(() => window.wapi!.invoke('system.info', {}));
    expect(info).toMatchObject({ ok: true, result: { organizationName: 'My Shop' } });
  } finally {
    await app.close();
  }
});
