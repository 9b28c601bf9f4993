/**
 * The headless entry and the CLI as separate processes, started the way `npm run serve` and
 * `npm run cli` start them (tsx), against temp configs with ports 0.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { stringify } from 'smol-toml';
import { MovableClock } from '../../helpers/clock';
import { fail, ok } from '../../helpers/dispatch';
import { EventStream, request, rpc } from '../../helpers/http';
import { signIn } from '../../helpers/people';
import { spawnEntry, type Spawned } from '../../helpers/spawn';
import { makeTempDir, makeTestCore, OWNER, testConfigObject, writeTestConfig } from '../../helpers/test-core';

// Every test here starts the app or the CLI under tsx in a child process: on a busy 2-core machine
// that takes far more than vitest's default 20 s.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const dirs: string[] = [];
const processes: Spawned[] = [];

function tempDir(): string {
  const dir = makeTempDir('wapidesk-headless-');
  dirs.push(dir);
  return dir;
}

/** A folder with an index.html, so headless mode has a UI to serve and says nothing about building one. */
function rendererDir(): string {
  const dir = join(tempDir(), 'renderer');
  mkdirSync(dir);
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Wapidesk test UI</title>');
  return dir;
}

function start(script: string, args: string[]): Spawned {
  const spawned = spawnEntry(script, args);
  processes.push(spawned);
  return spawned;
}

afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop()));
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

interface Headless {
  server: Spawned;
  publicPort: number;
  bridgePort: number;
  dataDir: string;
}

/** Starts headless mode on a fresh data folder and waits for both of its lines. */
async function startHeadless(): Promise<Headless> {
  const root = tempDir();
  const dataDir = join(root, 'data');
  const configPath = join(root, 'shop.toml');
  writeFileSync(configPath, stringify(testConfigObject({ databaseFile: 'wapidesk.sqlite' })));
  const server = start('headless.ts', [
    '--config',
    configPath,
    '--data-dir',
    dataDir,
    '--renderer-dir',
    rendererDir(),
  ]);
  const publicPort = Number((await server.waitForLine(/^public http:\/\/127\.0\.0\.1:(\d+)$/))[1]);
  const bridgePort = Number((await server.waitForLine(/^ready http:\/\/127\.0\.0\.1:(\d+)$/))[1]);
  return { server, publicPort, bridgePort, dataDir };
}

function tokenIn(response: { json: unknown }): string {
  const token = (response.json as { result?: { token?: string } }).result?.token;
  if (!token) throw new Error(`no token in ${JSON.stringify(response.json)}`);
  return token;
}

// Two servers, started side by side: one for the plain checks, one for the event-stream scenario.
let plain: Headless;
let withStreams: Headless;
beforeAll(async () => {
  [plain, withStreams] = await Promise.all([startHeadless(), startHeadless()]);
});

