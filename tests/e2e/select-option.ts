import { expect, type Page } from '@playwright/test';

/**
 * Opens a select's menu by its label and picks an option. A Vuetify select names its inner input,
 * which takes no clicks; its field does. A screen may re-render a select as its data arrives, so a
 * click can land on one being replaced: open again until the option shows.
 */
export async function selectOption(page: Page, field: string, option: string | RegExp): Promise<void> {
  const input = page.getByRole('combobox', { name: field });
  await expect(async () => {
    await input.locator('xpath=ancestor::div[contains(@class, "v-field")][1]').click();
    await expect(page.getByRole('option', { name: option })).toBeVisible({ timeout: 1_500 });
  }).toPass({ timeout: 20_000 });
  await page.getByRole('option', { name: option }).click();
}
