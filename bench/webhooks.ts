/**
 * Webhook ingestion under load: signed status webhooks posted as fast as a small keep-alive pool
 * allows to the app's public listener (a real core on a temp data folder, the real inbox and
 * processor), against a plain Express `express.json()` endpoint that only answers 200 as baseline.
 *
 *   npx tsx --tsconfig tsconfig.node.json bench/webhooks.ts [deliveries] [statusesPerDelivery] [concurrency]
 *
 * Prints status updates per second, p50 / p99 time to answer, their ratio to the baseline, the
 * aims of issue 15 (≥ 0.6× the bare endpoint's rate, p99 ≤ 20 ms, the processor ≤ 1 s behind the
 * last acknowledgement), and how long the processor took to apply the
 * backlog. Bounded: at most DELIVERIES requests and MAX_SECONDS per run. Loopback only. Never part
 * of npm test.
 */
import { rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { Core } from '../electron/core/create-core';
import { MessageEntity } from '../electron/core/db/entities/messaging';
import { startPublicSide } from '../electron/core/entry/start-public-side';
import { silentLogger } from '../electron/core/util/logger';
import { benchCore } from './support';
import { signWebhookBody } from '../electron/core/whatsapp/webhooks';

const DELIVERIES = Number(process.argv[2] ?? 3_000);
/** Meta may batch; each delivery here carries this many `messages` changes of one status each. */
const STATUSES_PER_DELIVERY = Number(process.argv[3] ?? 5);
const CONCURRENCY = Number(process.argv[4] ?? 16);
const MAX_SECONDS = 60;
/** Issue 15: acknowledgements at 60% of a bare endpoint's rate, p99 ≤ 20 ms, the processor ≤ 1 s behind. */
const AIM_RATIO = 0.6;
const AIM_P99_MS = 20;
const AIM_LAG_MS = 1_000;

const APP_SECRET = 'bench-app-secret';
const WABA_ID = '102290129340398';
const PHONE_NUMBER_ID = '106540352242922';
const BASE_TIME = 1_750_030_000;

interface Delivery {
  body: string;
  signature: string;
}

/**
 * Statuses as Meta sends them for a stream of messages: every message gets sent, delivered, read,
 * in that order across deliveries. Bodies and signatures are made before the clock starts: signing
 * is the sender's cost, not ours.
 */
function buildDeliveries(wamids: string[]): Delivery[] {
  const order = ['sent', 'delivered', 'read'] as const;
  const all: { wamid: string; status: (typeof order)[number]; timestamp: number }[] = [];
  for (const [step, status] of order.entries()) {
    for (const [i, wamid] of wamids.entries()) all.push({ wamid, status, timestamp: BASE_TIME + i + step });
  }
  const deliveries: Delivery[] = [];
  for (let i = 0; i < all.length; i += STATUSES_PER_DELIVERY) {
    const changes = all.slice(i, i + STATUSES_PER_DELIVERY).map((s) => ({
      field: 'messages',
      value: {
        messaging_product: 'whatsapp',
        metadata: { display_phone_number: '15550783881', phone_number_id: PHONE_NUMBER_ID },
        statuses: [
          {
            id: s.wamid,
            status: s.status,
            timestamp: String(s.timestamp),
            recipient_id: '919876543210',
            ...(s.status === 'read'
              ? {}
              : { pricing: { billable: true, pricing_model: 'PMP', type: 'regular', category: 'utility' } }),
          },
        ],
      },
    }));
    const body = JSON.stringify({ object: 'whatsapp_business_account', entry: [{ id: WABA_ID, changes }] });
    deliveries.push({ body, signature: signWebhookBody(body, APP_SECRET) });
  }
  return deliveries;
}

/** The outbound messages the statuses are about, as messages.send would have stored them. */
async function seedMessages(core: Core, count: number): Promise<string[]> {
  const wamids = Array.from({ length: count }, (_, i) => `wamid.bench.${i.toString(36).padStart(6, '0')}`);
  const now = new Date();
  await core.ctx.tx.run(async (m) => {
    for (let i = 0; i < count; i += 200) {
      await m.getRepository(MessageEntity).insert(
        wamids.slice(i, i + 200).map((wamid) => ({
          waMessageId: wamid,
          clientRef: null,
          direction: 'out' as const,
          contactId: null,
          conversationId: null,
          phoneNumberId: PHONE_NUMBER_ID,
          recipientWaId: '919876543210',
          type: 'template',
          text: '[template order_update]',
          payload: '{}',
          status: 'sending' as const,
          errorCode: null,
          errorTitle: null,
          errorDetails: null,
          campaignId: null,
          contextWaMessageId: null,
          createdAt: now,
          sentAt: null,
          deliveredAt: null,
          readAt: null,
          failedAt: null,
        })),
      );
    }
  });
  return wamids;
}

interface RunResult {
  sent: number;
  failed: number;
  seconds: number;
  latencies: number[];
  startedAt: number;
}

function post(agent: Agent, port: number, delivery: Delivery): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/webhook',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(delivery.body),
          'x-hub-signature-256': delivery.signature,
          'user-agent': 'facebookexternalua',
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(delivery.body);
  });
}

