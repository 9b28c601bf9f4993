import { chooseOwnPassword, expect, INITIAL_PASSWORD, signIn, test } from './headless-app';

test('an API token made in Settings works from outside at once and stops when revoked', async ({
  page,
  app,
}) => {
  await signIn(page, app, 'admin', INITIAL_PASSWORD);
  await chooseOwnPassword(page, INITIAL_PASSWORD, 'owner-pass-3456');

  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('connection-mode')).toHaveText('Sandbox (simulated)');
  await expect(page.getByTestId('tunnel-state')).toHaveText('Off');

  await page.getByTestId('nav-tokens').click();
  await page.getByTestId('new-token-button').click();
  await page.getByLabel('Name').fill('Website sign-up form');
  await page.getByTestId('perm-lists.read').getByRole('checkbox').check();
  await page.getByTestId('create-token').click();
  const token = await page.getByTestId('new-token').locator('input').inputValue();
  expect(token).toMatch(/^wdk_/);
  await page.getByTestId('token-done').click();
  await expect(page.getByRole('cell', { name: 'Website sign-up form', exact: true })).toBeVisible();
  // The list shows a prefix only, never the token.
  await expect(page.getByText(token)).toHaveCount(0);

  const lists = await fetch(`${app.publicUrl}/api/v1/lists`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(lists.status).toBe(200);
  const write = await fetch(`${app.publicUrl}/api/v1/lists`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: 'Not allowed' }),
  });
  expect(write.status).toBe(403);

  await page.getByTestId('revoke-Website sign-up form').click();
  await page.getByTestId('confirm').click();
  await expect(page.getByText('Revoked', { exact: true })).toBeVisible();
  const after = await fetch(`${app.publicUrl}/api/v1/lists`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(after.status).toBe(401);
});
