import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, okFromPage, OWNER_PASSWORD, signIn, signInOwner, test } from './headless-app';

/**
 * Issue 10, defect 11: every screen, in both themes, passes an automated accessibility scan (axe,
 * WCAG 2.1 A and AA) with no serious or critical violation: text contrast, names of controls,
 * labels, landmarks. Dialogs and drawers are scanned open.
 */
// Some thirty screens, each scanned by axe in both themes: minutes on a busy 2-core machine.
test.describe.configure({ mode: 'serial', timeout: 900_000 });

interface Screen {
  name: string;
  path: string;
  /** What shows once the screen has loaded; its level-1 heading when not given. */
  ready?: (page: Page) => Locator;
  /** What to do once the screen is there (open a dialog, choose a row). */
  then?: (page: Page) => Promise<void>;
}

/**
 * Serious or critical findings on the page as it is. `coloursOnly` runs the colour rules alone: a
 * theme changes colours and nothing else (the same elements, names, labels and landmarks), so the
 * second theme of a screen needs only those.
 */
async function violations(page: Page, coloursOnly = false): Promise<string[]> {
  const axe = new AxeBuilder({ page });
  const results = await (
    coloursOnly
      ? axe.withRules(['color-contrast', 'link-in-text-block'])
      : axe.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
  ).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 4)
          .join(' | ')}`,
    );
}

/**
 * Switches the theme with the app bar's own button, as a user does; while a dialog is open its scrim
 * covers the button, so the click is dispatched to the button itself.
 */
async function toggleTheme(page: Page, to: 'light' | 'dark') {
  await page
    .getByRole('button', { name: to === 'dark' ? 'Dark theme' : 'Light theme' })
    .dispatchEvent('click');
  await expect(page.locator(`.v-application.v-theme--${to}`)).toBeVisible();
  // Colours fade between themes: a half-faded button has half the contrast.
  await page.waitForTimeout(600);
}

let campaignId = 0;
let phoneNumberId = '';
/** A one-pixel PNG for the media library. */
const PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

test('the data the screens show: demo customers on a list, and a finished campaign', async ({
  page,
  app,
}) => {
  await signInOwner(page, app);
  await okFromPage(page, 'gettingStarted.mark', { mark: 'sandbox_kept', done: true });
  const { listId } = await okFromPage<{ listId: number }>(page, 'sandbox.addDemoContacts', {});
  await okFromPage(page, 'templates.sync', {});
  const templates = await okFromPage<{ id: string; name: string }[]>(page, 'templates.list', {});
  const numbers = await okFromPage<{ id: string }[]>(page, 'phoneNumbers.list', {});
  phoneNumberId = numbers[0]!.id;
  // Customers answer the campaign, so the inbox has conversations to show.
  const configured = await fetch(`${app.sandboxUrl()}/_sandbox/config`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ customerReplies: { probability: 1, delayMs: 200, optOutProbability: 0 } }),
  });
  expect(configured.ok).toBe(true);
  await okFromPage(page, 'media.uploadFile', {
    phoneNumberId,
    fileName: 'spring-banner.png',
    mimeType: 'image/png',
    contentBase64: PNG_BASE64,
  });
  await okFromPage(page, 'quickReplies.create', {
    shortcut: 'thanks',
    title: 'Thank you',
    text: 'Thank you for your order!',
  });
  await okFromPage(page, 'autoReplies.create', {
    name: 'Prices',
    keywords: ['price'],
    answer: { kind: 'text', text: 'Our prices are on the website.' },
  });
  const campaign = await okFromPage<{ id: number }>(page, 'campaigns.create', {
    name: 'Hello everyone',
    phoneNumberId: numbers[0]!.id,
    templateId: templates.find((t) => t.name === 'hello_world')!.id,
    listIds: [listId],
  });
  campaignId = campaign.id;
  await okFromPage(page, 'campaigns.start', { id: campaign.id });
  await expect
    .poll(
      async () => (await okFromPage<{ status: string }>(page, 'campaigns.get', { id: campaign.id })).status,
      {
        timeout: 60_000,
      },
    )
    .toBe('finished');
  await expect
    .poll(async () => (await okFromPage<{ items: unknown[] }>(page, 'conversations.list', {})).items.length, {
      timeout: 60_000,
    })
    .toBeGreaterThan(0);
});

test('every screen, in the light theme and the dark, has no serious or critical violation', async ({
  page,
  app,
}) => {
  const screens: Screen[] = [
    { name: 'Getting started', path: '/getting-started' },
    {
      name: 'Sandbox panel',
      path: '/getting-started',
      then: async (p) => {
        await p.getByRole('button', { name: 'Sandbox', exact: true }).click();
        await expect(
          p.getByRole('dialog', { name: 'The sandbox' }).getByRole('row', { name: /Asha/ }),
        ).toBeVisible();
      },
    },
    { name: 'Contacts', path: '/contacts', ready: (p) => p.getByText('Mei Chen') },
    {
      name: 'Contact drawer',
      path: '/contacts',
      then: async (p) => {
        await p.getByRole('button', { name: 'Mei Chen' }).click();
        await expect(p.getByTestId('contact-drawer').getByText('Sandbox demo customers')).toBeVisible();
      },
    },
    {
      name: 'New contact',
      path: '/contacts',
      then: async (p) => {
        await p.getByTestId('new-contact').click();
        await expect(p.getByRole('dialog', { name: 'New contact' })).toBeVisible();
      },
    },
    {
      name: 'Import wizard',
      path: '/contacts',
      then: async (p) => {
        await p.getByTestId('import-contacts').click();
        await expect(p.getByRole('dialog', { name: 'Import contacts from CSV' })).toBeVisible();
      },
    },
    { name: 'Lists', path: '/lists', ready: (p) => p.getByText('Sandbox demo customers') },
    { name: 'List', path: '/lists/1' },
    { name: 'Campaigns', path: '/campaigns', ready: (p) => p.getByText('Hello everyone') },
    {
      name: 'Campaign editor',
      path: '/campaigns/new',
      then: async (p) => {
        await p.getByRole('combobox', { name: 'Approved template' }).click();
        await p.getByRole('option', { name: 'booking_reminder (English (US))' }).click();
      },
    },
    {
      name: 'Campaign',
      path: `/campaigns/${campaignId}`,
      then: async (p) => {
        await expect(p.getByTestId('timeline-summary')).toBeVisible();
      },
    },
    {
      name: 'Templates',
      path: '/templates',
      then: async (p) => {
        await p.getByRole('button', { name: 'hello_world' }).click();
        await expect(p.getByTestId('template-preview')).toContainText('WhatsApp Business Platform sample');
      },
    },
    {
      name: 'Inbox',
      path: '/inbox',
      ready: (p) => p.getByTestId('conversation-list').getByRole('option'),
    },
    {
      name: 'Conversation',
      path: '/inbox',
      ready: (p) => p.getByTestId('conversation-list').getByRole('option'),
      then: async (p) => {
        await p.getByTestId('conversation-list').getByRole('option').first().click();
        await expect(p.getByTestId('conversation-header')).toBeVisible();
        await expect(p.getByTestId('from-campaign')).toBeVisible();
      },
    },
    { name: 'Replies', path: '/replies', ready: (p) => p.getByText('Thank you for your order!') },
    {
      name: 'Keyword auto-replies',
      path: '/replies',
      then: async (p) => {
        await p.getByTestId('tab-auto').click();
        await expect(p.getByText('Prices', { exact: true })).toBeVisible();
      },
    },
    {
      name: 'Opening hours',
      path: '/replies',
      then: async (p) => {
        await p.getByTestId('tab-hours').click();
        await expect(p.getByText('Monday')).toBeVisible();
      },
    },
    { name: 'Media library', path: '/media', ready: (p) => p.getByText('spring-banner.png') },
    {
      name: 'Media file',
      path: '/media',
      ready: (p) => p.getByText('spring-banner.png'),
      then: async (p) => {
        await p.getByRole('button', { name: 'Open spring-banner.png' }).click();
        await expect(p.getByRole('dialog').getByLabel('WhatsApp media id')).toBeVisible();
      },
    },
    { name: 'Phone numbers', path: '/phone-numbers', ready: (p) => p.getByTestId('quality') },
    { name: 'WhatsApp profile', path: `/phone-numbers/${phoneNumberId}/profile` },
    { name: 'Members', path: '/members' },
    { name: 'Roles', path: '/roles' },
    {
      name: 'New role',
      path: '/roles',
      then: async (p) => {
        await p.getByRole('button', { name: 'New role' }).first().click();
        await expect(p.getByRole('dialog', { name: 'New role' })).toBeVisible();
      },
    },
    { name: 'Settings', path: '/settings' },
    { name: 'API tokens', path: '/api-tokens' },
    { name: 'Audit log', path: '/audit' },
    {
      name: 'Change password',
      path: '/change-password',
      ready: (p) => p.getByRole('textbox', { name: 'Current password' }),
    },
  ];
  await signIn(page, app, 'admin', OWNER_PASSWORD);
  await expect(page.getByTestId('user-menu')).toBeVisible();
  const found: string[] = [];
  for (const screen of screens) {
    // The hash router moves without a page load; a network-idle wait would hang on the event stream.
    await page.evaluate((path) => (window.location.hash = `#${path}`), screen.path);
    await expect(page.getByRole('main')).toBeVisible();
    const ready = (screen.ready ?? ((p: Page) => p.getByRole('heading', { level: 1 })))(page).first();
    await expect(ready).toBeVisible();
    await screen.then?.(page);
    // Let Vuetify's transitions end: a half-faded dialog has half the contrast.
    await page.waitForTimeout(600);
    for (const v of await violations(page)) found.push(`${screen.name} (light): ${v}`);
    // The same screen, dialog or drawer still open, in the dark theme; then back for the next one.
    await toggleTheme(page, 'dark');
    for (const v of await violations(page, true)) found.push(`${screen.name} (dark): ${v}`);
    await toggleTheme(page, 'light');
    // After a dialog or drawer, a fresh page for the next screen: nothing left open. Once it has
    // started again (signed in, on this screen), so its start-up routing does not undo the next move.
    if (screen.then) {
      await page.reload();
      await expect(ready).toBeVisible();
    }
  }

  // Signed out: the sign-in screen.
  await page.getByTestId('user-menu').click();
  await page.getByTestId('logout').click();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await page.waitForTimeout(600);
  for (const v of await violations(page)) found.push(`Sign in (light): ${v}`);
  await page.evaluate(() => localStorage.setItem('wapidesk.theme', 'dark'));
  await page.reload();
  await expect(page.locator('.v-application.v-theme--dark')).toBeVisible();
  await page.waitForTimeout(600);
  for (const v of await violations(page, true)) found.push(`Sign in (dark): ${v}`);
  expect(found, 'serious or critical violations').toEqual([]);
});
