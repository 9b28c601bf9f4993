import type { Page } from '@playwright/test';
import { selectOption } from './select-option';
import { callFromPage, chooseOwnPassword, expect, INITIAL_PASSWORD, signIn, test } from './headless-app';

test.describe.configure({ mode: 'serial' });

/** A real 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/**
 * Drops files on the library's upload area, as a person dragging them from their file manager.
 * `padTo` makes a file that large (its head, then zeros), built in the page.
 */
async function dropFiles(page: Page, files: { name: string; type: string; data: Buffer; padTo?: number }[]) {
  const transfer = await page.evaluateHandle(
    (list) => {
      const dt = new DataTransfer();
      for (const f of list) {
        const bytes = new Uint8Array(Math.max(f.padTo, f.bytes.length));
        bytes.set(f.bytes);
        dt.items.add(new File([bytes], f.name, { type: f.type }));
      }
      return dt;
    },
    files.map((f) => ({ name: f.name, type: f.type, bytes: [...f.data], padTo: f.padTo ?? 0 })),
  );
  await page.getByRole('region', { name: 'Upload files' }).dispatchEvent('drop', { dataTransfer: transfer });
}

async function sandboxGet<T>(sandboxUrl: string, path: string): Promise<T> {
  const info = (await (await fetch(`${sandboxUrl}/_sandbox/info`)).json()) as { accessToken: string };
  const response = await fetch(`${sandboxUrl}${path}`, {
    headers: { authorization: `Bearer ${info.accessToken}` },
  });
  return (await response.json()) as T;
}

test('a file dragged into the media library gets a WhatsApp media id and is then the header of a campaign', async ({
  page,
  app,
}) => {
  test.setTimeout(120_000);
  await signIn(page, app, 'admin', INITIAL_PASSWORD);
  await chooseOwnPassword(page, INITIAL_PASSWORD, 'owner-pass-5150');
  await expect(page.getByRole('link', { name: 'Media' })).toBeVisible();
  // The shop's customers, set up through the same operations the screens use.
  const list = await callFromPage(page, 'lists.create', { name: 'Spring buyers' });
  expect(list.body.error).toBeUndefined();
  const listId = (list.body as unknown as { result: { id: number } }).result.id;
  await callFromPage(page, 'contacts.create', {
    name: 'Asha Patel',
    phone: '+919876543210',
    listIds: [listId],
  });
  // The screens read lists once per page load (the contacts screen did, before this list existed).
  await page.reload();

  await page.getByRole('link', { name: 'Media' }).click();
  await expect(page.getByRole('heading', { name: 'Media library' })).toBeVisible();
  await expect(page.getByText('No files yet.')).toBeVisible();

  // Two files at once; the one over WhatsApp's limit is refused here, before anything is sent.
  await dropFiles(page, [
    { name: 'spring-banner.png', type: 'image/png', data: PNG },
    { name: 'poster.png', type: 'image/png', data: PNG, padTo: 6 * 1024 * 1024 },
  ]);
  await expect(page.getByText('2 of 2 done')).toBeVisible();
  await expect(page.getByText(/Too large: an image may be at most 5 MB; this file is 6 MB/)).toBeVisible();
  await expect(page.getByText('Added, with a WhatsApp media id')).toBeVisible();

  await page.getByRole('button', { name: 'Open spring-banner.png' }).click();
  const dialog = page.getByRole('dialog');
  const mediaId = (await dialog.getByLabel('WhatsApp media id').textContent())?.trim() ?? '';
  expect(mediaId).toMatch(/^\d+$/);
  await expect(dialog.getByText(/Valid until .*Renewed automatically/)).toBeVisible();
  // The preview is the picture itself, loaded through the bridge as a blob: URL.
  await expect(dialog.getByRole('img', { name: 'spring-banner.png' })).toHaveAttribute('src', /^blob:/);
  // WhatsApp has it under that id.
  const atWhatsApp = await sandboxGet<{ mime_type: string }>(app.sandboxUrl(), `/v23.0/${mediaId}`);
  expect(atWhatsApp.mime_type).toBe('image/png');
  await dialog.getByRole('button', { name: 'Close' }).first().click();

  // Then a campaign with an image header taken from the library.
  await page.getByRole('link', { name: 'Campaigns' }).click();
  await page.getByTestId('new-campaign').click();
  await page.getByRole('textbox', { name: 'Campaign name' }).fill('Spring sale');
  await selectOption(page, 'Approved template', 'spring_sale (English (US))');
  await selectOption(page, 'Send to the subscribers of', /Spring buyers/);
  await page.keyboard.press('Escape');
  await page.getByTestId('source-0').click();
  await page.getByRole('option', { name: 'Fixed text' }).last().click();
  await page.getByTestId('value-0').locator('input').fill('20');
  await page.getByTestId('value-1').locator('input').fill('Sunday');
  await selectOption(page, 'The image from the media library', 'spring-banner.png');
  await page.getByTestId('save-campaign').click();
  await expect(page.getByTestId('campaign-status')).toHaveText('Draft');

  await page.getByTestId('start').click();
  // Starting now asks first, with whom it reaches.
  await page.getByRole('dialog').getByRole('button', { name: 'Send to 1' }).click();
  await expect(page.getByTestId('figure-sent')).toHaveText('1', { timeout: 20_000 });
  const sent = await (await fetch(`${app.sandboxUrl()}/_sandbox/messages?to=919876543210`)).json();
  const template = (
    sent as {
      data: {
        payload: { template: { components: { type: string; parameters: { image?: { id: string } }[] }[] } };
      }[];
    }
  ).data[0]!.payload.template;
  const header = template.components.find((c) => c.type === 'header');
  expect(header?.parameters[0]?.image?.id).toBe(mediaId);
});

