import { expect, holdAnswers, listWithCustomers, signInOwner, test } from './headless-app';

/** Issue 10, defects 3 and 12: the campaign editor shows what is chosen, and previews a real customer. */
test.describe.configure({ mode: 'serial', timeout: 180_000 });

test('a new campaign: empty choices look empty, first names, a real customer’s preview, a clear pace error', async ({
  page,
  app,
}) => {
  await signInOwner(page, app);
  await listWithCustomers(page, 'Regulars', [
    ['Asha Patel', '+919876543210'],
    ['Mei Chen', '+919123456789'],
  ]);

  await page.getByTestId('nav-campaigns').click();
  await page.getByTestId('new-campaign').click();
  const template = page.getByRole('combobox', { name: 'Approved template' });
  await expect(template).toBeVisible();
  await expect(page.getByText('undefined')).toHaveCount(0);
  await expect(page.getByText('Required')).toHaveCount(0);

  await page.getByRole('textbox', { name: 'Campaign name' }).fill('Bookings');
  await template.click();
  await page.getByRole('option', { name: 'booking_reminder (English (US))' }).click();
  await page.getByRole('combobox', { name: 'Send to the subscribers of' }).click();
  await page.getByRole('option', { name: 'Regulars (2)' }).click();
  await page.keyboard.press('Escape');

  await page.getByTestId('source-0').click();
  await expect(page.getByRole('option', { name: 'Contact first name' })).toBeVisible();
  await page.getByRole('option', { name: 'Contact first name' }).click();
  await page.getByTestId('value-1').locator('input').fill('4');
  const preview = page.getByTestId('template-preview');
  await expect(page.getByTestId('editor-preview-for')).toHaveText('As Asha Patel will get it');
  await expect(preview).toContainText('Hi Asha, your table for 4 is booked.');

  const pace = page.getByRole('spinbutton', { name: 'Messages a second (optional)' });
  await pace.fill('0.5');
  await page.getByTestId('save-campaign').click();
  await expect(page.getByText('A whole number of messages a second, from 1 to 1000')).toBeVisible();
  await expect(page.getByText(/expected int/)).toHaveCount(0);
  await expect(page).toHaveURL(/campaigns\/new/);

  await pace.fill('2');
  await page.getByTestId('save-campaign').click();
  await expect(page.getByTestId('campaign-status')).toHaveText('Draft');
  const previewFor = page.getByRole('combobox', { name: 'Preview for…' });
  // What was typed first is answered last: the names offered are those of the text typed last.
  const { release, answered } = await holdAnswers(page, 'contacts.list', (body) => body.includes('"Asha"'));
  await previewFor.fill('Asha');
  await answered;
  await previewFor.fill('Mei');
  await expect(page.getByRole('option', { name: /Mei Chen/ })).toBeVisible();
  release();
  await page.waitForTimeout(1_000);
  await expect(page.getByRole('option', { name: /Asha Patel/ })).toHaveCount(0);
  await page.getByRole('option', { name: /Mei Chen/ }).click();
  await expect(previewFor).toHaveValue('Mei Chen · +91 91234 56789');
  await expect(preview).toContainText('Hi Mei, your table for 4 is booked.');
  await expect(page.getByText('undefined')).toHaveCount(0);
});
