import {
  callFromPage,
  chooseOwnPassword,
  expect,
  INITIAL_PASSWORD,
  signIn,
  test,
  type HeadlessApp,
} from './headless-app';
import type { Page } from '@playwright/test';

const OWNER_PASSWORD = 'owner-pass-5678';

test.describe.configure({ mode: 'serial' });

async function createMember(page: Page, username: string, name: string) {
  await page.getByTestId('nav-members').click();
  await page.getByTestId('new-member').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Username').fill(username);
  await dialog.getByLabel('Full name').fill(name);
  await dialog.getByLabel('Email').fill(`${username}@example.com`);
  await dialog.getByLabel('First password').fill(`${username}-first-pass`);
  await page.getByTestId('save-member').click();
  await expect(page.getByRole('cell', { name, exact: true })).toBeVisible();
}

async function ownerSignsIn(page: Page, app: HeadlessApp, first = false) {
  await signIn(page, app, 'admin', first ? INITIAL_PASSWORD : OWNER_PASSWORD);
  if (first) await chooseOwnPassword(page, INITIAL_PASSWORD, OWNER_PASSWORD);
  await page.getByTestId('nav-members').click();
}

test('the super admin makes a member admin and withdraws one permission from them', async ({ page, app }) => {
  await ownerSignsIn(page, app, true);
  await createMember(page, 'ada', 'Ada Admin');

  await page.getByTestId('actions-ada').click();
  await page.getByTestId('action-admin').click();
  await page.getByTestId('confirm').click();
  await expect(
    page.getByRole('row', { name: /Ada Admin/ }).getByText('Admin', { exact: true }),
  ).toBeVisible();

  await page.getByTestId('actions-ada').click();
  await page.getByTestId('action-limits').click();
  await page.getByTestId('perm-roles.write').getByRole('checkbox').uncheck();
  await page.getByTestId('save-limits').click();
  await expect(page.getByRole('row', { name: /Ada Admin/ }).getByText('1 withdrawn')).toBeVisible();
});

test('the limited admin sees roles but may not change them, and may manage members', async ({
  page,
  app,
}) => {
  await signIn(page, app, 'ada', 'ada-first-pass');
  await chooseOwnPassword(page, 'ada-first-pass', 'ada-own-pass-42');
  await page.getByTestId('nav-roles').click();
  await expect(page.getByRole('heading', { name: 'Roles' })).toBeVisible();
  await expect(page.getByTestId('new-role')).toHaveCount(0);
  const refused = await callFromPage(page, 'roles.create', {
    name: 'Sneaky',
    permissions: ['members.write'],
  });
  expect(refused.body.error?.code).toBe('FORBIDDEN');

  // Admins may make other members admin; only the super admin may limit an admin.
  await createMember(page, 'bob', 'Bob Member');
  await page.getByTestId('actions-bob').click();
  await expect(page.getByTestId('action-admin')).toBeVisible();
  await expect(page.getByTestId('action-limits')).toHaveCount(0);
  const limit = await callFromPage(page, 'members.setWithdrawnPermissions', { id: 1, withdrawn: [] });
  expect(limit.body.error?.code).toBe('FORBIDDEN');
});

test('the theme switch turns the app dark and is remembered, and a reload stays on its page', async ({
  page,
  app,
}) => {
  await ownerSignsIn(page, app);
  await page.getByTestId('nav-roles').click();
  // On Roles before the reload: the click only starts the navigation (the screen's code may still be
  // loading), and a reload before it lands rightly stays where the address was.
  await expect(page.getByRole('heading', { name: 'Roles' })).toBeVisible();
  await page.getByRole('button', { name: 'Dark theme' }).click();
  await expect(page.locator('.v-theme--dark').first()).toBeVisible();
  await page.reload();
  await expect(page.getByRole('button', { name: 'Light theme' })).toBeVisible();
  // A reload keeps the page it was on, rather than going back to the first section.
  await expect(page.getByRole('heading', { name: 'Roles' })).toBeVisible();
});
