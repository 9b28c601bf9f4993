import {
  callFromPage,
  chooseOwnPassword,
  expect,
  INITIAL_PASSWORD,
  signIn,
  test,
  textLines,
} from './headless-app';

test.describe.configure({ mode: 'serial' });

/** Real-format numbers: the sandbox takes every number as on WhatsApp unless it ends in 0000. */
const CUSTOMERS = [
  { name: 'Asha Patel', phone: '+919876543210', guests: '4' },
  { name: 'Oliver Smith', phone: '+447911123456', guests: '2' },
  { name: 'Diego Ramírez', phone: '+919988766554', guests: '' },
  { name: 'Mei Chen', phone: '+919123456789', guests: '6' },
  { name: 'Priya Sharma', phone: '+4915123456789', guests: '3' },
];

test('a personalised campaign: tested, started, paused, resumed, finished, and its figures match WhatsApp’s record', async ({
  page,
  app,
}) => {
  test.setTimeout(120_000);
  await signIn(page, app, 'admin', INITIAL_PASSWORD);
  await chooseOwnPassword(page, INITIAL_PASSWORD, 'owner-pass-5150');
  await expect(page.getByTestId('nav-campaigns')).toBeVisible();

  // The shop's customers and list, set up through the same operations the screens use.
  const list = await callFromPage(page, 'lists.create', { name: 'Spring buyers' });
  expect(list.body.error).toBeUndefined();
  const listId = (list.body as unknown as { result: { id: number } }).result.id;
  for (const c of CUSTOMERS) {
    const attributes = c.guests ? { guests: c.guests } : {};
    const made = await callFromPage(page, 'contacts.create', {
      name: c.name,
      phone: c.phone,
      attributes,
      listIds: [listId],
    });
    expect(made.status).toBe(200);
  }
  await page.reload();

  await page.getByTestId('nav-campaigns').click();
  await page.getByTestId('new-campaign').click();
  await page.getByRole('textbox', { name: 'Campaign name' }).fill('Table reminders');
  await page.getByRole('combobox', { name: 'Approved template' }).click();
  await page.getByRole('option', { name: 'booking_reminder (English (US))' }).click();
  await page.getByRole('combobox', { name: 'Send to the subscribers of' }).click();
  await page.getByRole('option', { name: /Spring buyers/ }).click();
  await page.keyboard.press('Escape');
  // {{first_name}} is the contact's name; {{number_of_guests}} their "guests" attribute, 2 when empty.
  await page.getByTestId('source-0').click();
  await page.getByRole('option', { name: 'Contact full name' }).last().click();
  await page.getByTestId('source-1').click();
  await page.getByRole('option', { name: 'Contact attribute' }).last().click();
  await page.getByTestId('value-1').locator('input').fill('guests');
  await page.getByTestId('fallback-1').locator('input').fill('2');
  await page.getByRole('spinbutton', { name: 'Messages a second (optional)' }).fill('1');
  await page.getByTestId('save-campaign').click();

  await expect(page.getByTestId('campaign-status')).toHaveText('Draft');
  await expect(page.getByTestId('template-preview')).toContainText(
    'Hi Asha Patel, your table for 4 is booked.',
  );
  // The preview can be for any customer: Mei has 6 guests.
  await page.getByTestId('preview-for').locator('input').fill('Mei');
  await page.getByRole('option', { name: /Mei Chen/ }).click();
  await expect(page.getByTestId('template-preview')).toContainText(
    'Hi Mei Chen, your table for 6 is booked.',
  );

  await page.getByTestId('test-send').click();
  await page.getByTestId('test-to').locator('input').fill('+919876543210');
  await page.getByTestId('send-test').click();
  await expect(page.getByText(/does not count in the campaign/)).toBeVisible();

  await page.getByTestId('start').click();
  await page.getByRole('button', { name: `Send to ${CUSTOMERS.length}` }).click();
  await expect(page.getByTestId('campaign-status')).toHaveText('Running');
  await expect(page.getByTestId('figure-sent')).not.toHaveText('0', { timeout: 15_000 });
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('campaign-status')).toHaveText('Paused');
  // A request already on its way to WhatsApp when Pause was pressed still lands (it cannot be
  // called back); the page shows it within a second. From then on nothing more is sent.
  await page.waitForTimeout(2_000);
  const sentWhenPaused = await page.getByTestId('figure-sent').textContent();
  await page.waitForTimeout(2_500);
  await page.reload();
  await expect(page.getByTestId('figure-sent')).toHaveText(sentWhenPaused!);
  expect(Number(sentWhenPaused)).toBeLessThan(CUSTOMERS.length);

  await page.getByTestId('resume').click();
  await expect(page.getByTestId('campaign-status')).toHaveText('Finished', { timeout: 30_000 });
  await expect(page.getByTestId('figure-recipients')).toHaveText(String(CUSTOMERS.length));
  await expect(page.getByTestId('figure-sent')).toHaveText(String(CUSTOMERS.length));

  // What WhatsApp (the sandbox) accepted: one message per customer, plus the test.
  const accepted = (await (await fetch(`${app.sandboxUrl()}/_sandbox/messages`)).json()) as {
    data: { to: string; type: string; template?: { name: string } | null }[];
  };
  const campaignSends = accepted.data.filter(
    (m) => m.type === 'template' && m.template?.name === 'booking_reminder',
  );
  expect(campaignSends).toHaveLength(CUSTOMERS.length + 1);
  expect(new Set(campaignSends.map((m) => m.to.replace(/\D/g, ''))).size).toBe(CUSTOMERS.length);

  // Retargeting those who did not read is one click away (once WhatsApp has reported deliveries).
  await expect(page.getByTestId('figure-delivered')).not.toHaveText('0', { timeout: 15_000 });
  await page.getByTestId('retarget').click();
  await page.getByTestId('confirm-retarget').click();
  await expect(page.getByTestId('campaign-status')).toHaveText('Draft');

  // Or by hand: back to the campaign, and pick two recipients in the table.
  await page.goBack();
  await expect(page.getByTestId('campaign-status')).toHaveText('Finished');
  const recipients = page.getByTestId('recipients-table');
  // On a 1024-pixel window the table has the page's width: a number reads on one line (beside
  // the preview it broke over three).
  await page.setViewportSize({ width: 1024, height: 800 });
  const phone = recipients
    .getByRole('row', { name: /Asha Patel/ })
    .getByRole('cell')
    .nth(2);
  await expect(phone).toContainText(/^\+\d/);
  expect(await textLines(phone)).toBe(1);
  await page.setViewportSize({ width: 1280, height: 800 });
  await recipients
    .getByRole('row', { name: /Asha Patel/ })
    .getByRole('checkbox')
    .check();
  await recipients
    .getByRole('row', { name: /Priya Sharma/ })
    .getByRole('checkbox')
    .check();
  await page.getByTestId('retarget-picked').click();
  await expect(page.getByTestId('campaign-status')).toHaveText('Draft');
});
