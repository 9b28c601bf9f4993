import type { ConsoleMessage } from '@playwright/test';
import { expect, okFromPage, OWNER_PASSWORD, signIn, signInOwner, test } from './headless-app';

/**
 * What a shop owner meets on the first screens, on a database that already has data: first loads
 * are where bugs hid (issue 10, defects 1 and 14).
 */
test.describe.configure({ mode: 'serial', timeout: 180_000 });

test('Contacts shows the saved contacts after a reload, a sign-in and Lists → Contacts', async ({
  page,
  app,
}) => {
  await signInOwner(page, app);
  for (const [name, phone] of [
    ['Asha Patel', '+919876543210'],
    ['Oliver Smith', '+447911123456'],
    ['Mei Chen', '+919123456789'],
  ]) {
    await okFromPage(page, 'contacts.create', { name, phone });
  }
  const table = page.getByTestId('contacts-table');

  await page.getByTestId('nav-contacts').click();
  await expect(page).toHaveURL(/#\/contacts$/);
  await page.reload();
  await expect(table.getByRole('cell', { name: 'Oliver Smith' })).toBeVisible();
  await expect(page.getByTestId('contacts-total')).toHaveText('3');
  await expect(page.getByTestId('contacts-empty')).toHaveCount(0);

  await page.getByTestId('user-menu').click();
  await page.getByTestId('logout').click();
  await signIn(page, app, 'admin', OWNER_PASSWORD);
  await page.getByTestId('nav-contacts').click();
  await expect(table.getByRole('cell', { name: 'Mei Chen' })).toBeVisible();

  await page.getByTestId('nav-lists').click();
  await page.getByTestId('nav-contacts').click();
  await expect(table.getByRole('cell', { name: 'Asha Patel' })).toBeVisible();
  // Phone numbers read as WhatsApp shows them.
  await expect(table.getByRole('cell', { name: '+44 7911 123456' })).toBeVisible();
});

test('a normal page load logs no 401 and no error in the console', async ({ page, app }) => {
  await signInOwner(page, app);
  await page.getByTestId('user-menu').click();
  await page.getByTestId('logout').click();
  const errors: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(app.url);
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await page.reload();
  await signIn(page, app, 'admin', OWNER_PASSWORD);
  await page.getByTestId('nav-contacts').click();
  await expect(page.getByRole('heading', { name: 'Contacts' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Contacts' })).toBeVisible();
  expect(errors).toEqual([]);
});

test('a contact opens from the keyboard, and the password eye says what it does', async ({ page, app }) => {
  await signInOwner(page, app);
  await okFromPage(page, 'contacts.create', { name: 'Mei Chen', phone: '+919123456789' }).catch(
    () => undefined,
  );
  await page.getByTestId('user-menu').click();
  await page.getByTestId('logout').click();
  const eye = page.getByRole('button', { name: 'Show password' });
  await expect(eye).toBeVisible();
  await page.getByLabel('Password', { exact: true }).fill(OWNER_PASSWORD);
  await eye.click();
  await expect(page.getByLabel('Password', { exact: true })).toHaveAttribute('type', 'text');
  await expect(page.getByRole('button', { name: 'Hide password' })).toBeVisible();

  await signIn(page, app, 'admin', OWNER_PASSWORD);
  await page.getByTestId('nav-contacts').click();
  const open = page.getByTestId('contacts-table').getByRole('button', { name: 'Mei Chen' });
  await open.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('contact-drawer').getByText('+91 91234 56789')).toBeVisible();
});

test('the user menu offers Log out, and no "Switch user" that would only log out', async ({ page, app }) => {
  await signInOwner(page, app);
  await page.getByTestId('user-menu').click();
  await expect(page.getByRole('menuitem', { name: 'Log out' }).or(page.getByTestId('logout'))).toBeVisible();
  await expect(page.getByText('Switch user')).toHaveCount(0);
});

test('a screen the user may not open says so, instead of sending them to Contacts', async ({ page, app }) => {
  await signInOwner(page, app);
  const role = await okFromPage<{ id: number }>(page, 'roles.create', {
    name: 'Front desk',
    permissions: ['contacts.read'],
  });
  await okFromPage(page, 'members.create', {
    username: 'desk',
    name: 'Front Desk',
    email: 'desk@shop.test',
    password: 'desk-first-pass-1',
    roleIds: [role.id],
  });
  await page.getByTestId('user-menu').click();
  await page.getByTestId('logout').click();
  await signIn(page, app, 'desk', 'desk-first-pass-1');
  await page.getByLabel('Current password').fill('desk-first-pass-1');
  await page.getByLabel('New password', { exact: true }).fill('desk-own-pass-22');
  await page.getByLabel('New password again').fill('desk-own-pass-22');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByRole('heading', { name: 'Contacts' })).toBeVisible();

  // A bookmark or a link from a colleague to a screen this role does not open.
  await page.evaluate(() => (window.location.hash = '#/members'));
  await expect(page.getByRole('heading', { name: 'You may not open Members' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'You may not open Members' })).toBeVisible();
  await expect(page.getByText('It needs the permission “See members”')).toBeVisible();
  await page.getByRole('link', { name: 'Go to your start page' }).click();
  await expect(page.getByRole('heading', { name: 'Contacts' })).toBeVisible();
});

test('Back and a typed address still move while a message shows at the bottom', async ({ page, app }) => {
  await signInOwner(page, app);
  await page.getByTestId('nav-contacts').click();
  await expect(page).toHaveURL(/#\/contacts$/);
  await page.getByTestId('nav-lists').click();
  await expect(page).toHaveURL(/#\/lists$/);
  await page.getByTestId('new-list').click();
  await page.getByRole('dialog').getByLabel('Name').fill('Back button regulars');
  await page.getByRole('button', { name: 'Save list' }).click();
  // The message stays a few seconds; Vuetify's overlays take Back to close themselves, and a
  // message that cannot be closed that way turned Back (and an address typed) into nothing.
  const message = page.locator('.v-snackbar').getByText('List “Back button regulars” saved');
  await expect(message).toBeVisible();
  await page.goBack();
  await expect(page).toHaveURL(/#\/contacts$/);
  await expect(page.getByRole('heading', { name: 'Contacts' })).toBeVisible();
  await expect(message).toBeVisible();
  await page.goto(`${app.url}/#/campaigns`);
  await expect(page.getByRole('heading', { name: 'Campaigns' })).toBeVisible();
  await expect(page).toHaveURL(/#\/campaigns$/);
});

test('a section chosen while the first page after sign-in is still loading stays chosen', async ({
  page,
  app,
}) => {
  await signInOwner(page, app);
  await page.getByTestId('user-menu').click();
  await page.getByTestId('logout').click();
  // The page after sign-in (Getting started) waits for its checklist: hold that answer back, as a
  // slow machine does, and choose Settings meanwhile.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/bridge/rpc/gettingStarted.status', async (route) => {
    await held;
    await route.continue();
  });
  await signIn(page, app, 'admin', OWNER_PASSWORD);
  await page.getByTestId('nav-settings').click();
  release();
  // The checklist has arrived once the menu shows its count.
  await expect(page.getByTestId('nav-getting-started')).toContainText('/4');
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  await expect(page).toHaveURL(/#\/settings$/);
});