describe('headless mode', () => {
  it('prints the public line, then the ready line, and nothing else on stdout', () => {
    const { server, publicPort, bridgePort } = plain;
    const lines = server.stdout().trim().split('\n');
    expect(lines).toEqual([`public http://127.0.0.1:${publicPort}`, `ready http://127.0.0.1:${bridgePort}`]);
    expect(publicPort).toBeGreaterThan(0);
    expect(bridgePort).toBeGreaterThan(0);
    expect(publicPort).not.toBe(bridgePort);
  });

  it('answers /health, serves the UI and signs the super admin in with the initial password', async () => {
    const { publicPort, bridgePort, dataDir } = plain;
    const health = await request({ port: publicPort, path: '/health' });
    expect(health.json).toMatchObject({ status: 'ok', instance: expect.any(String) });
    expect(health.text).not.toContain('Test Shop');
    const page = await request({ port: bridgePort, path: '/' });
    expect(page.status).toBe(200);
    expect(page.text).toContain('Wapidesk test UI');
    const login = await rpc(bridgePort, 'auth.login', {
      login: OWNER.email,
      password: OWNER.initialPassword,
    });
    expect(login.status).toBe(200);
    expect(login.json).toMatchObject({
      ok: true,
      result: { session: { user: { mustChangePassword: true } } },
    });
    expect(existsSync(join(dataDir, 'wapidesk.sqlite'))).toBe(true);
  });

  it('stops cleanly on SIGTERM', async () => {
    expect(await plain.server.stop()).toBe(0);
  });

  it('keeps running when a member whose window is open is disabled', async () => {
    const { server, publicPort, bridgePort } = withStreams;
    const owner = tokenIn(
      await rpc(bridgePort, 'auth.login', { login: OWNER.username, password: OWNER.initialPassword }),
    );
    await rpc(
      bridgePort,
      'auth.changePassword',
      { currentPassword: OWNER.initialPassword, newPassword: OWNER.password },
      owner,
    );
    const created = await rpc(
      bridgePort,
      'members.create',
      { username: 'clerk', name: 'Clerk', email: 'clerk@shop.test', password: 'clerk-first-pw' },
      owner,
    );
    const clerkId = (created.json as { result: { id: number } }).result.id;
    const clerk = tokenIn(
      await rpc(bridgePort, 'auth.login', { login: 'clerk', password: 'clerk-first-pw' }),
    );
    const stream = await EventStream.open(bridgePort, '/bridge/events', clerk);
    try {
      expect(stream.status).toBe(200);
      const disabled = await rpc(bridgePort, 'members.update', { id: clerkId, disabled: true }, owner).catch(
        (error: Error) => ({ status: `request failed: ${error.message}` }),
      );
      // Give a crash the moment it needs, then check the server is still there.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const died = `the headless process died; its stderr:\n${server.stderr()}`;
      expect(server.child.exitCode, died).toBeNull();
      expect(disabled.status, died).toBe(200);
      expect(JSON.parse((await stream.next('session.ended')).data)).toEqual({ reason: 'disabled' });
      await stream.waitForEnd();
      expect((await request({ port: publicPort, path: '/health' })).status).toBe(200);
      expect((await rpc(bridgePort, 'system.info', {})).status).toBe(200);
    } finally {
      stream.close();
    }
  });
});

describe('headless mode with a bad config', () => {
  async function runWith(edit: (config: Record<string, Record<string, unknown>>) => void) {
    const root = tempDir();
    const dataDir = join(root, 'data');
    const configPath = join(root, 'config.toml');
    const config = testConfigObject({ databaseFile: 'wapidesk.sqlite' });
    edit(config);
    writeFileSync(configPath, stringify(config));
    const run = start('headless.ts', [
      '--config',
      configPath,
      '--data-dir',
      dataDir,
      '--renderer-dir',
      rendererDir(),
    ]);
    const code = await run.exited;
    return { code, stdout: run.stdout(), stderr: run.stderr(), dataDir, configPath };
  }

  it('prints only the config problem when the renderer is not built either', async () => {
    const root = tempDir();
    const configPath = join(root, 'config.toml');
    const config = testConfigObject({ databaseFile: 'wapidesk.sqlite' });
    config.server!.port = 70000;
    writeFileSync(configPath, stringify(config));
    const run = start('headless.ts', [
      '--config',
      configPath,
      '--data-dir',
      join(root, 'data'),
      '--renderer-dir',
      join(root, 'no-renderer'),
    ]);
    expect(await run.exited).toBe(1);
    expect(run.stderr().trimEnd().split('\n')).toHaveLength(1);
  });

  it('exits 1 with one line naming the key, and touches nothing', async () => {
    const [badPort, secret] = await Promise.all([
      runWith((c) => (c.server!.port = 70000)),
      runWith((c) => (c.whatsapp!.access_token = 'EAAG-leaked-token-value')),
    ]);
    for (const run of [badPort, secret]) {
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      const lines = run.stderr.trimEnd().split('\n');
      expect(lines, run.stderr).toHaveLength(1);
      expect(lines[0]!.startsWith(`wapidesk: ${run.configPath}: `)).toBe(true);
      // Nothing is half-applied: no database, no folder even.
      expect(existsSync(run.dataDir) ? readdirSync(run.dataDir) : []).toEqual([]);
    }
    expect(badPort.stderr).toContain('[server] port');
    expect(secret.stderr).toContain('[whatsapp] access_token');
    expect(secret.stderr).not.toContain('EAAG-leaked-token-value');
  });
});

