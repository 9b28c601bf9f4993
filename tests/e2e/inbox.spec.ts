import type { Browser, Page } from '@playwright/test';
import {
  callFromPage,
  chooseOwnPassword,
  expect,
  INITIAL_PASSWORD,
  signIn,
  test,
  type HeadlessApp,
} from './headless-app';

/**
 * The shared inbox end to end in Chromium against headless Wapidesk and its sandbox: a campaign's
 * replies arrive live, agents take conversations (the first opener wins; the other sees it go),
 * answer with a dragged photo whose ticks turn blue, use a quick reply with a variable, a keyword
 * answers PRICE outside opening hours once and not twice, a customer who wrote 25 hours ago can
 * only get a template, and an agent who reads only their own sees only theirs and unassigned ones.
 */
test.describe.configure({ mode: 'serial' });

const OWNER_PASSWORD = 'owner-pass-5150';
const AGENT_PERMISSIONS = [
  'conversations.read_assigned',
  'conversations.reply',
  'replies.read',
  'media.read',
];
const CUSTOMERS = [
  { name: 'Asha Patel', waId: '919876543210' },
  { name: 'Oliver Smith', waId: '447911123456' },
  { name: 'Mei Chen', waId: '919123456789' },
];

let owner: Page;
let anna: Page;
let ben: Page;

