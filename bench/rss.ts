/**
 * The app's memory through a big campaign, measured as a user runs it: the built headless bundle
 * (`out/main/headless.js`, what `npm start` runs without Electron; build it first with
 * `npm run build`) in cloud mode against the sandbox in its own process (bench/sandbox-child.ts, as
 * Meta is another machine). Signs in over the UI bridge, imports the contacts from a CSV, starts a
 * campaign to all of them and samples the app process's RSS from /proc until it finishes.
 *
 *   npx tsx --tsconfig tsconfig.node.json bench/rss.ts [recipients]
 *
 * Prints RSS when ready, after the import, when the campaign starts, its peak and at each quarter of
 * the campaign (flat is the aim), beside issue 15's aim: ≤ 250 MB for the app alone. Linux only
 * (/proc). Never part of npm test. `BENCH_NODE_FLAGS="--max-old-space-size=100"` starts the app with
 * those Node flags (to tell a leak from a heap V8 lets grow).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';

const RECIPIENTS = Number(process.argv[2] ?? 100_000);
const AIM_MB = 250;
const PASSWORD = 'bench-password-2026';

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

/** Starts a process and resolves with the first line of its output that `pattern` matches. */
function startAndWait(
  command: string,
  args: string[],
  pattern: RegExp,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ child: ChildProcess; match: RegExpExecArray }> {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`${args.join(' ')} did not start:\n${err}`)), 120_000);
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = pattern.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ child, match });
      }
    });
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}:\n${err}`)));
  });
}

function raiseThroughput(file: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, (error) => {
      if (error) return reject(error);
      db.configure('busyTimeout', 5000);
      db.run('UPDATE phone_numbers SET throughput_mps = 100000', (runError) =>
        db.close(() => (runError ? reject(runError) : resolve())),
      );
    });
  });
}

function csv(rows: number): string {
  const lines = ['name,phone'];
  for (let i = 0; i < rows; i++) lines.push(`Customer ${i},+91${9000000001 + i * 10}`);
  return `${lines.join('\n')}\n`;
}

async function main(): Promise<void> {
  const sandbox = await startAndWait(
    'node_modules/.bin/tsx',
    ['--tsconfig', 'tsconfig.node.json', 'bench/sandbox-child.ts'],
    /^(\{.*\})$/m,
  );
  const { url: sandboxUrl, info } = JSON.parse(sandbox.match[1]!) as {
    url: string;
    info: { accessToken: string; appSecret: string; businessAccountId: string; apiVersion: string };
  };
  const dataDir = mkdtempSync(join(tmpdir(), 'wapidesk-rss-'));
  const config = readFileSync('config.toml', 'utf8')
    .replace(/^mode = "sandbox"$/m, 'mode = "cloud"')
    .replace(/^graph_base_url = .*$/m, `graph_base_url = "${sandboxUrl}"`)
    .replace(/^api_version = .*$/m, `api_version = "${info.apiVersion}"`)
    .replace(/^business_account_id = ""$/m, `business_account_id = "${info.businessAccountId}"`)
    .replace(/^port = 8787$/m, 'port = 0');
  writeFileSync(join(dataDir, 'config.toml'), config);
  let app: ChildProcess | null = null;
  try {
    const started = await startAndWait(
      process.execPath,
      [
        ...(process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean),
        'out/main/headless.js',
        '--config',
        join(dataDir, 'config.toml'),
        '--data-dir',
        dataDir,
      ],
      /^ready (http:\S+)$/m,
      {
        ...process.env,
        WAPIDESK_ACCESS_TOKEN: info.accessToken,
        WAPIDESK_APP_SECRET: info.appSecret,
        DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/wapidesk-bench-bus',
      },
    );
    app = started.child;
    const pid = app.pid!;
    const base = started.match[1]!;
    let token = '';
    const call = async <T>(operation: string, input: unknown): Promise<T> => {
      const response = await fetch(`${base}/bridge/rpc/${operation}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify(input),
      });
      const body = (await response.json()) as { ok: boolean; result: T; error?: unknown };
      if (!body.ok) throw new Error(`${operation}: ${JSON.stringify(body.error)}`);
      return body.result;
    };
    const marks: [string, number][] = [['ready', rssMb(pid)]];
    token = (await call<{ token: string }>('auth.login', { login: 'admin', password: 'change-me-now' }))
      .token;
    await call('auth.changePassword', { currentPassword: 'change-me-now', newPassword: PASSWORD });
    await call('templates.sync', {});
    const templates = await call<{ id: string; name: string }[]>('templates.list', {});
    const numbers = await call<{ id: string }[]>('phoneNumbers.list', {});
    const list = await call<{ id: number }>('lists.create', { name: 'Everyone' });
    const importStarted = performance.now();
    await call('contacts.importRun', {
      importId: 'bench',
      contentBase64: Buffer.from(csv(RECIPIENTS)).toString('base64'),
      mapping: ['name', 'phone'],
      listIds: [list.id],
      tags: [],
    });
    const importSeconds = (performance.now() - importStarted) / 1000;
    marks.push(['after importing', rssMb(pid)]);
    const campaign = await call<{ id: number }>('campaigns.create', {
      name: 'Everyone, hello',
      phoneNumberId: numbers[0]!.id,
      templateId: templates.find((t) => t.name === 'hello_world')!.id,
      listIds: [list.id],
    });
    // The number's throughput out of the way, as bench/campaign.ts does: the aim is memory, not
    // pace. Written from this process as the CLI would (SQLite lets a second process write).
    await raiseThroughput(join(dataDir, 'wapidesk.sqlite'));
    marks.push(['campaign starting', rssMb(pid)]);
    await call('campaigns.start', { id: campaign.id });
    const campaignStarted = performance.now();
    let peak = 0;
    const quarters: number[] = [];
    for (;;) {
      const now = await call<{ status: string; figures: { sent: number; failed: number } }>(
        'campaigns.analytics',
        { id: campaign.id },
      );
      const rss = rssMb(pid);
      peak = Math.max(peak, rss);
      const done = now.figures.sent + now.figures.failed;
      while (quarters.length < 4 && done >= ((quarters.length + 1) * RECIPIENTS) / 4) quarters.push(rss);
      if (now.status === 'finished' || now.status === 'paused' || now.status === 'failed') break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const campaignSeconds = (performance.now() - campaignStarted) / 1000;
    console.log(
      `rss: ${RECIPIENTS.toLocaleString('en')} contacts imported in ${importSeconds.toFixed(1)} s, ` +
        `campaign sent in ${campaignSeconds.toFixed(1)} s; the built bundle, sandbox in its own process`,
    );
    for (const [label, mb] of marks) console.log(`  ${label.padEnd(20)} ${mb.toFixed(0).padStart(5)} MB`);
    console.log(
      `  campaign quarters    ${quarters.map((mb) => `${mb.toFixed(0)} MB`).join(' → ')} (flat is the aim)`,
    );
    console.log(
      `  campaign peak        ${peak.toFixed(0).padStart(5)} MB   aim ≤ ${AIM_MB} MB: ${peak <= AIM_MB ? 'met' : 'NOT met'}`,
    );
  } finally {
    app?.kill('SIGTERM');
    sandbox.child.kill('SIGTERM');
    if (app) await new Promise((resolve) => app!.once('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
