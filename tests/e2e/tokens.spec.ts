import { callFromPage, chooseOwnPassword, expect, INITIAL_PASSWORD, signIn, test } from './headless-app';

// The second test signs in with the password the first one chose.
test.describe.configure({ mode: 'serial' });

test('an API token made in Settings works from outside at once and stops when revoked', async ({
  page,
  app,
}) => {
  await signIn(page, app, 'admin', INITIAL_PASSWORD);
  await chooseOwnPassword(page, INITIAL_PASSWORD, 'owner-pass-3456');

  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('connection-mode')).toHaveText('Sandbox (simulated)');
  await expect(page.getByTestId('tunnel-state')).toHaveText('Off');

  await page.getByTestId('nav-tokens').click();
  // The page says where the API is described, and the description is there.
  await expect(page.getByText('/api/v1/openapi.json')).toBeVisible();
  expect((await fetch(`${app.publicUrl}/api/v1/openapi.json`)).status).toBe(200);
  await page.getByTestId('new-token-button').click();
  await page.getByLabel('Name').fill('Website sign-up form');
  await page.getByTestId('perm-lists.read').getByRole('checkbox').check();
  await page.getByTestId('create-token').click();
  const token = await page.getByTestId('new-token').locator('input').inputValue();
  expect(token).toMatch(/^wdk_/);
  await page.getByTestId('token-done').click();
  await expect(page.getByRole('cell', { name: 'Website sign-up form', exact: true })).toBeVisible();
  // The list shows a prefix only, never the token.
  await expect(page.getByText(token)).toHaveCount(0);

  const lists = await fetch(`${app.publicUrl}/api/v1/lists`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(lists.status).toBe(200);
  const write = await fetch(`${app.publicUrl}/api/v1/lists`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: 'Not allowed' }),
  });
  expect(write.status).toBe(403);

  await page.getByTestId('revoke-Website sign-up form').click();
  await page.getByTestId('confirm').click();
  await expect(page.getByText('Revoked', { exact: true })).toBeVisible();
  const after = await fetch(`${app.publicUrl}/api/v1/lists`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(after.status).toBe(401);
});

test('a token may expire, and a member sees and revokes only the tokens they made', async ({
  page,
  app,
  browser,
}) => {
  // Two people sign in and out; scrypt on a busy machine takes its time.
  test.setTimeout(150_000);
  await signIn(page, app, 'admin', 'owner-pass-3456');
  await page.getByTestId('nav-tokens').click();
  await page.getByTestId('new-token-button').click();
  await page.getByLabel('Name').fill('Order system');
  await page.getByTestId('token-expires').locator('input').fill('2031-06-30');
  await page.getByTestId('perm-lists.read').getByRole('checkbox').check();
  await page.getByTestId('create-token').click();
  await expect(page.getByTestId('new-token-expiry')).toContainText('2031-06-30');
  const token = await page.getByTestId('new-token').locator('input').inputValue();
  await page.getByTestId('token-done').click();
  // The last minute it works, on the day chosen, in the shop's time zone.
  await expect(page.getByTestId('expires-Order system')).toHaveText(
    /^Until (Jun 30, 2031, 11:59 PM|30 Jun 2031, (23:59|11:59 pm))$/,
  );
  const listed = await callFromPage(page, 'tokens.list', {});
  const info = (listed.body as unknown as { result: { name: string; expiresAt: string }[] }).result.find(
    (t) => t.name === 'Order system',
  );
  expect(info?.expiresAt).toBe('2031-06-30T18:30:00.000Z');
  expect(
    (await fetch(`${app.publicUrl}/api/v1/lists`, { headers: { Authorization: `Bearer ${token}` } })).status,
  ).toBe(200);

  // A member who may make tokens, but not manage everyone's.
  const role = await callFromPage(page, 'roles.create', {
    name: 'Integrations',
    permissions: ['tokens.read', 'tokens.write', 'lists.read'],
  });
  const roleId = (role.body as unknown as { result: { id: number } }).result.id;
  const member = await callFromPage(page, 'members.create', {
    username: 'ravi',
    name: 'Ravi Kumar',
    email: 'ravi@example.com',
    password: 'ravi-first-pass-1',
    roleIds: [roleId],
  });
  expect(member.status).toBe(200);

  const ravi = await browser.newPage();
  await signIn(ravi, app, 'ravi', 'ravi-first-pass-1');
  await chooseOwnPassword(ravi, 'ravi-first-pass-1', 'ravi-own-pass-22');
  await ravi.getByTestId('nav-tokens').click();
  await expect(ravi.getByText('You see the tokens you made.')).toBeVisible();
  await expect(ravi.getByText('No API tokens yet')).toBeVisible();
  await ravi.getByTestId('new-token-button').click();
  await ravi.getByLabel('Name').fill('Ravi’s sheet');
  await ravi.getByTestId('perm-lists.read').getByRole('checkbox').check();
  await ravi.getByTestId('create-token').click();
  await ravi.getByTestId('token-done').click();
  await expect(ravi.getByRole('cell', { name: 'Ravi’s sheet', exact: true })).toBeVisible();
  await expect(ravi.getByTestId('expires-Ravi’s sheet')).toHaveText('Does not expire');
  await expect(ravi.getByRole('cell', { name: 'Order system', exact: true })).toHaveCount(0);
  // Even asked directly, the owner's token is not his to revoke.
  const refused = await callFromPage(ravi, 'tokens.revoke', { id: (info as unknown as { id: number }).id });
  expect(refused.body.error?.code).toBe('FORBIDDEN');
  await ravi.getByTestId('revoke-Ravi’s sheet').click();
  await ravi.getByTestId('confirm').click();
  await expect(ravi.getByText('Revoked', { exact: true })).toBeVisible();
  await ravi.close();

  // The owner (every permission, tokens.manage included) sees both.
  await page.reload();
  await expect(page.getByRole('cell', { name: 'Ravi’s sheet', exact: true })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Order system', exact: true })).toBeVisible();
});