test('deleting a file a draft uses as its header names the campaign, and the draft loses it', async ({
  page,
  app,
}) => {
  await signIn(page, app, 'admin', 'owner-pass-5150');
  await expect(page.getByRole('link', { name: 'Media' })).toBeVisible();
  const list = await callFromPage(page, 'lists.list', {});
  const listId = (list.body as unknown as { result: { id: number }[] }).result[0]!.id;
  const templates = await callFromPage(page, 'templates.list', {});
  const springSale = (templates.body as unknown as { result: { id: string; name: string }[] }).result.find(
    (t) => t.name === 'spring_sale',
  )!.id;
  const media = await callFromPage(page, 'media.list', { phoneNumberId: '106540352242922' });
  const banner = (media.body as unknown as { result: { id: number; fileName: string }[] }).result[0]!;
  await callFromPage(page, 'campaigns.create', {
    name: 'Summer draft',
    phoneNumberId: '106540352242922',
    templateId: springSale,
    listIds: [listId],
    variables: [
      { component: 'body', placeholder: '1', source: 'fixed', value: '10' },
      { component: 'body', placeholder: '2', source: 'fixed', value: 'Friday' },
    ],
    mediaHeader: { mediaId: banner.id },
  });

  await page.getByRole('link', { name: 'Media' }).click();
  await page.getByRole('button', { name: `Open ${banner.fileName}` }).click();
  await expect(page.getByRole('dialog').getByText(/Summer draft/)).toBeVisible();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  const confirm = page.getByRole('dialog').filter({ hasText: 'Delete “spring-banner.png”?' });
  await expect(confirm.getByText(/“Summer draft” \(draft\) uses this file as the header/)).toBeVisible();
  await confirm.getByRole('button', { name: 'Delete and remove from 1 campaign' }).click();
  await expect(page.getByText(/deleted and taken out of 1 campaign/)).toBeVisible();
  await expect(page.getByRole('button', { name: `Open ${banner.fileName}` })).toHaveCount(0);

  await page.getByRole('link', { name: 'Campaigns' }).click();
  await page.getByText('Summer draft').click();
  await expect(page.getByText(/header “spring-banner.png” was deleted from the media library/)).toBeVisible();
});

test('the library reads the same after a reload, and each number has its own', async ({ page, app }) => {
  await signIn(page, app, 'admin', 'owner-pass-5150');
  await expect(page.getByRole('link', { name: 'Media' })).toBeVisible();
  await page.goto(`${app.url}/#/media`);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Media library' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Phone number' })).toBeVisible();
  // The second number's library is its own.
  await selectOption(page, 'Phone number', /Wapidesk Demo Support/);
  await expect(page.getByText('No files yet.')).toBeVisible();
});

test('files are renamed, found by name and filtered by kind', async ({ page, app }) => {
  await signIn(page, app, 'admin', 'owner-pass-5150');
  await page.getByRole('link', { name: 'Media' }).click();
  await expect(page.getByRole('heading', { name: 'Media library' })).toBeVisible();
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
  await dropFiles(page, [
    { name: 'price-list.pdf', type: 'application/pdf', data: pdf },
    { name: 'IMG_0042.png', type: 'image/png', data: PNG },
  ]);
  await expect(page.getByText('2 of 2 done')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Open IMG_0042.png' })).toBeVisible();

  await page.getByRole('button', { name: 'Open IMG_0042.png' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name').fill('shop-front.png');
  await dialog.getByRole('button', { name: 'Rename' }).click();
  await expect(page.getByText('Renamed to “shop-front.png”')).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).first().click();
  await expect(page.getByRole('button', { name: 'Open shop-front.png' })).toBeVisible();

  await page.getByRole('textbox', { name: 'Search by name' }).fill('price');
  await expect(page.getByRole('button', { name: 'Open price-list.pdf' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Open shop-front.png' })).toHaveCount(0);
  await page.getByRole('textbox', { name: 'Search by name' }).fill('nothing-like-this');
  await expect(page.getByText('No file matches.', { exact: false })).toBeVisible();
  await page.getByRole('textbox', { name: 'Search by name' }).fill('');

  await page.getByLabel('Show only').getByText('Images', { exact: true }).click();
  await expect(page.getByRole('button', { name: 'Open shop-front.png' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Open price-list.pdf' })).toHaveCount(0);
  // The new name is the library's, after a reload too.
  await page.reload();
  await expect(page.getByRole('button', { name: 'Open shop-front.png' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Open price-list.pdf' })).toBeVisible();
});
