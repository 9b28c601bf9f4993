/**
 * The campaign runner at full speed: a campaign of N recipients (100,000 by default) against the
 * in-process sandbox with its limits off, beside a baseline of bare `client.messages.send` calls
 * with the runner's concurrency to the same sandbox from the same process.
 *
 *   npx tsx --tsconfig tsconfig.node.json bench/campaign.ts [recipients] [--sandbox=process]
 *
 * With `--sandbox=process` the sandbox runs in its own process (bench/sandbox-child.ts) and RSS is the
 * app's alone. Prints messages a second for both, their ratio and peak RSS. Aims: >= 1,000 msg/s and >= 70% of
 * the bare rate. Never part of npm test. The number's throughput is raised in the database so the
 * limiter does not cap the run: this measures what the pipeline itself costs (rows marked before
 * each request, outcomes recorded, the tier window), not Meta's pace.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'smol-toml';
import { ALL_PERMISSIONS } from '@shared/permissions';
import type { Actor } from '../electron/core/auth/actor';
import { loadConfig } from '../electron/core/config/load-config';
import { spawn, type ChildProcess } from 'node:child_process';
import { sandboxSecretBackend } from '../electron/core/connection/static-secret-backend';
import { connectWhatsApp, type WhatsAppConnection } from '../electron/core/connection/whatsapp-connection';
import { sqlDate } from '../electron/core/db/sql';
import { createCore } from '../electron/core/create-core';
import { TemplateEntity } from '../electron/core/db/entities/messaging';
import { UserEntity } from '../electron/core/db/entities/user';
import { SecretStore } from '../electron/core/secrets/secret-store';
import { WhatsAppClient } from '../electron/core/whatsapp/client';
import type { SandboxInfo } from '../electron/core/whatsapp/sandbox';
import { silentLogger } from '../electron/core/util/logger';
import { keepHeapGrowthModest } from '../electron/core/entry/heap-growth';

// As the app's entries do first: the figures are those of the process a user runs.
keepHeapGrowthModest();

const args = process.argv.slice(2);
/** `--sandbox=process`: the sandbox in a child process, so RSS and CPU are the app's alone. */
const SANDBOX_IN_PROCESS = !args.includes('--sandbox=process');
const RECIPIENTS = Number(args.find((a) => /^\d+$/.test(a)) ?? 100_000);
const BASELINE = Math.min(RECIPIENTS, 20_000);
const CONCURRENCY = 256;
const PHONE = '106540352242922';

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);

const dataDir = mkdtempSync(join(tmpdir(), 'wapidesk-bench-campaign-'));
const configPath = join(dataDir, 'config.toml');
const { writeFileSync } = await import('node:fs');
writeFileSync(
  configPath,
  stringify({
    organization: { name: 'Bench', default_country: 'IN', time_zone: 'UTC' },
    super_admin: {
      username: 'owner',
      name: 'Owner',
      email: 'o@b.test',
      phone: '',
      initial_password: 'bench-pass-1',
    },
    whatsapp: { mode: 'sandbox' },
    server: { host: '127.0.0.1', port: 0, ui_port: 0 },
    database: { type: 'sqlite', file: 'bench.db' },
    features: {},
  }),
);
const config = loadConfig(configPath);
/** The sandbox started by bench/sandbox-child.ts, reached like Meta in cloud mode. */
let sandboxChildUrl = '';
const sandboxChild: { process: ChildProcess | null } = { process: null };
const sandboxOptions = {
  limits: false,
  messagingLimitTier: 'TIER_UNLIMITED',
  callbackUrl: null,
  customerReplies: { probability: 0 },
  statuses: { sentDelayMs: 1, deliveredProbability: 0, readProbability: 0 },
} as const;
const connection: WhatsAppConnection = SANDBOX_IN_PROCESS
  ? await connectWhatsApp({
      config,
      secrets: new SecretStore(null, {}),
      logger: silentLogger,
      sandbox: sandboxOptions,
    })
  : await sandboxProcess();
