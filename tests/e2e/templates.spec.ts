import { chooseOwnPassword, expect, fitsIn, INITIAL_PASSWORD, signIn, test } from './headless-app';

test('templates: read from WhatsApp, previewed as the customer sees them, and a new one approved live', async ({
  page,
  app,
}) => {
  await signIn(page, app, 'admin', INITIAL_PASSWORD);
  await chooseOwnPassword(page, INITIAL_PASSWORD, 'owner-pass-7788');
  await page.getByTestId('nav-templates').click();

  const table = page.getByTestId('templates-table');
  await expect(table.getByRole('cell', { name: 'hello_world', exact: true })).toBeVisible();
  await table.getByRole('cell', { name: 'hello_world', exact: true }).click();
  await expect(page.getByTestId('template-preview')).toContainText('Hello World');

  await page.getByTestId('new-template').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'Name' }).fill('diwali_offer');
  await dialog.getByRole('textbox', { name: 'Body' }).fill('Hi {{1}}, enjoy {{2}} off this Diwali!');
  await page.getByTestId('submit-template').click();
  // Meta's review needs an example for each placeholder: said before anything is sent.
  await expect(dialog.getByText('Give an example value').first()).toBeVisible();
  await page.getByTestId('example-1').locator('input').fill('Asha');
  await page.getByTestId('example-2').locator('input').fill('20%');
  await expect(dialog.getByTestId('template-preview')).toContainText('Hi Asha, enjoy 20% off this Diwali!');
  await page.getByTestId('submit-template').click();

  // In review first, then Approved when the review webhook arrives: no reload.
  await expect(page.getByTestId('status-diwali_offer')).toBeVisible();
  await expect(page.getByTestId('status-diwali_offer')).toHaveText('Approved', { timeout: 20_000 });
});

test('on a 1024-pixel window the table keeps its status column whole, and a chosen template is brought into view', async ({
  page,
  app,
}) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await signIn(page, app, 'admin', 'owner-pass-7788');
  await page.getByTestId('nav-templates').click();
  const table = page.getByTestId('templates-table');
  await expect(table.getByRole('cell', { name: 'hello_world', exact: true })).toBeVisible();
  await expect(fitsIn(table.getByRole('columnheader', { name: 'Status' }), table)).resolves.toBe(true);
  await expect(fitsIn(table.getByRole('columnheader', { name: 'Quality' }), table)).resolves.toBe(true);
  await page.getByRole('button', { name: 'winter_clearance' }).click();
  await expect(page.getByTestId('template-preview')).toContainText('Winter clearance');
  await expect(page.getByTestId('template-preview')).toBeInViewport();
});
