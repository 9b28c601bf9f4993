import {
  callFromPage,
  chooseOwnPassword,
  expect,
  fitsIn,
  INITIAL_PASSWORD,
  signIn,
  test,
} from './headless-app';

test.describe.configure({ mode: 'serial' });

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

interface SandboxInfo {
  accessToken: string;
  registrationCode: string;
  phoneNumbers: { id: string; registered: boolean; twoStepPinSet: boolean }[];
}
async function sandboxInfo(sandboxUrl: string): Promise<SandboxInfo> {
  return (await (await fetch(`${sandboxUrl}/_sandbox/info`)).json()) as SandboxInfo;
}

test('a number is registered through the sandbox’s steps: code by SMS, the code back, a PIN', async ({
  page,
  app,
}) => {
  await signIn(page, app, 'admin', INITIAL_PASSWORD);
  await chooseOwnPassword(page, INITIAL_PASSWORD, 'owner-pass-5150');
  await page.getByRole('link', { name: 'Phone numbers' }).click();

  // Each number's card is named by the number.
  const outlet = page.getByLabel('+1 555 078 3883', { exact: true });
  await expect(outlet.getByText('Not registered yet')).toBeVisible();
  await expect(page.getByText('1 number is in your account but not registered yet.')).toBeVisible();
  // The others say how they stand, in words and colour.
  const shop = page.getByLabel('+1 555 078 3881', { exact: true });
  await expect(shop.getByTestId('quality')).toHaveText('High quality');
  await expect(shop.getByText('250 customers a day')).toBeVisible();

  await outlet.getByRole('button', { name: 'Register this number' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('radio', { name: 'SMS' }).check();
  await dialog.getByRole('button', { name: 'Send the code' }).click();
  await expect(dialog.getByText(/sending a six-digit code to the number by SMS/)).toBeVisible();

  // A wrong code is explained under the field; the right one moves on.
  await dialog.getByLabel('Code').fill('000000');
  await dialog.getByRole('button', { name: 'Verify' }).click();
  await expect(dialog.getByText(/That code is not right or has expired/)).toBeVisible();
  const { registrationCode } = await sandboxInfo(app.sandboxUrl());
  await expect(dialog.getByText(`The code is ${registrationCode}`)).toBeVisible();
  await dialog.getByLabel('Code').fill(registrationCode);
  await dialog.getByRole('button', { name: 'Verify' }).click();

  await dialog.getByLabel('PIN', { exact: true }).fill('246810');
  await dialog.getByLabel('PIN again').fill('246810');
  await dialog.getByRole('button', { name: 'Register' }).click();
  await expect(dialog.getByRole('status')).toHaveText(/on WhatsApp’s Cloud API: it can send and receive/);
  await dialog.getByRole('button', { name: 'Close' }).click();

  await expect(outlet.getByText('On WhatsApp', { exact: true })).toBeVisible();
  const registered = (await sandboxInfo(app.sandboxUrl())).phoneNumbers.find(
    (n) => n.id === '106540352242924',
  );
  expect(registered).toMatchObject({ registered: true, twoStepPinSet: true });
  // It can now be chosen to send from.
  const sendable = await callFromPage(page, 'phoneNumbers.list', {});
  expect(JSON.stringify(sendable.body)).toContain('106540352242924');
});

test('a profile edit round-trips through the sandbox, photo included', async ({ page, app }) => {
  await signIn(page, app, 'admin', 'owner-pass-5150');
  await expect(page.getByRole('link', { name: 'Media' })).toBeVisible();
  await page.getByRole('link', { name: 'Phone numbers' }).click();
  await page
    .getByLabel('+1 555 078 3881', { exact: true })
    .getByRole('link', { name: 'WhatsApp profile' })
    .click();
  await expect(page.getByRole('heading', { name: 'WhatsApp profile' })).toBeVisible();
  const about = page.getByLabel('About');
  await expect(about).toHaveValue('Succulents and more, delivered.');

  // WhatsApp's limit is shown and checked as it is typed.
  await about.fill('x'.repeat(140));
  await expect(page.getByText('At most 139 characters')).toBeVisible();
  await about.fill('Cacti and succulents, delivered the same day.');
  await page.getByLabel('Second website').fill('https://plants.example.org/');
  // A list of twenty-one: typing narrows it.
  await page.getByRole('combobox', { name: 'Business category' }).click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('food');
  await page.getByRole('option', { name: 'Food and grocery' }).click();
  await page.getByRole('button', { name: 'Save at WhatsApp' }).click();
  await expect(page.getByText('Saved at WhatsApp')).toBeVisible();

  // The sandbox keeps it: WhatsApp's own answer, and the page after a reload.
  const info = await sandboxInfo(app.sandboxUrl());
  const profile = (await (
    await fetch(`${app.sandboxUrl()}/v23.0/106540352242922/whatsapp_business_profile`, {
      headers: { authorization: `Bearer ${info.accessToken}` },
    })
  ).json()) as { data: { about: string; websites: string[]; vertical: string }[] };
  expect(profile.data[0]).toMatchObject({
    about: 'Cacti and succulents, delivered the same day.',
    websites: ['https://shop.example.com/', 'https://plants.example.org/'],
    vertical: 'GROCERY',
  });
  await page.reload();
  await expect(page.getByLabel('About')).toHaveValue('Cacti and succulents, delivered the same day.');
  await expect(page.getByLabel('Second website')).toHaveValue('https://plants.example.org/');

  await page
    .getByLabel('Profile photo file')
    .setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: PNG });
  await expect(page.getByText('Profile photo changed')).toBeVisible();
  // Shown from WhatsApp's answer, through the core (the window loads nothing from outside).
  await expect(page.getByRole('img', { name: 'Profile photo' })).toHaveAttribute('src', /^blob:/);
});