/** A pool of CONCURRENCY workers over one keep-alive agent, each posting the next delivery in turn. */
async function run(port: number, deliveries: Delivery[]): Promise<RunResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const latencies: number[] = [];
  let next = 0;
  let failed = 0;
  const startedAt = performance.now();
  const deadline = startedAt + MAX_SECONDS * 1000;
  const worker = async () => {
    while (next < deliveries.length && performance.now() < deadline) {
      const delivery = deliveries[next++]!;
      const t = performance.now();
      const status = await post(agent, port, delivery);
      latencies.push(performance.now() - t);
      if (status !== 200) failed++;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - startedAt) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { sent: latencies.length, failed, seconds, latencies, startedAt };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function describe(label: string, r: RunResult) {
  const perSecond = r.sent / r.seconds;
  const p50 = percentile(r.latencies, 50);
  const p99 = percentile(r.latencies, 99);
  console.log(
    `  ${label.padEnd(34)} ${String(r.sent).padStart(6)} deliveries in ${r.seconds.toFixed(2)} s` +
      ` = ${perSecond.toFixed(0).padStart(6)} deliveries/s = ${(perSecond * STATUSES_PER_DELIVERY).toFixed(0).padStart(6)} statuses/s` +
      `   p50 ${p50.toFixed(2)} ms  p99 ${p99.toFixed(2)} ms${r.failed ? `   NOT 200: ${r.failed}` : ''}`,
  );
  return { perSecond, p50, p99 };
}

async function baseline(deliveries: Delivery[]): Promise<RunResult> {
  const app = express();
  app.post('/webhook', express.json({ limit: '3mb' }), (_req, res) => {
    res.status(200).send('EVENT_RECEIVED');
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  try {
    await run(port, deliveries.slice(0, 200)); // warm-up
    return await run(port, deliveries);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

async function main(): Promise<void> {
  const { core, config, dataDir } = await benchCore({
    config: { server: { host: '127.0.0.1', port: 0 } },
    secrets: { WAPIDESK_APP_SECRET: APP_SECRET },
  });
  const side = await startPublicSide(core, config, silentLogger);
  try {
    const messageCount = Math.ceil((DELIVERIES * STATUSES_PER_DELIVERY) / 3);
    const wamids = await seedMessages(core, messageCount);
    const deliveries = buildDeliveries(wamids).slice(0, DELIVERIES);
    const statusCount = deliveries.length * STATUSES_PER_DELIVERY;
    // Statuses for messages that are not ours: the same work to store, ignored when applied.
    const warmUp = buildDeliveries(Array.from({ length: 200 }, (_, i) => `wamid.warm-up.${i}`));
    console.log(
      `webhooks: ${deliveries.length} signed deliveries of ${STATUSES_PER_DELIVERY} statuses each ` +
        `(${statusCount} status updates for ${messageCount} messages), ${CONCURRENCY} keep-alive connections, ` +
        `loopback, Node ${process.version}`,
    );

    const plain = describe('plain express.json() baseline', await baseline(deliveries));

    await run(side.publicServer.port, warmUp);
    await core.webhooks.idle();

    const ours = await run(side.publicServer.port, deliveries);
    const acknowledgedAt = performance.now();
    const app = describe('Wapidesk /webhook (store, then 200)', ours);
    // The processor ran alongside; now let it finish what is left.
    await core.webhooks.idle();
    while ((await core.webhooks.counts()).pending > 0) {
      core.webhooks.wake();
      await core.webhooks.idle();
    }
    const appliedAt = performance.now();
    const applySeconds = (appliedAt - ours.startedAt) / 1000;
    const repo = core.ctx.db.getRepository(MessageEntity);
    const counted = {
      read: await repo.countBy({ status: 'read' }),
      delivered: await repo.countBy({ status: 'delivered' }),
      sent: await repo.countBy({ status: 'sent' }),
    };
    const { failed } = await core.webhooks.counts();

    console.log(
      `  ratio app / baseline: throughput ${(app.perSecond / plain.perSecond).toFixed(2)}×,` +
        ` p50 ${(app.p50 / plain.p50).toFixed(2)}×, p99 ${(app.p99 / plain.p99).toFixed(2)}×`,
    );
    console.log(
      `  processor: every delivery applied ${applySeconds.toFixed(2)} s after the first request ` +
        `(${(statusCount / applySeconds).toFixed(0)} statuses/s end to end); the backlog left when the last 200 ` +
        `went out took ${(appliedAt - acknowledgedAt).toFixed(0)} ms to apply; failed deliveries: ${failed}`,
    );
    console.log(
      `  messages now: ${counted.read} read, ${counted.delivered} delivered, ${counted.sent} sent ` +
        `(of ${messageCount}; the last delivery's statuses decide where each one stands)`,
    );
    const ratio = app.perSecond / plain.perSecond;
    const lagMs = appliedAt - acknowledgedAt;
    const verdict = (met: boolean) => (met ? 'met' : 'NOT met');
    console.log(
      `  aims: ≥ ${AIM_RATIO}× the baseline's rate — ${ratio.toFixed(2)}× ${verdict(ratio >= AIM_RATIO)}; ` +
        `p99 ≤ ${AIM_P99_MS} ms — ${app.p99.toFixed(2)} ms ${verdict(app.p99 <= AIM_P99_MS)}; ` +
        `processor ≤ ${AIM_LAG_MS} ms behind — ${lagMs.toFixed(0)} ms ${verdict(lagMs <= AIM_LAG_MS)}`,
    );
  } finally {
    await side.stop();
    await core.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
