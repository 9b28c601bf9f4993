import { expect, okFromPage, signInOwner, test } from './headless-app';

/**
 * A campaign bigger than the business's daily limit of unique customers (the sandbox's number is
 * on the 250 tier) waits, and says until when: in the shop's time zone and words, never as the
 * UTC instant the core writes into the notice ("2026-12-04T21:34:24.704Z" was shown as such).
 */
test('a campaign past the messaging limit says in the shop’s time when more can be sent', async ({
  page,
  app,
}) => {
  test.setTimeout(120_000);
  await signInOwner(page, app);
  const list = await okFromPage<{ id: number }>(page, 'lists.create', { name: 'Past the limit' });
  const rows = Array.from({ length: 1200 }, (_, i) => `Limit ${i},+1 555 200 ${String(1000 + i)}`);
  await okFromPage(page, 'contacts.importRun', {
    importId: 'past-the-limit',
    contentBase64: Buffer.from(['name,phone', ...rows].join('\n')).toString('base64'),
    mapping: ['name', 'phone'],
    listIds: [list.id],
    tags: [],
  });
  await okFromPage(page, 'templates.sync', {});
  const numbers = await okFromPage<{ id: string }[]>(page, 'phoneNumbers.list', {});
  const templates = await okFromPage<{ id: string; name: string }[]>(page, 'templates.list', {});
  const campaign = await okFromPage<{ id: number }>(page, 'campaigns.create', {
    name: 'Everyone past the limit',
    phoneNumberId: numbers[0]!.id,
    templateId: templates.find((t) => t.name === 'hello_world')!.id,
    listIds: [list.id],
  });
  await okFromPage(page, 'campaigns.start', { id: campaign.id });
  await page.goto(`${app.url}/#/campaigns/${campaign.id}`);

  const notice = page.getByTestId('campaign-notice');
  await expect(notice).toContainText('reached 250 unique customers', { timeout: 60_000 });
  await expect(notice).toContainText(/More can be sent from .*20\d\d/);
  await expect(notice).not.toContainText(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
  // Written as every other date on the page (the started date above it).
  const started =
    (await page
      .getByText(/started /)
      .first()
      .textContent()) ?? '';
  const year = /20\d\d/.exec(started)?.[0];
  expect(year).toBeDefined();
  await expect(notice).toContainText(year!);

  // The dashboard's campaign card groups its figures as the page does.
  await page.getByTestId('nav-dashboard').click();
  await expect(page.getByTestId('dashboard-campaigns')).toContainText(/Sending: [\d,]+ of 1,200 sent/);
});