test('the two-step PIN of a registered number is set at WhatsApp, after typing it twice alike', async ({
  page,
  app,
}) => {
  await signIn(page, app, 'admin', 'owner-pass-5150');
  await page.getByRole('link', { name: 'Phone numbers' }).click();
  const shop = page.getByLabel('+1 555 078 3881', { exact: true });
  const pinOf = async () =>
    (await sandboxInfo(app.sandboxUrl())).phoneNumbers.find((n) => n.id === '106540352242922')?.twoStepPinSet;
  expect(await pinOf()).toBe(false);

  await shop.getByRole('button', { name: 'Two-step PIN' }).click();
  const dialog = page.getByRole('dialog').filter({ hasText: 'Two-step verification PIN' });
  await dialog.getByLabel('New PIN', { exact: true }).fill('135790');
  await dialog.getByLabel('New PIN again').fill('135791');
  await dialog.getByRole('button', { name: 'Save PIN' }).click();
  await expect(dialog.getByText('The two PINs differ')).toBeVisible();
  expect(await pinOf()).toBe(false);

  await dialog.getByLabel('New PIN again').fill('135790');
  await dialog.getByRole('button', { name: 'Save PIN' }).click();
  await expect(page.getByText('Two-step verification PIN saved at WhatsApp')).toBeVisible();
  await expect(dialog).toBeHidden();
  expect(await pinOf()).toBe(true);
});

test('on a 1024-pixel window each number shows its state and its buttons whole', async ({ page, app }) => {
  await page.setViewportSize({ width: 1024, height: 800 });
  await signIn(page, app, 'admin', 'owner-pass-5150');
  await page.getByRole('link', { name: 'Phone numbers' }).click();
  const shop = page.getByLabel('+1 555 078 3881', { exact: true });
  await expect(shop.getByRole('button', { name: 'Two-step PIN' })).toBeVisible();
  await expect(fitsIn(shop.getByRole('button', { name: 'Two-step PIN' }), shop)).resolves.toBe(true);
  const support = page.getByLabel('+1 555 078 3882', { exact: true });
  await expect(fitsIn(support.getByRole('button', { name: 'Two-step PIN' }), support)).resolves.toBe(true);
  await expect(fitsIn(support.getByText('On WhatsApp'), support)).resolves.toBe(true);
});