const sandboxUrl = connection.sandbox?.url ?? sandboxChildUrl;

/** The sandbox started by bench/sandbox-child.ts, reached like Meta in cloud mode. */
async function sandboxProcess(): Promise<WhatsAppConnection> {
  const child = spawn(
    'node_modules/.bin/tsx',
    ['--tsconfig', 'tsconfig.node.json', 'bench/sandbox-child.ts'],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  sandboxChild.process = child;
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(out.slice(0, out.indexOf('\n')));
    });
    child.once('exit', (code) => reject(new Error(`the sandbox process exited with ${code}`)));
  });
  const { url, info } = JSON.parse(line) as { url: string; info: SandboxInfo };
  sandboxChildUrl = url;
  const secrets = new SecretStore(
    sandboxSecretBackend(
      { access_token: info.accessToken, app_secret: info.appSecret, verify_token: 'bench' },
      new SecretStore(null, {}),
    ),
    {},
  );
  const client = new WhatsAppClient({
    baseUrl: url,
    apiVersion: info.apiVersion,
    getAccessToken: () => secrets.get('access_token'),
  });
  return {
    mode: 'cloud',
    client,
    businessAccountId: info.businessAccountId,
    appId: info.appId,
    secrets,
    sandbox: null,
    setWebhookUrl: () => undefined,
    close: async () => client.close(),
  };
}
const core = await createCore({
  config,
  dataDir,
  secrets: connection.secrets,
  logger: silentLogger,
  whatsapp: connection,
});
const owner: Actor = {
  user: await core.ctx.db.getRepository(UserEntity).findOneByOrFail({ kind: 'super_admin' }),
  sessionId: null,
  permissions: new Set(ALL_PERMISSIONS),
};

// Baselines: bare sends, same process, same sandbox, the runner's concurrency: first with `fetch`
// (what the client used before), then with the client's own keep-alive node:http transport (the
// fastest measured, and the ceiling the campaign is compared with).
async function bareSends(sender: WhatsAppClient, count: number): Promise<{ rate: number; cpuUs: number }> {
  let next = 0;
  const cpu = process.cpuUsage();
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) {
        const i = next++;
        await sender.messages.send(PHONE, `+92${3000000000 + i}`, {
          type: 'template',
          template: { name: 'hello_world', language: { code: 'en_US' } },
        });
      }
    }),
  );
  const used = process.cpuUsage(cpu);
  return {
    rate: count / ((performance.now() - start) / 1000),
    cpuUs: (used.user + used.system) / count,
  };
}
const fetchClient = new WhatsAppClient({
  baseUrl: sandboxUrl,
  apiVersion: config.whatsapp.api_version,
  getAccessToken: () => connection.secrets.get('access_token'),
  fetch,
});
// fetch gets a quarter of the sends: on a busy machine 20,000 of them outlast its 30 s timeout.
const bareFetch = await bareSends(fetchClient, Math.ceil(BASELINE / 4));
const bare = await bareSends(connection.client, BASELINE);
const bareRate = bare.rate;