async function sandbox(app: HeadlessApp, path: string, body?: unknown) {
  const response = await fetch(`${app.sandboxUrl()}/_sandbox${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.ok, await response.clone().text()).toBe(true);
  return response.json() as Promise<unknown>;
}

async function result<T>(page: Page, operation: string, input: unknown): Promise<T> {
  const answer = await callFromPage(page, operation, input);
  expect(answer.body.error).toBeUndefined();
  return (answer.body as unknown as { result: T }).result;
}

/** A member whose role holds the agent's permissions, signed in in a browser of their own. */
async function agent(browser: Browser, app: HeadlessApp, username: string, roleId: number): Promise<Page> {
  await result(owner, 'members.create', {
    username,
    name: username === 'anna' ? 'Anna Agent' : 'Ben Agent',
    email: `${username}@shop.test`,
    password: 'first-password-1',
    roleIds: [roleId],
  });
  const page = await (await browser.newContext({ viewport: { width: 1400, height: 860 } })).newPage();
  await signIn(page, app, username, 'first-password-1');
  await chooseOwnPassword(page, 'first-password-1', `${username}-own-password-1`);
  await expect(page.getByTestId('nav-inbox')).toBeVisible();
  return page;
}

const item = (page: Page, name: string) =>
  page.getByTestId('conversation-list').locator('[data-testid^="conversation-"]').filter({ hasText: name });

test('a sandbox campaign’s replies arrive in the inbox live, with unread counts in the navigation', async ({
  browser,
  app,
}) => {
  test.setTimeout(120_000);
  // Pages of their own, kept from test to test like the windows of people working all day.
  const page = await (await browser.newContext({ viewport: { width: 1400, height: 860 } })).newPage();
  owner = page;
  await signIn(page, app, 'admin', INITIAL_PASSWORD);
  await chooseOwnPassword(page, INITIAL_PASSWORD, OWNER_PASSWORD);
  await expect(page.getByTestId('nav-inbox')).toBeVisible();
  // Every customer answers, quickly; WhatsApp reports every message delivered and read.
  await sandbox(app, '/config', {
    statuses: {
      sentDelayMs: 50,
      deliveredDelayMs: 300,
      readDelayMs: 1200,
      deliveredProbability: 1,
      readProbability: 1,
    },
    customerReplies: { probability: 1, delayMs: 300, optOutProbability: 0 },
  });
  const list = await result<{ id: number }>(page, 'lists.create', { name: 'Regulars' });
  for (const c of CUSTOMERS) {
    await result(page, 'contacts.create', { name: c.name, phone: `+${c.waId}`, listIds: [list.id] });
  }
  const [template] = await result<{ id: string }[]>(page, 'templates.list', { search: 'hello_world' });
  const campaign = await result<{ id: number }>(page, 'campaigns.create', {
    name: 'Autumn hello',
    phoneNumberId: '106540352242922',
    templateId: template!.id,
    listIds: [list.id],
  });

  await page.getByTestId('nav-inbox').click();
  await expect(page.getByTestId('inbox-empty')).toBeVisible();
  await result(page, 'campaigns.start', { id: campaign.id });
  // No reload: the replies come in as they are received.
  for (const c of CUSTOMERS) await expect(item(page, c.name)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('nav-inbox-unread')).toContainText('3');
  await expect(page.getByTestId('view-unassigned-unread')).toContainText('3');

  // The campaign message sits in the thread, marked as such, above the customer's answer.
  await item(page, 'Mei Chen').click();
  await expect(page.getByTestId('from-campaign')).toContainText('Campaign · Autumn hello');
  await expect(page.getByTestId('conversation-header')).toContainText('Mei Chen');
  // Her number as people write it, in the header and the customer panel alike.
  await expect(page.getByTestId('conversation-header')).toContainText('+91 91234 56789');
  await expect(page.getByTestId('contact-panel')).toContainText('+91 91234 56789');
  // The owner opened it first, so it is theirs now; the others stay unassigned.
  await expect(page.getByTestId('assignee')).toContainText('Shop Owner');
  await expect(page.getByTestId('nav-inbox-unread')).toContainText('2');
});

test('the first agent to open a conversation takes it; the other agent sees it leave their list', async ({
  browser,
  app,
}) => {
  test.setTimeout(120_000);
  const role = await result<{ id: number }>(owner, 'roles.create', {
    name: 'Agents',
    permissions: AGENT_PERMISSIONS,
  });
  anna = await agent(browser, app, 'anna', role.id);
  ben = await agent(browser, app, 'ben', role.id);
  for (const page of [anna, ben]) {
    await page.getByTestId('nav-inbox').click();
    await expect(item(page, 'Asha Patel')).toBeVisible();
    await expect(item(page, 'Oliver Smith')).toBeVisible();
    // Mei is the owner's: agents who read only their own do not see her.
    await expect(item(page, 'Mei Chen')).toHaveCount(0);
  }
  await item(anna, 'Asha Patel').click();
  await expect(anna.getByTestId('assignee')).toContainText('Anna Agent');
  // Ben's list follows without a reload.
  await expect(item(ben, 'Asha Patel')).toHaveCount(0);
  await expect(item(ben, 'Oliver Smith')).toBeVisible();
});

test('an agent answers with a photo dragged into the conversation, and its ticks turn blue', async () => {
  test.setTimeout(90_000);
  await anna.getByTestId('message-input').fill('Here is the blue one 👕');
  // A file dragged from the desktop: a DataTransfer with a real PNG, dropped on the conversation.
  const files = await anna.evaluateHandle(async () => {
    const canvas = document.createElement('canvas');
    canvas.width = 120;
    canvas.height = 80;
    const g = canvas.getContext('2d')!;
    g.fillStyle = '#2255cc';
    g.fillRect(0, 0, 120, 80);
    const blob: Blob = await new Promise((done) => canvas.toBlob((b) => done(b!), 'image/png'));
    const transfer = new DataTransfer();
    transfer.items.add(new File([blob], 'blue-shirt.png', { type: 'image/png' }));
    return transfer;
  });
  await anna.dispatchEvent('[data-testid="conversation-pane"]', 'dragenter', { dataTransfer: files });
  await expect(anna.getByTestId('drop-zone')).toBeVisible();
  await anna.dispatchEvent('[data-testid="drop-zone"]', 'drop', { dataTransfer: files });
  await expect(anna.getByTestId('staged')).toContainText('blue-shirt.png');
  await anna.getByTestId('send').click();

  const photo = anna
    .locator('[data-direction="out"]')
    .filter({ has: anna.getByTestId('media-image') })
    .last();
  await expect(photo).toContainText('Here is the blue one');
  await expect(photo.getByRole('img', { name: 'Here is the blue one 👕' })).toBeVisible({ timeout: 15_000 });
  await expect(photo.getByTestId('ticks')).toHaveAttribute('data-status', 'read', { timeout: 30_000 });
});

test('a file WhatsApp would refuse is refused before it is uploaded', async () => {
  const program = await anna.evaluateHandle(() => {
    const transfer = new DataTransfer();
    transfer.items.add(new File(['MZ program'], 'setup.exe', { type: 'application/x-msdownload' }));
    return transfer;
  });
  await anna.dispatchEvent('[data-testid="conversation-pane"]', 'dragenter', { dataTransfer: program });
  await anna.dispatchEvent('[data-testid="drop-zone"]', 'drop', { dataTransfer: program });
  await expect(anna.getByTestId('composer-error')).toContainText('WhatsApp does not take');
  await expect(anna.getByTestId('staged')).toHaveCount(0);
});

test('a quick reply with a variable fills in the customer’s first name', async () => {
  await owner.getByTestId('nav-replies').click();
  await owner.getByTestId('new-quick-reply').click();
  await owner.getByTestId('qr-shortcut').locator('input').fill('hours');
  await owner
    .getByTestId('qr-text')
    .locator('textarea')
    .first()
    .fill('Hi {{first_name}}, we open at 9 tomorrow.');
  await owner.getByTestId('save-quick-reply').click();
  await expect(owner.getByTestId('quick-replies-table')).toContainText('/hours');

  await anna.getByTestId('message-input').fill('/hou');
  await expect(anna.getByTestId('quick-replies')).toContainText('/hours');
  await anna.keyboard.press('Enter');
  await expect(anna.getByTestId('message-input')).toHaveValue('Hi Asha, we open at 9 tomorrow.');
  await anna.keyboard.press('Enter');
  await expect(anna.locator('[data-direction="out"]').last()).toContainText(
    'Hi Asha, we open at 9 tomorrow.',
  );
});

test('a keyword auto-reply answers PRICE outside opening hours, once and not twice within its quiet time', async ({
  app,
}) => {
  test.setTimeout(90_000);
  // Closed all week, whatever day the test runs.
  await owner.getByTestId('tab-hours').click();
  for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']) {
    const toggle = owner.getByTestId('opening-hours').getByLabel(day);
    if (await toggle.isChecked()) await toggle.uncheck();
  }
  await owner.getByTestId('save-hours').click();
  await expect(owner.getByTestId('opening-hours')).toContainText('closed now');

  await owner.getByTestId('tab-auto').click();
  await owner.getByTestId('new-auto-reply').click();
  await owner.getByTestId('ar-name').locator('input').fill('Prices after hours');
  await owner.getByTestId('ar-keywords').locator('input').fill('price');
  await owner.getByTestId('ar-keywords').locator('input').press('Enter');
  await owner.getByTestId('ar-schedule').click();
  await owner.getByRole('option', { name: 'Outside opening hours' }).click();
  await owner
    .getByTestId('ar-text')
    .locator('textarea')
    .first()
    .fill('Our prices: https://shop.example.com/prices. We open at 9.');
  await owner.getByTestId('save-auto-reply').click();
  await expect(owner.getByText('Prices after hours')).toBeVisible();

  await sandbox(app, '/customers/447911123456/messages', { type: 'text', text: 'PRICE' });
  await owner.getByTestId('nav-inbox').click();
  await item(owner, 'Oliver Smith').click();
  const answers = owner.getByTestId('from-auto-reply');
  await expect(answers).toHaveCount(1, { timeout: 15_000 });
  await expect(answers.first()).toContainText('Prices after hours');
  // Asked again at once: the quiet time holds the second answer back.
  await sandbox(app, '/customers/447911123456/messages', { type: 'text', text: 'price?' });
  await expect(owner.locator('[data-direction="in"]').filter({ hasText: 'price?' })).toBeVisible();
  await owner.waitForTimeout(2_000);
  await expect(answers).toHaveCount(1);
});

test('a conversation whose customer last wrote 25 hours ago offers only templates', async ({ app }) => {
  test.setTimeout(90_000);
  const wroteAt = new Date(Date.now() - 25 * 60 * 60 * 1000).toISOString();
  await sandbox(app, '/customers/15551234002/messages', {
    type: 'text',
    text: 'Can I return it?',
    profileName: 'Diego Ramírez',
    at: wroteAt,
  });
  await item(owner, 'Diego Ramírez').click();
  await expect(owner.getByTestId('window-state')).toHaveAttribute('data-open', 'false');
  await expect(owner.getByTestId('window-state')).toContainText('only approved templates');
  await expect(owner.getByTestId('message-input')).toHaveCount(0);
  await owner.getByTestId('send-template').click();
  await owner.getByTestId('template-choice').click();
  await owner.getByRole('option', { name: 'hello_world (en_US)' }).click();
  await owner.getByTestId('send-template-now').click();
  await expect(owner.locator('[data-direction="out"]').last()).toContainText('Template hello_world');
});

test('an agent who reads only their own sees theirs and unassigned ones, not another agent’s', async ({
  app,
}) => {
  await sandbox(app, '/customers/15557770001/messages', {
    type: 'text',
    text: 'Hello, new here',
    profileName: 'Nia Lane',
  });
  await ben.reload();
  await expect(item(ben, 'Nia Lane')).toBeVisible();
  await expect(item(ben, 'Oliver Smith')).toHaveCount(0); // the owner opened it: the owner's
  await expect(item(ben, 'Diego Ramírez')).toHaveCount(0); // the owner's
  await expect(item(ben, 'Asha Patel')).toHaveCount(0); // Anna's
  await expect(item(ben, 'Mei Chen')).toHaveCount(0); // the owner's
  await ben.getByTestId('view-mine').click();
  await expect(ben.getByTestId('inbox-empty')).toBeVisible();
  await ben.getByTestId('view-all').click();
  await ben.getByTestId('inbox-search').locator('input').fill('Asha');
  await expect(ben.getByTestId('inbox-empty')).toBeVisible();
});

test('a customer who hides her number: shown by her username, answered, and found in Contacts', async ({
  app,
}) => {
  test.setTimeout(90_000);
  // Noor, the sandbox's customer with a username and no visible number (issue 13).
  await sandbox(app, '/customers/US.13491208655302741918/messages', {
    type: 'text',
    text: 'Is my cake ready?',
  });
  await item(owner, 'Noor Haddad').click();
  await expect(owner.getByTestId('conversation-header')).toContainText('@noor.bakes');
  await owner.getByTestId('message-input').fill('Ready at five!');
  await owner.getByTestId('send').click();
  await expect(owner.locator('[data-direction="out"]').last()).toContainText('Ready at five!');
  // The bubble shows at once, before the send reaches WhatsApp: wait for the sandbox to have it.
  await expect
    .poll(async () => {
      const sent = (await sandbox(app, '/messages?to=15551234005')) as {
        data: { payload: { recipient?: string } }[];
      };
      return sent.data.at(-1)?.payload.recipient;
    })
    .toBe('US.13491208655302741918');

  // In Contacts her username stands where a number would, and her drawer names both keys.
  await owner.getByTestId('nav-contacts').click();
  const row = owner.getByTestId('contacts-table').locator('tr').filter({ hasText: 'Noor Haddad' });
  await expect(row).toContainText('@noor.bakes');
  await row.getByRole('button', { name: 'Noor Haddad' }).click();
  const drawer = owner.getByTestId('contact-drawer');
  await expect(drawer).toContainText('WhatsApp username');
  await expect(drawer).toContainText('US.13491208655302741918');
  // A reload on a database with her in it shows the same.
  await owner.reload();
  await expect(
    owner.getByTestId('contacts-table').locator('tr').filter({ hasText: 'Noor Haddad' }),
  ).toContainText('@noor.bakes');
});
