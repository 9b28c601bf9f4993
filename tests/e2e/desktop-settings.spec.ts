import { chooseOwnPassword, expect, INITIAL_PASSWORD, signIn, test } from './headless-app';

test('headless mode has no desktop settings: the "This computer" card is absent, not a placeholder', async ({
  page,
  app,
}) => {
  await signIn(page, app, 'admin', INITIAL_PASSWORD);
  await chooseOwnPassword(page, INITIAL_PASSWORD, 'owner-pass-7788');
  const asked = page.waitForResponse((response) =>
    response.url().endsWith('/bridge/rpc/desktop.preferences'),
  );
  await page.getByTestId('nav-settings').click();
  const answer = await (await asked).json();
  expect(answer).toEqual({ ok: true, result: null });
  await expect(page.getByTestId('tunnel-card')).toBeVisible();
  await expect(page.getByTestId('desktop-card')).toHaveCount(0);
  await expect(page.getByText('This computer', { exact: true })).toHaveCount(0);
});
