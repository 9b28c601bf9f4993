import { expect, test } from '@playwright/test';
import {
  closeWindow,
  executablePath,
  invoke,
  launchDesktop,
  newDataDir,
  NO_BINARY,
  prepareCampaign,
  removeDataDir,
  signInOwner,
  windowVisible,
} from './electron-app';

type Shown = { title: string; emit(event: 'click'): void };

test('a campaign that finished with the window closed notifies; the click opens the campaign', async () => {
  test.skip(!executablePath, NO_BINARY);
  const dataDir = newDataDir();
  const desktop = await launchDesktop(dataDir);
  try {
    const { app, page } = desktop;
    await signInOwner(page);
    const campaignId = await prepareCampaign(page, 4, 2);
    // Record the native notifications main shows (there may be no notification daemon here).
    await app.evaluate(({ Notification }) => {
      const store = globalThis as unknown as { shown: Shown[] };
      store.shown = [];
      Notification.isSupported = () => true;
      Notification.prototype.show = function show(this: Shown) {
        store.shown.push(this);
      };
    });
    await closeWindow(app);
    await expect.poll(() => windowVisible(app)).toBe(false);
    await invoke(page, 'campaigns.start', { id: campaignId });

    const titles = () =>
      app.evaluate(() => (globalThis as unknown as { shown: Shown[] }).shown.map((n) => n.title));
    await expect.poll(titles, { timeout: 30_000 }).toContain('Campaign “From the desktop” finished');
    // The first close also said, once, that the app keeps running.
    expect(await titles()).toContain('Wapidesk is still running');

    await app.evaluate(() => {
      const { shown } = globalThis as unknown as { shown: Shown[] };
      shown.find((n) => n.title.endsWith('finished'))!.emit('click');
    });
    await expect.poll(() => windowVisible(app)).toBe(true);
    await expect.poll(() => page.url()).toMatch(new RegExp(`#/campaigns/${campaignId}$`));
  } finally {
    await desktop.app.close();
    removeDataDir(dataDir);
  }
});
