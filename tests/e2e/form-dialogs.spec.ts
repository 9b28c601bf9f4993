import type { Locator, Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { expect, signInOwner, test } from './headless-app';

/**
 * Issue 10, defects 9 and 10: a field's error goes once it is corrected; typing is never thrown
 * away by Escape without asking; the first field's floating label is whole.
 */
test.describe.configure({ mode: 'serial', timeout: 180_000 });

/** The floating label of a field sits inside the part of the dialog that scrolls, not cut by its top. */
async function expectLabelWhole(page: Page, field: Locator) {
  // Vuetify draws an outlined field's floating label in the notch of its outline.
  const label = field.locator(
    'xpath=ancestor::div[contains(concat(" ", normalize-space(@class), " "), " v-field ")][1]' +
      '//label[contains(@class, "v-field-label--floating")]',
  );
  const box = await label.boundingBox();
  const clip = await field.evaluate((input) => {
    let node: HTMLElement | null = input.parentElement;
    while (node && getComputedStyle(node).overflowY === 'visible') node = node.parentElement;
    return node?.getBoundingClientRect().top ?? 0;
  });
  expect(box, 'the floating label is shown').not.toBeNull();
  expect(box!.y, 'the label starts below the top of what clips it').toBeGreaterThanOrEqual(clip);
}

test('a server error leaves its field once corrected, and Escape asks before throwing typing away', async ({
  page,
  app,
}) => {
  await signInOwner(page, app);
  await page.getByTestId('nav-contacts').click();
  await page.getByTestId('new-contact').click();
  const dialog = page.getByRole('dialog').filter({ hasText: 'New contact' });
  await dialog.getByLabel('Name').fill('Ravi Kumar');
  await dialog.getByLabel('Phone').fill('12345');
  await page.getByTestId('save-contact').click();
  await expect(dialog.getByText(/Not a (valid )?phone number/)).toBeVisible();
  await dialog.getByLabel('Phone').fill('+91 99887 66554');
  // Corrected: the refusal goes at once, before saving again.
  await expect(dialog.getByText(/Not a (valid )?phone number/)).toHaveCount(0);

  await dialog.getByLabel('Name').press('Escape');
  const ask = page.getByRole('dialog', { name: 'Discard your changes?' });
  await expect(ask).toBeVisible();
  await ask.getByRole('button', { name: 'Keep editing' }).click();
  await expect(dialog.getByLabel('Name')).toHaveValue('Ravi Kumar');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await ask.getByRole('button', { name: 'Discard' }).click();
  await expect(dialog).toHaveCount(0);

  // Nothing typed: Escape simply closes.
  await page.getByTestId('new-contact').click();
  await expect(dialog.getByLabel('Name')).toHaveValue('');
  await dialog.getByLabel('Name').press('Escape');
  await expect(dialog).toHaveCount(0);
});

test('every form dialog asks before discarding what was typed, and shows its first label whole', async ({
  page,
  app,
}) => {
  await signInOwner(page, app);
  const cases: { section: string; open: string; title: string; first: string }[] = [
    { section: 'nav-contacts', open: 'New contact', title: 'New contact', first: 'Name' },
    { section: 'nav-lists', open: 'New list', title: 'New list', first: 'Name' },
    { section: 'nav-roles', open: 'New role', title: 'New role', first: 'Name' },
    { section: 'nav-members', open: 'New member', title: 'New member', first: 'Username' },
    { section: 'nav-templates', open: 'New template', title: 'New template', first: 'Name' },
    { section: 'nav-tokens', open: 'New token', title: 'New API token', first: 'Name' },
  ];
  for (const c of cases) {
    await page.getByTestId(c.section).click();
    // An empty screen offers the same button in its empty state too.
    await page.getByRole('button', { name: c.open }).first().click();
    const dialog = page.getByRole('dialog').filter({ hasText: c.title });
    const field = dialog.getByRole('textbox', { name: c.first, exact: true });
    await field.fill('something');
    await expectLabelWhole(page, field);
    await field.press('Escape');
    await expect(page.getByRole('dialog', { name: 'Discard your changes?' }), c.title).toBeVisible();
    await page.getByRole('button', { name: 'Discard' }).click();
    await expect(dialog, c.title).toHaveCount(0);
  }
});

test('the import wizard’s list step shows its label whole and asks before dropping the file', async ({
  page,
  app,
}, testInfo) => {
  await signInOwner(page, app);
  const file = testInfo.outputPath('few.csv');
  writeFileSync(file, 'name,phone\nAsha Rao,+91 98765 43210\n');
  await page.getByTestId('nav-contacts').click();
  await page.getByTestId('import-contacts').click();
  await page.getByTestId('import-file').locator('input[type=file]').setInputFiles(file);
  await page.getByTestId('import-next').click();
  const lists = page.getByRole('combobox', { name: 'Add everyone in the file to these lists' });
  await lists.fill('New customers');
  await expectLabelWhole(page, lists);
  await lists.press('Enter');
  await page.getByTestId('import-check').click();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Discard your changes?' })).toBeVisible();
  await page.getByRole('button', { name: 'Keep editing' }).click();
  await expect(page.getByTestId('import-start')).toBeVisible();
});