// The campaign: contacts, one list, hello_world; the number's throughput out of the way.
await core.services.templates.sync();
const now = sqlDate(new Date());
await core.ctx.tx.run(async (m) => {
  for (let start = 0; start < RECIPIENTS; start += 2_000) {
    const n = Math.min(2_000, RECIPIENTS - start);
    const values: unknown[] = [];
    for (let i = start; i < start + n; i++) {
      values.push(
        `Customer ${i}`,
        `customer ${i}`,
        `+91${9000000001 + i * 10}`,
        `91${9000000001 + i * 10}`,
        now,
        now,
      );
    }
    await m.query(
      `INSERT INTO contacts (name, name_key, phone, wa_id, status, opted_out, search_doc, created_at, updated_at)
       VALUES ${new Array(n).fill("(?, ?, ?, ?, 'active', 0, '', ?, ?)").join(', ')}`,
      values,
    );
  }
  await m.query(
    `INSERT INTO lists (name, description, tags, created_at, updated_at) VALUES ('All', '', '[]', ?, ?)`,
    [now, now],
  );
  await m.query(
    `INSERT INTO list_members (list_id, contact_id, subscribed, subscribed_at) SELECT 1, id, 1, ? FROM contacts`,
    [now],
  );
});
const template = await core.ctx.db.getRepository(TemplateEntity).findOneByOrFail({ name: 'hello_world' });
const campaign = await core.services.campaigns.create(owner, {
  name: 'Bench',
  phoneNumberId: PHONE,
  templateId: template.id,
  listIds: [1],
  variables: [],
  mediaHeader: null,
  optOutKeywords: ['STOP'],
  messagesPerSecond: null,
});
await core.ctx.tx.run((m) => m.query('UPDATE phone_numbers SET throughput_mps = 100000'));
await core.services.campaigns.startSending();
const rssBefore = process.memoryUsage().rss;
const fixStart = performance.now();
await core.services.campaigns.start(owner, campaign.id);
const fixMs = performance.now() - fixStart;
const runStart = performance.now();
const runCpu = process.cpuUsage();
for (;;) {
  const dto = await core.services.campaigns.get(campaign.id);
  if (dto.status !== 'running') break;
  await new Promise((r) => setTimeout(r, 200));
}
await core.services.campaigns.runner.idle(campaign.id);
const runSeconds = (performance.now() - runStart) / 1000;
const stats = core.services.campaigns.runner.stats;
const runRate = stats.sent / runSeconds;
const runCpuUsed = process.cpuUsage(runCpu);
// The sandbox answers in this process, so every figure includes its share of the CPU.
const runCpuUs = (runCpuUsed.user + runCpuUsed.system) / Math.max(1, stats.sent);
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);

console.log(`recipients:         ${RECIPIENTS.toLocaleString('en')} (fixed in ${fixMs.toFixed(0)} ms)`);
console.log(
  `campaign:           ${runRate.toFixed(0)} msg/s (${stats.sent} sent, ${stats.failed} failed, ${runSeconds.toFixed(1)} s)`,
);
console.log(
  `bare sends (http):  ${bareRate.toFixed(0)} msg/s, ${bare.cpuUs.toFixed(0)} µs CPU each (${BASELINE} sends, concurrency ${CONCURRENCY}, keep-alive node:http: the ceiling)`,
);
console.log(
  `bare sends (fetch): ${bareFetch.rate.toFixed(0)} msg/s, ${bareFetch.cpuUs.toFixed(0)} µs CPU each (the client before keep-alive node:http)`,
);
console.log(
  `campaign CPU:       ${runCpuUs.toFixed(0)} µs a message (${SANDBOX_IN_PROCESS ? 'sandbox included' : 'the app alone'})`,
);
console.log(`ratio:              ${((runRate / bareRate) * 100).toFixed(0)}% (aim >= 90%, issue 15)`);
console.log(
  `peak RSS:           ${(peakRss / 1024 / 1024).toFixed(0)} MB (` +
    `${(rssBefore / 1024 / 1024).toFixed(0)} MB when the campaign started; ` +
    (SANDBOX_IN_PROCESS
      ? 'app and sandbox in one process, the sandbox keeps its last 100,000 messages)'
      : 'the app alone, the sandbox in its own process; aim <= 250 MB)'),
);
console.log(
  `aims (issue 15):    >= 3,000 msg/s ${runRate >= 3000 ? 'met' : 'NOT met'}; >= 90% of bare ${runRate / bareRate >= 0.9 ? 'met' : 'NOT met'}`,
);

await core.close();
sandboxChild.process?.kill();
rmSync(dataDir, { recursive: true, force: true });
process.exit(0);
