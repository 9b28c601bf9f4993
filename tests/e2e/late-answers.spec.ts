import {
  configureSandbox,
  expect,
  holdAnswers,
  listWithCustomers,
  okFromPage,
  signInOwner,
  test,
} from './headless-app';

/**
 * A page asks again whenever a search or a filter changes; the answer to an older question can
 * arrive after the newer one's. It must never replace it (the campaign page, the campaigns list and
 * the dashboard have their own tests in campaign-flow.spec.ts and dashboard.spec.ts).
 */
test.describe.configure({ mode: 'serial' });

test('a list’s members searched again while the last search is answered show the newer search', async ({
  page,
  app,
}) => {
  await signInOwner(page, app);
  const list = await listWithCustomers(page, 'Regulars', [
    ['Asha Patel', '+919876543210'],
    ['Oliver Smith', '+447911123456'],
  ]);
  await page.goto(`${app.url}/#/lists/${list.id}`);
  await expect(page.getByRole('cell', { name: 'Oliver Smith' })).toBeVisible();

  const { release, answered } = await holdAnswers(page, 'lists.members', (body) => body.includes('Asha'));
  const search = page.getByRole('textbox', { name: 'Search' });
  await search.fill('Asha');
  await answered;
  await search.fill('Oliver');
  await expect(page.getByRole('cell', { name: 'Asha Patel' })).toHaveCount(0);
  await expect(page.getByRole('cell', { name: 'Oliver Smith' })).toBeVisible();
  release();
  await page.waitForTimeout(1_000);
  await expect(page.getByRole('cell', { name: 'Asha Patel' })).toHaveCount(0);
  await expect(page.getByRole('cell', { name: 'Oliver Smith' })).toBeVisible();
});

test('a campaign’s recipients filtered again while the last filter is answered show the newer filter', async ({
  page,
  app,
}) => {
  await signInOwner(page, app);
  // Sent and never delivered: every recipient stays "Sent".
  await configureSandbox(app, {
    statuses: { deliveredProbability: 0, readProbability: 0 },
    customerReplies: { probability: 0 },
  });
  const [list] = await okFromPage<{ id: number }[]>(page, 'lists.list', {});
  const numbers = await okFromPage<{ id: string }[]>(page, 'phoneNumbers.list', {});
  const templates = await okFromPage<{ id: string; name: string }[]>(page, 'templates.list', {});
  const campaign = await okFromPage<{ id: number }>(page, 'campaigns.create', {
    name: 'Hello regulars',
    phoneNumberId: numbers[0]!.id,
    templateId: templates.find((t) => t.name === 'hello_world')!.id,
    listIds: [list!.id],
  });
  await okFromPage(page, 'campaigns.start', { id: campaign.id });
  await page.goto(`${app.url}/#/campaigns/${campaign.id}`);
  await expect(page.getByTestId('campaign-status')).toHaveText('Finished', { timeout: 30_000 });
  const rows = page.getByRole('row', { name: /Asha Patel|Oliver Smith/ });
  await expect(rows).toHaveCount(2);

  const { release, answered } = await holdAnswers(page, 'campaigns.recipients', (body) =>
    body.includes('"failed"'),
  );
  await page.getByTestId('recipient-state').click();
  await page.getByRole('option', { name: 'Failed' }).click();
  await answered;
  await page.getByTestId('recipient-state').click();
  await page.getByRole('option', { name: 'Sent' }).click();
  await expect(rows).toHaveCount(2);
  // Every footer the table shows from now on: a reload that puts the rows back soon after would
  // hide a flash of the older filter's "0 of 0" from a plain look at the end.
  await page.evaluate(() => {
    const table = document.querySelector('[data-testid="recipients-table"]')!;
    const shown: string[] = [];
    (window as unknown as { footersShown: string[] }).footersShown = shown;
    new MutationObserver(() =>
      shown.push(table.querySelector('.v-data-table-footer__info')?.textContent?.trim() ?? ''),
    ).observe(table, { subtree: true, childList: true, characterData: true });
  });
  release();
  await page.waitForTimeout(1_000);
  await expect(rows).toHaveCount(2);
  const footers = await page.evaluate(() => (window as unknown as { footersShown: string[] }).footersShown);
  expect(footers.filter((footer) => !footer.endsWith('of 2'))).toEqual([]);
});

test('a duplicate searched again while the last search is answered offers the newer search’s names', async ({
  page,
  app,
}) => {
  await signInOwner(page, app);
  await okFromPage(page, 'contacts.create', { name: 'Mei Chen', phone: '+919123456789' });
  await page.getByTestId('nav-contacts').click();
  await page.getByRole('cell', { name: 'Asha Patel' }).click();
  await page.getByRole('button', { name: 'Merge…' }).click();
  const find = page.getByRole('combobox', { name: 'Find the duplicate by name or phone' });
  const { release, answered } = await holdAnswers(page, 'contacts.list', (body) => body.includes('"Oliver"'));
  await find.fill('Oliver');
  await answered;
  await find.fill('Mei');
  await expect(page.getByRole('option', { name: /Mei Chen/ })).toBeVisible();
  release();
  await page.waitForTimeout(1_000);
  // A merge is not undone: the names offered are those of what was typed last.
  await expect(page.getByRole('option', { name: /Oliver Smith/ })).toHaveCount(0);
  await expect(page.getByRole('option', { name: /Mei Chen/ })).toBeVisible();
});
