import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../../electron/core/whatsapp/sandbox';
import { spawn, type ChildProcess } from 'node:child_process';
import { REPO_ROOT, childEnv } from '../../helpers/spawn';
import { makeTempDir } from '../../helpers/test-core';
import {
  TEST_SANDBOX,
  acceptedPerRecipient,
  addContacts,
  addList,
  customers,
  helloCampaign,
  startCampaignApp,
} from './campaign-app';

const RECIPIENTS = 150;
const KILLS = 4;

let sandbox: RunningSandbox;
const dataDir = makeTempDir('wapidesk-campaign-crash-');
const children: ChildProcess[] = [];
afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await sandbox?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

interface AppProcess {
  child: ChildProcess;
  exited: Promise<void>;
  waitFor(pattern: RegExp, timeoutMs: number): Promise<void>;
}

/**
 * The app in a child process on the shared data folder. tsx is loaded into node itself (not its
 * CLI, which runs the script in a grandchild that a SIGKILL would leave running).
 */
function spawnApp(): AppProcess {
  const info = sandbox.info;
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'tests/integration/campaigns/crash-child.ts',
      dataDir,
      sandbox.url,
      info.accessToken,
      info.appSecret,
      info.businessAccountId,
      info.apiVersion,
    ],
    {
      cwd: REPO_ROOT,
      env: childEnv({ TSX_TSCONFIG_PATH: 'tsconfig.node.json' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.push(child);
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
  return {
    child,
    exited,
    waitFor: async (pattern, timeoutMs) => {
      const until = Date.now() + timeoutMs;
      while (!out.split('\n').some((line) => pattern.test(line))) {
        if (child.exitCode !== null || Date.now() > until) {
          throw new Error(`no ${pattern} from the app (exit ${child.exitCode}); stderr:\n${err}`);
        }
        await sleep(20);
      }
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('crash safety', () => {
  // Each start compiles the child under tsx: a busy 2-core machine needs minutes, not seconds.
  it('killed at random points and restarted, the app reaches every recipient exactly once', async () => {
    sandbox = await startSandbox(TEST_SANDBOX);
    const waIds = customers(RECIPIENTS, '9197').map((c) => c.waId);

    // Set up in-process with the runner off: the campaign is running with every row queued.
    const setup = await startCampaignApp({ sandbox, dataDir, file: true });
    await setup.core.services.campaigns.stopSending();
    const ids = await addContacts(setup.core, customers(RECIPIENTS, '9197'));
    const campaign = await helloCampaign(setup, [await addList(setup.core, ids)], { messagesPerSecond: 50 });
    await setup.core.services.campaigns.start(setup.owner, campaign.id);
    await setup.stop();

    for (let kill = 0; kill < KILLS; kill += 1) {
      const sentBefore = sandbox.messages().length;
      const child = spawnApp();
      await child.waitFor(/^ready$/, 60_000);
      // Killed while sending: once this run has sent something (a busy machine may take seconds to
      // get going), at a random point after that.
      const deadline = Date.now() + 60_000;
      while (sandbox.messages().length === sentBefore && Date.now() < deadline) await sleep(10);
      await sleep(Math.floor(Math.random() * 400));
      child.child.kill('SIGKILL');
      await child.exited;
    }
    const before = acceptedPerRecipient(sandbox).size;
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThan(RECIPIENTS);

    const last = spawnApp();
    await last.waitFor(/^finished/, 120_000);
    await last.exited;

    // Back in-process: status webhooks that could not reach a dead app arrive now.
    // No quiet period to wait for: app.quiet() below waits until every webhook has arrived.
    const app = await startCampaignApp({
      sandbox,
      dataDir,
      file: true,
      campaigns: { unconfirmedQuietMs: 0 },
    });
    try {
      await app.quiet();
      const accepted = acceptedPerRecipient(sandbox);
      expect([...accepted.values()].filter((n) => n > 1)).toEqual([]);
      const rows = await app.rows(campaign.id);
      expect(rows).toHaveLength(RECIPIENTS);
      expect(
        rows.filter((r) => r.status === 'queued' || r.status === 'sending' || r.status === 'failed'),
      ).toEqual([]);
      for (const row of rows) {
        if (['sent', 'delivered', 'read'].includes(row.status))
          expect(accepted.get(row.recipientWaId)).toBe(1);
      }
      // Unconfirmed and still unconfirmed after every webhook: Meta never got them (else a status
      // webhook would have settled them). Those are listed for the person to decide.
      const unconfirmed = rows.filter((r) => r.status === 'unconfirmed');
      expect(unconfirmed.filter((r) => accepted.has(r.recipientWaId))).toEqual([]);
      const finished = await app.core.services.campaigns.get(campaign.id);
      expect(finished.status).toBe('finished');
      expect(finished.unconfirmed?.count ?? 0).toBe(unconfirmed.length);

      // The person chooses to send those again; then every recipient has exactly one.
      if (unconfirmed.length) {
        await app.core.services.campaigns.resolveUnconfirmed(app.owner, campaign.id, 'resend');
        await app.settled(campaign.id);
      }
      const final = acceptedPerRecipient(sandbox);
      expect(waIds.filter((w) => final.get(w) !== 1)).toEqual([]);
      console.log(
        `crash test: ${KILLS} kills, ${before} sent before the last start, ${unconfirmed.length} unconfirmed left`,
      );
    } finally {
      await app.stop();
    }
  }, 300_000);
});
