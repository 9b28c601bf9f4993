import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  chooseOwnPassword,
  expect,
  INITIAL_PASSWORD,
  okFromPage,
  signIn,
  test,
  textLines,
} from './headless-app';
import type { Page } from '@playwright/test';

const OWNER_PASSWORD = 'owner-pass-9012';

test.describe.configure({ mode: 'serial' });

/** A spreadsheet as shops have them: semicolons, a BOM, a bad number, a duplicate, an extra column. */
const MESSY_CSV =
  '\uFEFFCustomer Name;Mobile;E-mail;City\n' +
  'Asha Patel;98765 43210;asha@example.com;Pune\n' +
  'Broken Number;12;;Delhi\n' +
  'José Müller;+49 30 901820;;Berlin\n' +
  'Asha Twice;+91 98765 43210;;Pune\n' +
  'Ravi Kumar;+91 99887 66554;ravi@example.com;Mumbai\n';

async function importFile(page: Page, path: string, list?: string) {
  await page.getByTestId('nav-contacts').click();
  await page.getByTestId('import-contacts').click();
  await page.getByTestId('import-file').locator('input[type=file]').setInputFiles(path);
  await expect(page.getByTestId('mapping-table')).toBeVisible();
  await page.getByTestId('import-next').click();
  if (list) {
    await page.getByTestId('import-lists').click();
    await page.getByRole('option', { name: list }).click();
    await page.keyboard.press('Escape');
  }
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('import-report')).toBeVisible();
}

test('a new shop sees how to start, then imports a messy spreadsheet and learns which rows failed and why', async ({
  page,
  app,
}, testInfo) => {
  await signIn(page, app, 'admin', INITIAL_PASSWORD);
  await chooseOwnPassword(page, INITIAL_PASSWORD, OWNER_PASSWORD);
  await page.getByTestId('nav-contacts').click();
  await expect(page.getByTestId('contacts-empty')).toBeVisible();

  await page.getByTestId('nav-lists').click();
  await page.getByTestId('new-list').click();
  await page.getByLabel('Name').fill('Diwali buyers');
  await page.getByTestId('save-list').click();
  await expect(page.getByRole('cell', { name: 'Diwali buyers', exact: true })).toBeVisible();

  const file = testInfo.outputPath('customers.csv');
  writeFileSync(file, MESSY_CSV);
  await importFile(page, file, 'Diwali buyers');
  await expect(page.getByTestId('report-created')).toHaveText('3');
  await expect(page.getByTestId('report-skipped')).toHaveText('2');
  const report = page.getByTestId('import-report');
  await expect(report.getByRole('row', { name: /^3 / })).toContainText('12');
  await expect(report.getByRole('row', { name: /^5 / })).toContainText('line 2');

  const download = page.waitForEvent('download');
  await page.getByTestId('download-errors').click();
  const saved = await (await download).path();
  const rowsToFix = readFileSync(saved!, 'utf8');
  expect(rowsToFix).toContain('Broken Number');
  expect(rowsToFix).toContain('reason');
  await page.getByTestId('import-done').click();

  const table = page.getByTestId('contacts-table');
  await expect(table.getByRole('cell', { name: 'José Müller', exact: true })).toBeVisible();
  await expect(table.getByRole('cell', { name: '+91 98765 43210', exact: true })).toBeVisible();

  // Fixed and re-imported: the fixed row comes in, nobody twice; Asha already has an email and
  // the wizard only fills empty fields unless told otherwise, so she is left as she is.
  writeFileSync(
    join(testInfo.outputDir, 'fixed.csv'),
    'name,phone,email\nBroken Number Fixed,+91 91234 56789,\nAsha Patel,98765 43210,asha.new@example.com\n',
  );
  await importFile(page, join(testInfo.outputDir, 'fixed.csv'));
  await expect(page.getByTestId('report-created')).toHaveText('1');
  await expect(page.getByTestId('report-updated')).toHaveText('0');
  await expect(page.getByTestId('report-skipped')).toHaveText('0');
  await expect(page.getByTestId('report-unchanged')).toContainText('1 contact was already up to date');
  await page.getByTestId('import-done').click();
  await expect(page.getByText('1–4 of 4')).toBeVisible();

  // The same file once more changes nothing, and the report says so rather than "2 updated".
  await importFile(page, join(testInfo.outputDir, 'fixed.csv'));
  await expect(page.getByTestId('report-created')).toHaveText('0');
  await expect(page.getByTestId('report-updated')).toHaveText('0');
  await expect(page.getByTestId('report-unchanged')).toContainText('2 contacts were already up to date');
  await page.getByTestId('import-done').click();
});

