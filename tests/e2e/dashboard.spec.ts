import {
  chooseOwnPassword,
  expect,
  fitsIn,
  holdAnswers,
  INITIAL_PASSWORD,
  signIn,
  test,
} from './headless-app';

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
  await expect(page.getByTestId('dashboard-quota')).toContainText('2,000 of 2,000 left');

  // The inbox on the dashboard: a customer writes, it is opened and unassigned; the owner answers
  // from the inbox and is named with a first reply.
  await expect(page.getByTestId('dashboard-conversations')).toContainText('0 opened');
  await expect(page.getByTestId('dashboard-first-response')).toContainText('No first reply');
  expect(
    (await post('/customers/15551239001/messages', { type: 'text', text: 'Do you ship to Pune?' })).status,
  ).toBe(200);
  await expect(page.getByTestId('dashboard-conversations')).toContainText('1 opened');
  await expect(page.getByTestId('dashboard-conversations')).toContainText('1 unassigned');
  await page.getByTestId('nav-inbox').click();
  await page.getByTestId('conversation-list').locator('[data-testid^="conversation-"]').first().click();
  await page.getByTestId('message-input').fill('Yes, in two days');
  await page.getByTestId('send').click();
  await page.getByTestId('nav-dashboard').click();
  await expect(page.getByTestId('dashboard-first-response')).toContainText('for a first reply (median of 1)');
  await expect(page.getByTestId('dashboard-members').locator('tbody tr')).toHaveCount(1);
  await expect(page.getByTestId('dashboard-conversations-chart')).toContainText('Opened');
  // A 1024-pixel window: the cost of the reply just sent is read whole, not cut at the card's edge.
  await page.setViewportSize({ width: 1024, height: 800 });
  const cost = page.getByTestId('campaign-cost');
  await expect(cost.getByRole('columnheader', { name: 'Messages' })).toBeVisible();
  await expect(fitsIn(cost.getByRole('columnheader', { name: 'Cost' }), cost)).resolves.toBe(true);
  await page.setViewportSize({ width: 1280, height: 800 });

  await page.getByTestId('nav-contacts').click();
  await page.getByRole('cell', { name: 'Priya Sharma' }).click();
  await expect(page.getByTestId('contact-opt-out')).toContainText('By WhatsApp’s own stop');
  await expect(page.getByTestId('contact-opt-out')).toContainText(
    'User requested to stop marketing messages',
  );
});

test('a period chosen while the last one’s figures are on their way is the one shown', async ({
  page,
  app,
}) => {
  await signIn(page, app, 'admin', 'owner-pass-7789');
  await page.getByTestId('nav-dashboard').click();
  const days = page.getByTestId('dashboard-conversations-chart').locator('tbody tr');
  await expect(days).toHaveCount(30);
  // The 90 days' answer is held back until the 7 days' has been shown.
  const { release } = await holdAnswers(page, 'dashboard.get', (body) => body.includes('90'));
  await page.getByRole('button', { name: '90 days' }).click();
  await page.getByRole('button', { name: '7 days' }).click();
  await expect(days).toHaveCount(7);
  release();
  await page.waitForTimeout(1_000);
  await expect(days).toHaveCount(7);
});
