import { chooseOwnPassword, expect, INITIAL_PASSWORD, signIn, test } from './headless-app';

/**
 * Settings as a new owner meets it: the tunnel can be chosen (and refuses what cannot work), the
 * webhook panel counts what arrives, including kinds Wapidesk only keeps (a WhatsApp call).
 */
test.describe.configure({ mode: 'serial' });

test('the tunnel is chosen in Settings, and webhooks received are counted by kind', async ({ page, app }) => {
  // Two headless apps may share two cores with other work: the steps are many, not slow.
  test.setTimeout(120_000);
  await signIn(page, app, 'admin', INITIAL_PASSWORD);
  await chooseOwnPassword(page, INITIAL_PASSWORD, 'owner-pass-7890');
  await page.getByTestId('nav-settings').click();

  // A new install: the sandbox delivers to this computer; nothing to register with Meta.
  await expect(page.getByTestId('tunnel-state')).toHaveText('Off');
  await expect(page.getByTestId('callback-card')).toContainText('nothing to register with Meta');
  await expect(page.getByTestId('webhook-fields')).toContainText('No webhook has arrived yet.');
  await expect(page.getByTestId('api-version-warning')).toHaveCount(0);

  // A customer calls, and writes: both arrive as signed webhooks from the sandbox.
  const sandbox = app.sandboxUrl();
  const post = (path: string, body: unknown) =>
    fetch(`${sandbox}/_sandbox${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  expect((await post('/customers/15551234001/calls', { event: 'connect' })).status).toBe(200);
  expect((await post('/customers/15551234001/messages', { type: 'text', text: 'Hello?' })).status).toBe(200);
  // Acknowledged by the app (the sandbox shows each delivered), then the panel shows them.
  await expect
    .poll(
      async () => {
        const log = (await (await fetch(`${sandbox}/_sandbox/webhooks`)).json()) as {
          data: { state: string }[];
        };
        return log.data.map((d) => d.state);
      },
      { timeout: 15_000 },
    )
    .toEqual(['delivered', 'delivered']);
  await page.reload();
  await expect(page.getByTestId('webhook-field-calls')).toContainText('WhatsApp calls');
  await expect(page.getByTestId('webhook-field-calls')).toContainText('kept, not used yet');
  await expect(page.getByTestId('webhook-field-messages')).toContainText('Messages and delivery statuses');
  await expect(page.getByTestId('last-webhook')).not.toContainText('—');

  // A fixed URL needs an address: refused under the field, nothing saved.
  await page.getByTestId('choose-tunnel').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('provider-fixed').getByRole('radio').check();
  await dialog.getByTestId('fixed-url').getByRole('textbox').fill('https://owner:secret@hooks.example');
  await dialog.getByTestId('save-tunnel').click();
  await expect(dialog).toContainText('An https:// address without a user name, password or query');

  // ngrok without a keychain (headless mode here): the authtoken cannot be saved, and the card says what
  // ngrok needs (while down, or beside the tunnel that took over when it kept failing).
  await dialog.getByTestId('provider-ngrok').getByRole('radio').check();
  await expect(dialog.getByTestId('ngrok-authtoken').getByRole('textbox')).toBeDisabled();
  await dialog.getByTestId('ngrok-domain').getByRole('textbox').fill('myshop.ngrok-free.app');
  await dialog.getByTestId('save-tunnel').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('tunnel-card')).toContainText('ngrok needs your authtoken');

  // Chosen here, it survives a reload (kept in the database, not in config.toml).
  await page.reload();
  await expect(page.getByTestId('tunnel-card')).toContainText('chosen here');
  await page.getByTestId('choose-tunnel').click();
  await expect(dialog.getByTestId('provider-ngrok').getByRole('radio')).toBeChecked();
  await expect(dialog.getByTestId('ngrok-domain').getByRole('textbox')).toHaveValue('myshop.ngrok-free.app');
});
