import { expect, holdAnswers, okFromPage, signInOwner, test } from './headless-app';

/**
 * Issue 10, defect 5 and "organization settings in the app": every date is in the organization's
 * time zone and locale (here never the browser's), the settings are edited in the app, and the audit
 * log screen shows who changed them.
 */
test.describe.configure({ mode: 'serial', timeout: 180_000 });
// A computer far from the shop, in US format: nothing on screen may follow it.
test.use({ timezoneId: 'Pacific/Honolulu', locale: 'en-US' });

function inZone(iso: string, timeZone: string, locale: string, options: Intl.DateTimeFormatOptions) {
  return new Intl.DateTimeFormat(locale, { timeZone, ...options }).format(new Date(iso));
}

test('dates follow the organization’s time zone and locale, not the computer’s, and change with them', async ({
  page,
  app,
}) => {
  await signInOwner(page, app);
  const contact = await okFromPage<{ id: number; createdAt: string }>(page, 'contacts.create', {
    name: 'Asha Patel',
    phone: '+919876543210',
  });
  await okFromPage(page, 'contacts.setOptOut', { id: contact.id, optedOut: true });
  const optedOut = await okFromPage<{ optedOutAt: string }>(page, 'contacts.get', { id: contact.id });
  const members = await okFromPage<{ username: string; lastLoginAt: string }[]>(page, 'members.list', {});
  const lastLogin = members.find((m) => m.username === 'admin')!.lastLoginAt;

  // The shop is in India (config.toml): 2 Dec 2026, 9:47 am.
  const ist = { dateStyle: 'medium', timeStyle: 'short' } as const;
  await page.getByTestId('nav-contacts').click();
  const table = page.getByTestId('contacts-table');
  await expect(table.getByRole('row', { name: /Asha Patel/ })).toContainText(
    inZone(contact.createdAt, 'Asia/Kolkata', 'en-IN', { dateStyle: 'medium' }),
  );
  await table.getByRole('button', { name: 'Asha Patel' }).click();
  const drawer = page.getByTestId('contact-drawer');
  await expect(drawer).toContainText(
    `Opted out ${inZone(optedOut.optedOutAt, 'Asia/Kolkata', 'en-IN', ist)}`,
  );
  await drawer.getByRole('button', { name: 'Close' }).click();
  await page.getByTestId('nav-members').click();
  await expect(page.getByRole('row', { name: /Shop Owner/ })).toContainText(
    inZone(lastLogin, 'Asia/Kolkata', 'en-IN', ist),
  );

  // The owner moves the shop to New York, in US format: every open screen follows.
  await page.getByTestId('nav-settings').click();
  const card = page.getByTestId('organization-card');
  const zone = card.getByRole('combobox', { name: 'Time zone' });
  await zone.click();
  await zone.press('ControlOrMeta+a');
  await zone.pressSequentially('New_York');
  await page.getByRole('option', { name: 'America/New_York' }).click();
  // A select's input only reads its value; the click lands on the field around it.
  await card.getByRole('combobox', { name: 'Dates and numbers' }).click({ force: true });
  await page.getByRole('option', { name: /^en-US/ }).click();
  await card.getByRole('textbox', { name: 'Name' }).fill('Asha’s Kitchen');
  await page.getByTestId('save-organization').click();
  await expect(page.getByRole('banner')).toContainText('Asha’s Kitchen');

  await page.getByTestId('nav-members').click();
  await expect(page.getByRole('row', { name: /Shop Owner/ })).toContainText(
    inZone(lastLogin, 'America/New_York', 'en-US', ist),
  );
  await page.reload();
  await expect(page.getByRole('row', { name: /Shop Owner/ })).toContainText(
    inZone(lastLogin, 'America/New_York', 'en-US', ist),
  );
});

test('the audit log screen shows who changed the organization, by person and by kind', async ({
  page,
  app,
}) => {
  await signInOwner(page, app);
  await page.getByTestId('nav-audit').click();
  const table = page.getByTestId('audit-table');
  await expect(table.getByRole('row', { name: /Organization updated/ })).toContainText('Shop Owner');
  await page.getByRole('combobox', { name: 'Kind' }).click({ force: true });
  await page.getByRole('option', { name: 'Contacts' }).click();
  await expect(table.getByRole('row', { name: /Organization updated/ })).toHaveCount(0);
  await expect(table.getByRole('row', { name: /Contact opted out/ })).toBeVisible();
  await page.getByRole('combobox', { name: 'Kind' }).click({ force: true });
  await page.getByRole('option', { name: 'Organization' }).click();
  await page.getByRole('combobox', { name: 'Person' }).click();
  await page.getByRole('option', { name: 'Wapidesk itself' }).click();
  await expect(table.getByText('Nothing recorded for this choice')).toBeVisible();

  // A kind chosen while the last kind's entries are on their way: the one chosen last shows.
  await page.getByRole('combobox', { name: 'Person' }).click();
  await page.getByRole('option', { name: /Shop Owner/ }).click();
  await expect(table.getByRole('row', { name: /Organization updated/ }).first()).toBeVisible();
  const { release, answered } = await holdAnswers(page, 'audit.list', (body) => body.includes('"media"'));
  await page.getByRole('combobox', { name: 'Kind' }).click({ force: true });
  await page.getByRole('option', { name: 'Media' }).click();
  await answered;
  await page.getByRole('combobox', { name: 'Kind' }).click({ force: true });
  await page.getByRole('option', { name: 'Organization' }).click();
  await expect(table.getByRole('row', { name: /Organization updated/ }).first()).toBeVisible();
  release();
  await page.waitForTimeout(1_000);
  await expect(table.getByRole('row', { name: /Organization updated/ }).first()).toBeVisible();
  await expect(table.getByText('Nothing recorded for this choice')).toHaveCount(0);
});
