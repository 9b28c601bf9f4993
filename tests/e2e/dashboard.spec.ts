import { chooseOwnPassword, expect, INITIAL_PASSWORD, signIn, test } from './headless-app';

/** WhatsApp's own stop, as the sandbox's customer presses it, seen on the dashboard and the contact. */
test('dashboard first: quality, limit and a customer who pressed WhatsApp’s stop, shown with why', async ({
  page,
  app,
}) => {
  await signIn(page, app, 'admin', INITIAL_PASSWORD);
  await chooseOwnPassword(page, INITIAL_PASSWORD, 'owner-pass-7789');
  // A new shop's owner lands on Getting started; the dashboard is next in the sections, and where
  // they land once Getting started is dismissed.
  await expect(page.getByRole('heading', { name: 'Getting started' })).toBeVisible();
  await page.getByTestId('nav-dashboard').click();
  // Numbers rated, the limit they share, and empty states.
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  await expect(page.getByTestId('dashboard-numbers')).toContainText('Quality');
  await expect(page.getByTestId('dashboard-quota')).toContainText('left');
  await expect(page.getByTestId('dashboard-campaigns')).toContainText('No campaign in this period');

  const post = (path: string, body: unknown) =>
    fetch(`${app.sandboxUrl()}/_sandbox${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  expect((await post('/customers/919876543210/preferences', { value: 'stop' })).status).toBe(200);
  expect((await post('/messaging-limit', { tier: 'TIER_2K' })).status).toBe(200);
  // Live: the figures follow without a reload.
  await expect(page.getByTestId('dashboard-contacts')).toContainText('1 with WhatsApp’s own stop');
  await expect(page.getByTestId('dashboard-quota')).toContainText('2000 of 2000 left');

  await page.getByTestId('nav-contacts').click();
  await page.getByRole('cell', { name: 'Priya Sharma' }).click();
  await expect(page.getByTestId('contact-opt-out')).toContainText('By WhatsApp’s own stop');
  await expect(page.getByTestId('contact-opt-out')).toContainText(
    'User requested to stop marketing messages',
  );
});
