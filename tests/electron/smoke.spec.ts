import { expect, test } from '@playwright/test';
import { executablePath, launchDesktop, newDataDir, NO_BINARY, removeDataDir } from './electron-app';

test('the app opens a sandboxed window from app:// on the sign-in page, with only window.wapi', async () => {
  test.skip(!executablePath, NO_BINARY);
  const dataDir = newDataDir();
  const desktop = await launchDesktop(dataDir);
  try {
    const { page } = desktop;
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
    expect(page.url()).toMatch(/^app:\/\/wapidesk\/index\.html/);
    const exposed = await page.evaluate(() => ({
      wapi: typeof window.wapi?.invoke,
      navigate: typeof window.wapi?.onNavigate,
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
    }));
    expect(exposed).toEqual({
      wapi: 'function',
      navigate: 'function',
      require: 'undefined',
      process: 'undefined',
    });
    const info = await page.evaluate(() => window.wapi!.invoke('system.info', {}));
    expect(info).toMatchObject({ ok: true, result: { organizationName: 'My Shop' } });
    // The page cannot read files beside the renderer, nor leave the app.
    const outside = await page.evaluate(() =>
      fetch('app://wapidesk/%2e%2e/%2e%2e/package.json').then(
        (r) => r.status,
        () => 'refused',
      ),
    );
    expect(outside).not.toBe(200);
    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toMatch(/^app:\/\/wapidesk\//);
  } finally {
    await desktop.app.close();
    removeDataDir(dataDir);
  }
});