describe('cli user reset-password', () => {
  it('prints a new password that signs in once with mustChangePassword, ends sessions and lifts a lockout', async () => {
    const dataDir = tempDir();
    const clock = new MovableClock(Date.now());
    const before = await makeTestCore({ dataDir, databaseFile: 'wapidesk.sqlite', clock });
    const session = await signIn(before.core, OWNER.username, OWNER.initialPassword);
    for (let i = 1; i <= 5; i++) {
      await fail(before.core, null, 'auth.login', { login: OWNER.username, password: `forgotten-${i}` });
    }
    expect(
      (
        await fail(before.core, null, 'auth.login', {
          login: OWNER.username,
          password: OWNER.initialPassword,
        })
      ).code,
    ).toBe('RATE_LIMITED');
    await before.stop();

    const configPath = join(dataDir, 'config.toml');
    const cli = start('cli.ts', [
      'user',
      'reset-password',
      OWNER.username,
      '--config',
      configPath,
      '--data-dir',
      dataDir,
    ]);
    expect(await cli.exited, cli.stderr()).toBe(0);
    const printed = cli.stdout().match(/^New password for owner: (\S+)$/m);
    expect(printed, cli.stdout()).not.toBeNull();
    const newPassword = printed![1]!;
    expect(newPassword.length).toBeGreaterThanOrEqual(12);
    expect(newPassword).not.toBe(OWNER.initialPassword);

    const after = await makeTestCore({
      dataDir,
      databaseFile: 'wapidesk.sqlite',
      clock: new MovableClock(Date.now()),
    });
    try {
      expect((await fail(after.core, session.token, 'auth.session', {})).code).toBe('UNAUTHENTICATED');
      expect(
        (
          await fail(after.core, null, 'auth.login', {
            login: OWNER.username,
            password: OWNER.initialPassword,
          })
        ).code,
      ).toBe('UNAUTHENTICATED');
      const login = await ok(after.core, null, 'auth.login', {
        login: OWNER.username,
        password: newPassword,
      });
      expect(login.session.user.mustChangePassword).toBe(true);
      const audit = (await after.core.ctx.db.query('SELECT action, details FROM audit_log')) as {
        action: string;
        details: string;
      }[];
      expect(audit.map((a) => a.action)).toContain('user.password_reset_cli');
      expect(JSON.stringify(audit)).not.toContain(newPassword);
    } finally {
      await after.stop();
    }
  });

  it('refuses an unknown user and a wrong command', async () => {
    const dataDir = tempDir();
    const configPath = writeTestConfig(dataDir, { databaseFile: 'wapidesk.sqlite' });
    const unknown = start('cli.ts', [
      'user',
      'reset-password',
      'ghost',
      '--config',
      configPath,
      '--data-dir',
      dataDir,
    ]);
    const usage = start('cli.ts', [
      'user',
      'delete-everything',
      '--config',
      configPath,
      '--data-dir',
      dataDir,
    ]);
    const [unknownCode, usageCode] = await Promise.all([unknown.exited, usage.exited]);
    expect(unknownCode).toBe(1);
    expect(unknown.stderr()).toMatch(/ghost/);
    expect(unknown.stdout()).not.toMatch(/New password/);
    expect(usageCode).toBe(2);
    expect(usage.stderr()).toMatch(/usage: .*reset-password/);
  });
});
