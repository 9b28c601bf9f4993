import { chooseOwnPassword, expect, INITIAL_PASSWORD, signIn, test } from './headless-app';

/**
 * Issue 10, "done when": a new owner signs in for the first time, follows the getting-started
 * steps in the sandbox and reaches a first finished campaign, reading nothing but the screens.
 * Only roles, labels and visible text lead the way, as they lead the owner.
 */
test('a new owner goes from the first sign-in to a first finished campaign by following Getting started', async ({
  page,
  app,
}) => {
  test.setTimeout(300_000);
  await signIn(page, app, 'admin', INITIAL_PASSWORD);
  await chooseOwnPassword(page, INITIAL_PASSWORD, 'my-own-secret-77');

  // The first screen after the first sign-in.
  await expect(page.getByRole('heading', { name: 'Getting started' })).toBeVisible();
  const step = (key: string) => page.getByTestId(`step-${key}`);

  // 1. What is this sandbox? The badge and the step both explain it, with its demo customers.
  await page.getByRole('button', { name: 'What is the sandbox?' }).click();
  const panel = page.getByRole('dialog', { name: 'The sandbox' });
  await expect(panel).toContainText('Nothing you send here reaches a real phone');
  await expect(panel.getByRole('row', { name: /Asha Patel/ })).toContainText('+1 555 123 4001');
  await expect(panel.getByRole('row', { name: /Noor Haddad/ })).toContainText('@noor.bakes');
  await panel.getByRole('button', { name: 'Close' }).click();
  await page.getByRole('button', { name: 'Keep the sandbox for now' }).click();
  await expect(step('whatsapp').getByText('Done')).toBeVisible();

  // 2. Customers: the sandbox's demo customers, on a list of their own.
  await page.getByRole('button', { name: 'Add the sandbox’s demo customers' }).click();
  await expect(step('contacts').getByText('Done')).toBeVisible();

  // 3. A campaign, and a test to one's own phone.
  await page.getByRole('link', { name: 'Write a campaign' }).click();
  await page.getByRole('textbox', { name: 'Campaign name' }).fill('Hello from the shop');
  await page.getByRole('combobox', { name: 'Approved template' }).click();
  await page.getByRole('option', { name: 'hello_world (English (US))' }).click();
  await page.getByRole('combobox', { name: 'Send to the subscribers of' }).click();
  await page.getByRole('option', { name: /Sandbox demo customers/ }).click();
  await page.keyboard.press('Escape');
  await expect(page.getByText(/As .* will get it/)).toBeVisible();
  await page.getByRole('button', { name: 'Save draft' }).click();

  await expect(page.getByRole('heading', { name: 'Hello from the shop' })).toBeVisible();
  await page.getByRole('button', { name: 'Test' }).click();
  await page.getByRole('textbox', { name: 'Send to phone number' }).fill('+91 98765 00011');
  await page.getByRole('button', { name: 'Send test' }).click();
  await expect(page.getByRole('table').filter({ hasText: 'What WhatsApp says' })).toContainText(
    '+91 98765 00011',
  );

  // 4. Start it, knowing whom it reaches; it finishes by itself.
  await page.getByRole('button', { name: 'Start now' }).click();
  // The five demo customers with a number, and Noor, who hides hers (reached by her user id).
  await expect(page.getByRole('dialog')).toContainText('It goes to 6 recipients now');
  await page.getByRole('button', { name: 'Send to 6' }).click();
  await expect(page.getByText('Finished', { exact: true })).toBeVisible({ timeout: 90_000 });

  // Every step is ticked.
  await page.getByRole('link', { name: /Getting started/ }).click();
  for (const key of ['whatsapp', 'contacts', 'testSend', 'campaign'])
    await expect(step(key).getByText('Done')).toBeVisible();
  await expect(page.getByText('You have sent your first campaign')).toBeVisible();
  await page.getByRole('button', { name: 'I know my way: hide this page' }).click();
  await expect(page.getByRole('link', { name: /Getting started/ })).toHaveCount(0);
});