test('finding a customer, tagging a selection and opting one out', async ({ page, app }) => {
  await signIn(page, app, 'admin', OWNER_PASSWORD);
  await page.getByTestId('nav-contacts').click();
  const table = page.getByTestId('contacts-table');
  await page.getByRole('textbox', { name: 'Search name, phone, email or attribute' }).fill('mumbai');
  await expect(table.getByRole('cell', { name: 'Ravi Kumar', exact: true })).toBeVisible();
  await expect(table.getByRole('row')).toHaveCount(2);
  await page.getByRole('textbox', { name: 'Search name, phone, email or attribute' }).fill('');
  await expect(page.getByText('1–4 of 4')).toBeVisible();

  await table
    .getByRole('row', { name: /Ravi Kumar/ })
    .getByRole('checkbox')
    .check();
  await table
    .getByRole('row', { name: /José Müller/ })
    .getByRole('checkbox')
    .check();
  await page.getByTestId('bulk-tag').click();
  await page.getByRole('dialog').getByLabel('Tag').fill('vip');
  await page.getByTestId('confirm-tag').click();
  await expect(table.getByRole('row', { name: /Ravi Kumar/ }).getByText('vip')).toBeVisible();

  await table.getByRole('cell', { name: 'Ravi Kumar', exact: true }).click();
  const drawer = page.getByTestId('contact-drawer');
  await expect(drawer.getByText('Mumbai')).toBeVisible();
  await expect(drawer.getByText('Diwali buyers')).toBeVisible();
  await drawer.getByRole('button', { name: 'Opt out of marketing' }).click();
  await expect(drawer.getByText(/^Opted out/)).toBeVisible();
});

test('on 1024- and 1400-pixel windows the filters above the contacts show their labels whole', async ({
  page,
  app,
}) => {
  await signIn(page, app, 'admin', OWNER_PASSWORD);
  await page.getByTestId('nav-contacts').click();
  for (const [width, name] of [1024, 1400].flatMap((w) =>
    ['Search name, phone, email or attribute', 'Tag', 'List', 'Status', 'Marketing'].map(
      (n) => [w, n] as const,
    ),
  )) {
    await page.setViewportSize({ width, height: 800 });
    const label = page.locator('.v-field .v-label.v-field-label:not(.v-field-label--floating)', {
      hasText: new RegExp(`^${name}$`),
    });
    await expect(label).toBeVisible();
    // Vuetify cuts a label that does not fit with an ellipsis: its text is then wider than its box.
    const cut = await label.evaluate((el) => el.scrollWidth > el.clientWidth);
    expect(cut, `the "${name}" label is whole at ${width} px`).toBe(false);
  }
});

test('on a 1024-pixel window a customer’s number and the day they were added stay on one line', async ({
  page,
  app,
}) => {
  await signIn(page, app, 'admin', OWNER_PASSWORD);
  await page.setViewportSize({ width: 1024, height: 800 });
  await page.getByTestId('nav-contacts').click();
  const row = page.getByTestId('contacts-table').getByRole('row', { name: /Ravi Kumar/ });
  const phone = row.getByRole('cell', { name: '+91 99887 66554' });
  await expect(phone).toBeVisible();
  expect(await textLines(phone)).toBe(1);
  expect(await textLines(row.getByRole('cell').last())).toBe(1);
  await page.setViewportSize({ width: 1280, height: 800 });
});

