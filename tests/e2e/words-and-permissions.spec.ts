import { expect, signInOwner, test } from './headless-app';

/**
 * Issue 10, defects 14 and 15: codes are shown as words, and the role and token pickers offer only
 * permissions whose screens exist.
 */
test.describe.configure({ mode: 'serial', timeout: 180_000 });

test('templates and phone numbers read as words, not WhatsApp’s codes', async ({ page, app }) => {
  await signInOwner(page, app);
  await page.getByTestId('nav-templates').click();
  const row = page.getByTestId('templates-table').getByRole('row', { name: /hello_world/ });
  await expect(row).toContainText('Utility');
  await expect(row).toContainText('Approved');
  await expect(row).toContainText('English (US)');
  await expect(page.getByTestId('templates-table')).not.toContainText('UTILITY');
  await expect(page.getByTestId('templates-table')).not.toContainText('APPROVED');

  await page.getByTestId('nav-settings').click();
  const numbers = page.getByRole('table').filter({ hasText: 'Messaging limit' });
  const first = numbers.getByRole('row', { name: /Wapidesk Demo Shop/ });
  await expect(first).toContainText('+1 555 078 3881');
  await expect(first).toContainText('High');
  await expect(first).toContainText('250 new customers a day');
  await expect(numbers).not.toContainText('GREEN');
  await expect(numbers).not.toContainText('TIER_250');
});

test('the role and token pickers offer the permissions of screens that exist, media among them', async ({
  page,
  app,
}) => {
  await signInOwner(page, app);
  await page.getByTestId('nav-roles').click();
  await page.getByRole('button', { name: 'New role' }).first().click();
  const role = page.getByRole('dialog').filter({ hasText: 'New role' });
  await expect(role.getByRole('checkbox', { name: 'Contacts', exact: true })).toBeVisible();
  for (const hidden of ['Conversations', 'Replies', 'Dashboard'])
    await expect(role.getByRole('checkbox', { name: hidden, exact: true })).toHaveCount(0);
  for (const offered of ['Campaigns', 'Media', 'Audit log', 'API tokens'])
    await expect(role.getByRole('checkbox', { name: offered, exact: true })).toBeVisible();
  await expect(role.getByText('Read all conversations')).toHaveCount(0);
  await role.getByRole('button', { name: 'Cancel' }).click();

  await page.getByTestId('nav-tokens').click();
  await page.getByTestId('new-token-button').click();
  const token = page.getByRole('dialog').filter({ hasText: 'New API token' });
  await expect(token.getByRole('checkbox', { name: 'See the media library' })).toBeVisible();
  await expect(token.getByRole('checkbox', { name: 'See the dashboard' })).toHaveCount(0);
  await expect(token.getByRole('checkbox', { name: 'Reply in conversations' })).toHaveCount(0);
});
