import { writeFileSync } from 'node:fs';
import { expect, okFromPage, signInOwner, test } from './headless-app';

/** Issue 10, defects 2 and 8: numbers WhatsApp reaches are accepted; an import says what it will change. */
test.describe.configure({ mode: 'serial', timeout: 180_000 });

test('the sandbox’s demo number is taken by the contact form, with a warning to check it', async ({
  page,
  app,
}) => {
  await signInOwner(page, app);
  await page.getByTestId('nav-contacts').click();
  await page.getByTestId('new-contact').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name').fill('Demo Asha');
  await dialog.getByLabel('Phone').fill('+1 555 123 4001');
  await page.getByTestId('save-contact').click();
  await expect(page.getByTestId('notice')).toContainText('saved as +1 555 123 4001');
  await expect(page.getByTestId('notice')).toContainText('right length for +1');
  await expect(
    page.getByTestId('contacts-table').getByRole('cell', { name: '+1 555 123 4001' }),
  ).toBeVisible();

  // What cannot be a number is still refused, under the field.
  await page.getByTestId('new-contact').click();
  await dialog.getByLabel('Name').fill('Nobody');
  await dialog.getByLabel('Phone').fill('12');
  await page.getByTestId('save-contact').click();
  await expect(dialog.getByText('Not a phone number')).toBeVisible();
});

test('an import splits tags on ;, makes a new list, and says what it changes before it does', async ({
  page,
  app,
}, testInfo) => {
  await signInOwner(page, app);
  await okFromPage(page, 'contacts.create', {
    name: 'Asha Patel',
    phone: '+919876543210',
    email: 'asha@shop.test',
  });
  const file = testInfo.outputPath('fair.csv');
  writeFileSync(
    file,
    'name,phone,email,tags\n' +
      'Asha Patel,+91 98765 43210,asha.new@shop.test,vip;wholesale\n' +
      'Demo Customer,+1 555 123 4002,,fair\n' +
      'New Person,+91 98123 45678,,fair\n',
  );
  await page.getByTestId('nav-contacts').click();
  await page.getByTestId('import-contacts').click();
  await page.getByTestId('import-file').locator('input[type=file]').setInputFiles(file);
  await expect(page.getByTestId('mapping-table')).toBeVisible();
  await expect(page.getByText('separated by , ; or |')).toBeVisible();
  await page.getByTestId('import-next').click();

  const lists = page.getByRole('combobox', { name: 'Add everyone in the file to these lists' });
  await lists.fill('Spring fair');
  await lists.press('Enter');
  await expect(page.getByText('Spring fair (new list)')).toBeVisible();

  const check = page.getByTestId('import-check');
  await expect(check).toContainText(
    '3 rows: 2 new contacts, 1 already here, 1 with a number to double-check',
  );
  const mode = page.getByRole('radiogroup', { name: 'For contacts already here' });
  await expect(mode.getByRole('radio', { name: /Only fill empty fields/ })).toBeChecked();
  await expect(mode).toContainText('1 of them would change: 1 new tags');
  await expect(mode).toContainText('1 of them would change: 1 an email, 1 new tags');

  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('report-created')).toHaveText('2');
  await expect(page.getByTestId('report-updated')).toHaveText('1');
  await expect(page.getByTestId('import-warnings')).toContainText('right length for +1');
  await page.getByTestId('import-done').click();

  const table = page.getByTestId('contacts-table');
  const asha = table.getByRole('row', { name: /Asha Patel/ });
  // Only empty fields were filled: her email stays; the two tags are two tags.
  await expect(asha).toContainText('asha@shop.test');
  await expect(asha.getByText('vip', { exact: true })).toBeVisible();
  await expect(asha.getByText('wholesale', { exact: true })).toBeVisible();

  await page.getByTestId('nav-lists').click();
  await expect(page.getByRole('row', { name: /Spring fair/ })).toContainText('3');
});

test('an import takes customers known only by their WhatsApp user id (they hide their number)', async ({
  page,
  app,
}, testInfo) => {
  const file = testInfo.outputPath('usernames.csv');
  writeFileSync(
    file,
    'Name,WhatsApp user id,City\n' + 'Noor Haddad,US.13491208655302741918,Beirut\n' + 'Nobody,,Nowhere\n',
  );
  await signInOwner(page, app);
  await page.getByTestId('nav-contacts').click();
  await page.getByTestId('import-contacts').click();
  await page.getByTestId('import-file').locator('input[type=file]').setInputFiles(file);
  await expect(page.getByTestId('mapping-table')).toBeVisible();
  // The column is recognised; no phone column is needed when there is a user id column.
  await expect(page.getByTestId('map-1')).toContainText('WhatsApp user id');
  await page.getByTestId('import-next').click();
  await expect(page.getByTestId('import-check')).toContainText('1 new contact');
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('report-created')).toHaveText('1');
  await page.getByTestId('import-done').click();
  const noor = page.getByTestId('contacts-table').getByRole('row', { name: /Noor Haddad/ });
  // No number and no username yet: her user id stands where a number would.
  await expect(noor).toContainText('US.13491208655302741918');
});

test('a file too large to import is refused at once, in words, before it is read', async ({
  page,
  app,
}, testInfo) => {
  await signInOwner(page, app);
  const file = testInfo.outputPath('everyone.csv');
  // One byte over the limit (40 MB): the wizard looks at the size, not the content.
  writeFileSync(file, Buffer.alloc(40 * 1024 * 1024 + 1, 'a'));
  await page.getByTestId('nav-contacts').click();
  await page.getByTestId('import-contacts').click();
  await expect(page.getByText('up to 40 MB')).toBeVisible();
  const sent: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/bridge/rpc/contacts.import')) sent.push(request.url());
  });
  await page.getByTestId('import-file').locator('input[type=file]').setInputFiles(file);
  await expect(
    page
      .getByRole('dialog')
      .getByRole('alert')
      .filter({ hasText: 'The file is larger than 40 MB: split it into smaller files' }),
  ).toBeVisible();
  await expect(page.getByTestId('mapping-table')).toBeHidden();
  // Not read and sent to be refused: refused before.
  expect(sent).toEqual([]);
});