test('paging through many customers with next, last and previous shows each page once, in order', async ({
  page,
  app,
}, testInfo) => {
  await signIn(page, app, 'admin', OWNER_PASSWORD);
  const file = testInfo.outputPath('pager.csv');
  const names = Array.from({ length: 60 }, (_, i) => `Pager ${String(i + 1).padStart(2, '0')}`);
  writeFileSync(file, ['name,phone', ...names.map((n, i) => `${n},+91 96000 ${10100 + i}`)].join('\n'));
  await importFile(page, file);
  await expect(page.getByTestId('report-created')).toHaveText('60');
  await page.keyboard.press('Escape');
  await page.getByTestId('nav-lists').click();
  await page.getByTestId('nav-contacts').click();
  await page.getByRole('textbox', { name: 'Search name, phone, email or attribute' }).fill('pager');
  const table = page.getByTestId('contacts-table');
  const shown = async (from: number, to: number) => {
    await expect(page.getByText(`${from}–${to} of 60`)).toBeVisible();
    const cells = table.getByRole('cell', { name: /^Pager \d\d$/ });
    await expect(cells).toHaveText(names.slice(from - 1, to));
  };
  await shown(1, 25);
  await page.getByRole('button', { name: 'Next page' }).click();
  await shown(26, 50);
  await page.getByRole('button', { name: 'Last page' }).click();
  await shown(51, 60);
  await page.getByRole('button', { name: 'Previous page' }).click();
  await shown(26, 50);
  await page.getByRole('button', { name: 'First page' }).click();
  await shown(1, 25);

  // Someone deletes fifteen of them while this page shows the last one: it moves to the new last page.
  await page.getByRole('button', { name: 'Last page' }).click();
  await shown(51, 60);
  const { items } = await okFromPage<{ items: { id: number; name: string }[] }>(page, 'contacts.list', {
    search: 'pager',
    pageSize: 200,
  });
  const gone = items.filter((c) => names.slice(0, 15).includes(c.name)).map((c) => c.id);
  expect(gone).toHaveLength(15);
  await okFromPage(page, 'contacts.delete', { ids: gone });
  await expect(page.getByText('26–45 of 45')).toBeVisible();
  await expect(table.getByRole('cell', { name: /^Pager \d\d$/ })).toHaveText(names.slice(40, 60));
});

test('a search matching thousands shows its rows at once, then its exact count, and pages to the end', async ({
  page,
  app,
}, testInfo) => {
  await signIn(page, app, 'admin', OWNER_PASSWORD);
  const file = testInfo.outputPath('bulk.csv');
  const rows = 6_000; // past the 5,000 matches counted exactly before page 1 answers
  const lines = Array.from(
    { length: rows },
    (_, i) => `Bulk ${String(i).padStart(4, '0')},+91 95${10_000_000 + i},wholesale`,
  );
  writeFileSync(file, ['name,phone,tags', ...lines].join('\n'));
  await importFile(page, file);
  // Counts are grouped as everywhere else in the app.
  await expect(page.getByTestId('report-created')).toHaveText('6,000');
  await page.keyboard.press('Escape');
  await page.getByRole('textbox', { name: 'Search name, phone, email or attribute' }).fill('bulk');
  // Page 1 answers with an estimate ("about …"); the exact count follows and replaces it.
  await expect(page.getByTestId('contacts-total')).toHaveText('6,000');
  await expect(page.getByText('1–25 of 6,000')).toBeVisible();
  await page.getByRole('button', { name: 'Last page' }).click();
  await expect(page.getByText('5,976–6,000 of 6,000')).toBeVisible();
  await expect(page.getByTestId('contacts-table').getByRole('cell', { name: 'Bulk 5999' })).toBeVisible();

  // "Last page" pressed while the total is still an estimate goes to the exact last page.
  await page.getByRole('textbox', { name: 'Search name, phone, email or attribute' }).fill('');
  await expect(page.getByTestId('contacts-total')).not.toHaveText('6,000');
  await page.route('**/bridge/rpc/contacts.count', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await route.continue();
  });
  await page.getByRole('textbox', { name: 'Search name, phone, email or attribute' }).fill('bulk');
  await expect(page.getByTestId('contacts-total')).toContainText('about');
  await page.getByRole('button', { name: 'Last page' }).click();
  await expect(page.getByText('5,976–6,000 of 6,000')).toBeVisible();
  await expect(page.getByTestId('contacts-table').getByRole('cell', { name: 'Bulk 5999' })).toBeVisible();
  await page.unroute('**/bridge/rpc/contacts.count');

  // The tag filter says how many carry each tag, grouped too.
  await page.getByRole('combobox', { name: 'Tag' }).click();
  await expect(page.getByRole('option', { name: /wholesale/ })).toContainText('6,000 contacts');
  await page.keyboard.press('Escape');

  // The dashboard counts them with the same grouping.
  await page.getByTestId('nav-dashboard').click();
  await expect(page.getByTestId('dashboard-contacts')).toContainText(/\d,\d{3} new and \d+ removed/);
});
