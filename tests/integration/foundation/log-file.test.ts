import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'smol-toml';
import { openLogFile } from '../../../electron/core/logging/log-file';
import { rememberSecret } from '../../../electron/core/logging/redact';
import { dispatch } from '../../helpers/dispatch';
import { request, rpc } from '../../helpers/http';
import { signInOwner } from '../../helpers/people';
import { spawnEntry, type Spawned } from '../../helpers/spawn';
import { makeTempDir, makeTestCore, OWNER, testConfigObject, writeSql } from '../../helpers/test-core';

/** Logs a user can send: in the data folder, private, holding the details of errors, never a secret. */

const dirs: string[] = [];
let app: Spawned | null = null;
afterAll(async () => {
  await app?.stop(2000);
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function logText(dataDir: string): string {
  const folder = join(dataDir, 'logs');
  return readdirSync(folder)
    .filter((name) => name.endsWith('.log'))
    .map((name) => readFileSync(join(folder, name), 'utf8'))
    .join('');
}

async function call<T>(port: number, op: string, input: unknown, token: string | null = null): Promise<T> {
  const body = (await rpc(port, op, input, token)).json as { ok: boolean; result?: T; error?: unknown };
  if (!body.ok) throw new Error(`${op}: ${JSON.stringify(body.error)}`);
  return body.result as T;
}

describe('the log file of a headless run', () => {
  it('is private, in the data folder, and holds no password, token or secret the run used', async () => {
    const dataDir = makeTempDir('wapidesk-logs-');
    dirs.push(dataDir);
    const configPath = join(dataDir, 'config.toml');
    writeFileSync(configPath, stringify(testConfigObject()));
    app = spawnEntry('headless.ts', ['--config', configPath, '--data-dir', dataDir]);
    const port = Number((await app.waitForLine(/^ready http:\/\/127\.0\.0\.1:(\d+)/))[1]);
    const publicUrl = new URL((await app.waitForLine(/^public (http:\S+)/))[1]!);
    const sandboxUrl = /WhatsApp sandbox listening on (http:\S+)/.exec(app.stderr())![1]!;
    const sandbox = (await (await fetch(`${sandboxUrl}/_sandbox/info`)).json()) as {
      accessToken: string;
      appSecret: string;
    };

    // A run that uses every kind of secret: passwords, session tokens, an API token (good and
    // forged), WhatsApp's access token (templates are read from it) and app secret (webhooks).
    const first = await call<{ token: string }>(port, 'auth.login', {
      login: OWNER.username,
      password: OWNER.initialPassword,
    });
    await call(
      port,
      'auth.changePassword',
      { currentPassword: OWNER.initialPassword, newPassword: OWNER.password },
      first.token,
    );
    await rpc(port, 'auth.login', { login: OWNER.username, password: 'a-wrong-password-typed' });
    const { token } = await call<{ token: string }>(port, 'auth.login', {
      login: OWNER.username,
      password: OWNER.password,
    });
    const apiToken = await call<{ token: string }>(
      port,
      'tokens.create',
      { name: 'Shop site', permissions: ['lists.read'] },
      token,
    );
    for (const bearer of [apiToken.token, 'wdk_forged0123456789abcdef']) {
      await request({
        port: Number(publicUrl.port),
        path: '/api/v1/lists',
        headers: { authorization: `Bearer ${bearer}` },
      });
    }
    await call(port, 'templates.sync', {}, token);
    await call(port, 'contacts.create', { name: 'Asha Rao', phone: '+91 98765 43210' }, token);
    await app.stop(10_000);
    app = null;

    const folder = join(dataDir, 'logs');
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    const files = readdirSync(folder).filter((name) => name.endsWith('.log'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(statSync(join(folder, file)).mode & 0o777).toBe(0o600);
    const text = logText(dataDir);
    expect(text).toMatch(/data folder/);
    expect(text).toMatch(/stopped/);
    const secrets = {
      initialPassword: OWNER.initialPassword,
      password: OWNER.password,
      wrongPassword: 'a-wrong-password-typed',
      firstSession: first.token,
      session: token,
      apiToken: apiToken.token,
      forgedToken: 'wdk_forged0123456789abcdef',
      accessToken: sandbox.accessToken,
      appSecret: sandbox.appSecret,
    };
    for (const [name, value] of Object.entries(secrets)) expect(text.includes(value), name).toBe(false);
  }, 90_000);
});

describe('errors the UI reports as "details in the log"', () => {
  it('are in the log file with the operation and the cause', async () => {
    const tc = await makeTestCore();
    dirs.push(tc.dataDir);
    const file = await openLogFile(tc.dataDir);
    // The core's logger for this test: the capturing one the helper made, and the file.
    const logged = tc.core.ctx.logger;
    tc.core.ctx.logger = {
      info: (m) => (logged.info(m), file.logger.info(m)),
      warn: (m) => (logged.warn(m), file.logger.warn(m)),
      error: (m, e) => (logged.error(m, e), file.logger.error(m, e)),
    };
    try {
      const token = await signInOwner(tc);
      await writeSql(tc.core, 'DROP TABLE list_members');
      const broken = await dispatch(tc.core, token, 'lists.list', {});
      expect(broken.ok ? 'OK' : broken.error).toEqual({
        code: 'INTERNAL',
        message: 'Something went wrong; the details are in the log',
      });
    } finally {
      await file.close();
      await tc.stop();
    }
    const text = logText(tc.dataDir);
    expect(text).toMatch(/operation lists\.list failed/);
    expect(text).toMatch(/no such table: list_members/);
  });

  it('never carry a secret into the log, even when an error echoes it back', async () => {
    const dataDir = makeTempDir('wapidesk-logs-');
    dirs.push(dataDir);
    const file = await openLogFile(dataDir);
    const accessToken = 'EAAGm0PX4ZCpsBAKZB2secretvalue0123456789';
    const appSecret = '5f2b0c7e9d1a4e6b8c3f';
    rememberSecret(appSecret);
    file.logger.error('Graph refused', new Error(`GET /v25.0/me?access_token=${accessToken} failed`));
    file.logger.warn(`webhook signature computed with ${appSecret} did not match`);
    file.logger.info('Authorization: Bearer wdk_abcdefghijklmnop1234 used');
    await file.close();
    const text = logText(dataDir);
    expect(text).toMatch(/Graph refused/);
    for (const secret of [accessToken, appSecret, 'wdk_abcdefghijklmnop1234'])
      expect(text).not.toContain(secret);
  });
});
