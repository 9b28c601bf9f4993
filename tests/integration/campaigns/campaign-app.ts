import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { ALL_PERMISSIONS } from '@shared/permissions';
import type { CampaignDto } from '@shared/types/campaigns';
import type { Actor } from '../../../electron/core/auth/actor';
import type { CampaignServiceOptions } from '../../../electron/core/campaigns/campaign-service';
import { loadConfig } from '../../../electron/core/config/load-config';
import { sandboxSecretBackend } from '../../../electron/core/connection/static-secret-backend';
import type { WhatsAppConnection } from '../../../electron/core/connection/whatsapp-connection';
import { sqlDate } from '../../../electron/core/db/sql';
import { createCore, type Core } from '../../../electron/core/create-core';
import type { OutboxOptions } from '../../../electron/core/conversations/outbox';
import { MessageEntity, TemplateEntity, type MessageRow } from '../../../electron/core/db/entities/messaging';
import { UserEntity } from '../../../electron/core/db/entities/user';
import { startPublicSide, type PublicSide } from '../../../electron/core/entry/start-public-side';
import type { Delivery } from '../../../electron/core/events/event-bus';
import { SecretStore } from '../../../electron/core/secrets/secret-store';
import { WhatsAppClient } from '../../../electron/core/whatsapp';
import {
  startSandbox,
  type RunningSandbox,
  type SandboxOptions,
} from '../../../electron/core/whatsapp/sandbox';
import type { Clock } from '../../../electron/core/util/clock';
import { CapturingLogger } from '../../helpers/logger';
import { makeTempDir, writeTestConfig, TEST_PASSWORD_COST } from '../../helpers/test-core';

export const PHONE_NUMBER_ID = '106540352242922';

/** Fast statuses, nobody replies, a tier high enough that only tests that want the limit meet it. */
export const TEST_SANDBOX: SandboxOptions = {
  seed: 5,
  statuses: {
    sentDelayMs: 5,
    deliveredDelayMs: 10,
    readDelayMs: 15,
    deliveredProbability: 1,
    readProbability: 0,
  },
  customerReplies: { probability: 0 },
  messagingLimitTier: 'TIER_10K',
  webhookRetry: { initialDelayMs: 50, backoffFactor: 2, maxAttempts: 20, timeoutMs: 2_000 },
};

/** Short waits so retries and schedules play out within a test. */
export const TEST_CAMPAIGNS: CampaignServiceOptions = {
  schedulerTickMs: 100,
  retryBaseMs: 50,
  throttleRequeueMs: 100,
  throttleMs: 1_000,
  progressMs: 200,
};

export interface CampaignApp {
  core: Core;
  sandbox: RunningSandbox;
  side: PublicSide;
  owner: Actor;
  dataDir: string;
  events: Delivery[];
  /** The app's phone numbers and templates read from the sandbox. */
  templateId(name: string, language?: string): Promise<string>;
  /** Until the sandbox has nothing left to send and the app has applied it. */
  quiet(): Promise<void>;
  /** Until the campaign is no longer running (finished, paused). */
  settled(campaignId: number, timeoutMs?: number): Promise<CampaignDto>;
  rows(campaignId: number): Promise<MessageRow[]>;
  /** Stops the app; the sandbox and the data folder stay (restart tests). */
  stop(): Promise<void>;
  close(): Promise<void>;
}

export interface CampaignAppOptions {
  /** A sandbox that outlives this app (restart tests); a new one by default. */
  sandbox?: RunningSandbox;
  sandboxOptions?: SandboxOptions;
  dataDir?: string;
  /** A database file of its own name (restart tests). */
  file?: boolean;
  campaigns?: CampaignServiceOptions;
  /** The inbox's sender (the inbox tests make retries short). */
  outbox?: OutboxOptions;
  clientTimeoutMs?: number;
  /** The app's clock; the computer's by default. */
  clock?: Clock;
}

/**
 * The app as start-up wires it in sandbox mode: the in-process sandbox as WhatsApp over real HTTP on
 * 127.0.0.1, the core with the public listener, the webhook processor and the campaign runner.
 */
export async function startCampaignApp(options: CampaignAppOptions = {}): Promise<CampaignApp> {
  const dataDir = options.dataDir ?? makeTempDir('wapidesk-campaigns-');
  const config = loadConfig(writeTestConfig(dataDir, options.file ? { databaseFile: 'wapidesk.db' } : {}));
  const logger = new CapturingLogger();
  const ownsSandbox = !options.sandbox;
  // Faults are switched on once the app is set up: they are for the campaign, not for reading templates.
  const { faults, ...sandboxOptions } = options.sandboxOptions ?? {};
  const sandbox = options.sandbox ?? (await startSandbox({ ...TEST_SANDBOX, ...sandboxOptions }));
  const connection = sandboxConnection(sandbox, ownsSandbox, options.clientTimeoutMs);
  const core = await createCore({
    passwordCost: TEST_PASSWORD_COST,
    config,
    dataDir,
    secrets: connection.secrets,
    logger,
    whatsapp: connection,
    webhookProcessor: { retryBaseMs: 20, pollMs: 20 },
    campaigns: { ...TEST_CAMPAIGNS, ...options.campaigns },
    outbox: options.outbox,
    clock: options.clock,
  });
  const events: Delivery[] = [];
  core.events.subscribe((d) => events.push(d));
  const side = await startPublicSide(core, config, logger);
  const user = await core.ctx.db.getRepository(UserEntity).findOneByOrFail({ kind: 'super_admin' });
  const owner: Actor = { user, sessionId: null, permissions: new Set(ALL_PERMISSIONS) };
  await core.services.templates.sync();
  if (faults) sandbox.configure({ faults });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await side.stop();
    await core.close();
  };
  const app: CampaignApp = {
    core,
    sandbox,
    side,
    owner,
    dataDir,
    events,
    templateId: async (name, language = 'en_US') =>
      (await core.ctx.db.getRepository(TemplateEntity).findOneByOrFail({ name, language })).id,
    quiet: async () => {
      await sandbox.idle();
      await core.webhooks.idle();
    },
    settled: async (campaignId, timeoutMs = 50_000) => {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const dto = await core.services.campaigns.get(campaignId);
        if (dto.status !== 'running' && dto.status !== 'scheduled') {
          await core.services.campaigns.runner.idle(campaignId);
          return dto;
        }
        if (Date.now() > until) throw new Error(`campaign ${campaignId} still ${dto.status}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    rows: (campaignId) =>
      core.ctx.db.getRepository(MessageEntity).find({ where: { campaignId }, order: { id: 'ASC' } }),
    stop,
    close: async () => {
      await stop();
      if (ownsSandbox) await sandbox.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return app;
}

/** A line to a sandbox this process may not own (closing the app leaves it running then). */
export function sandboxConnection(
  sandbox: RunningSandbox,
  owned: boolean,
  timeoutMs?: number,
): WhatsAppConnection {
  const info = sandbox.info;
  const secrets = new SecretStore(
    sandboxSecretBackend({
      access_token: info.accessToken,
      app_secret: info.appSecret,
      verify_token: randomBytes(8).toString('hex'),
    }),
    {},
  );
  return {
    mode: 'sandbox',
    client: new WhatsAppClient({
      baseUrl: sandbox.url,
      apiVersion: info.apiVersion,
      getAccessToken: () => secrets.get('access_token'),
      ...(timeoutMs ? { timeoutMs } : {}),
    }),
    businessAccountId: info.businessAccountId,
    appId: info.appId,
    secrets,
    sandbox,
    setWebhookUrl: (url) => sandbox.configure({ callbackUrl: url }),
    close: async () => {
      if (owned) await sandbox.close();
    },
  };
}

// ── Data, written straight into the database ──────────────────────────────────────────────────

export interface ContactSeed {
  name?: string;
  /** Digits only, e.g. 919800000001. */
  waId: string;
  email?: string | null;
  status?: 'active' | 'blocked';
  optedOut?: boolean;
  attributes?: Record<string, string>;
}

export async function addContacts(core: Core, seeds: ContactSeed[]): Promise<number[]> {
  const now = sqlDate(new Date());
  return core.ctx.tx.run(async (m) => {
    const ids: number[] = [];
    for (const s of seeds) {
      const name = s.name ?? `Customer ${s.waId.slice(-4)}`;
      await m.query(
        `INSERT INTO contacts (name, name_key, phone, wa_id, email, status, opted_out, opted_out_at,
           opt_out_source, search_doc, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?)`,
        [
          name,
          name.toLowerCase(),
          `+${s.waId}`,
          s.waId,
          s.email ?? null,
          s.status ?? 'active',
          s.optedOut ? 1 : 0,
          s.optedOut ? now : null,
          s.optedOut ? 'manual' : null,
          now,
          now,
        ],
      );
      const [{ id }] = (await m.query('SELECT last_insert_rowid() AS id')) as [{ id: number }];
      for (const [key, value] of Object.entries(s.attributes ?? {})) {
        await m.query('INSERT INTO contact_attributes (contact_id, key, value) VALUES (?, ?, ?)', [
          id,
          key,
          value,
        ]);
      }
      ids.push(id);
    }
    return ids;
  });
}

/** `count` new customers the sandbox treats as on WhatsApp (numbers ending in 0000 are not). */
export function customers(count: number, prefix = '9198'): ContactSeed[] {
  return Array.from({ length: count }, (_, i) => ({ waId: `${prefix}${String(i).padStart(7, '0')}1` }));
}

let listSerial = 0;

export async function addList(
  core: Core,
  contactIds: number[],
  unsubscribed: number[] = [],
): Promise<number> {
  const now = sqlDate(new Date());
  listSerial += 1;
  return core.ctx.tx.run(async (m) => {
    await m.query(
      `INSERT INTO lists (name, description, tags, created_at, updated_at) VALUES (?, '', '[]', ?, ?)`,
      [`List ${listSerial} ${randomBytes(3).toString('hex')}`, now, now],
    );
    const [{ id }] = (await m.query('SELECT last_insert_rowid() AS id')) as [{ id: number }];
    for (const contactId of contactIds) {
      const out = unsubscribed.includes(contactId);
      await m.query(
        `INSERT INTO list_members (list_id, contact_id, subscribed, subscribed_at, unsubscribed_at)
         VALUES (?, ?, ?, ?, ?)`,
        [id, contactId, out ? 0 : 1, now, out ? now : null],
      );
    }
    return id;
  });
}

/** hello_world (no variables) to these lists: the simplest campaign. */
export async function helloCampaign(
  app: CampaignApp,
  listIds: number[],
  extra: { messagesPerSecond?: number | null; optOutKeywords?: string[]; name?: string } = {},
): Promise<CampaignDto> {
  return app.core.services.campaigns.create(app.owner, {
    name: extra.name ?? 'Hello everyone',
    phoneNumberId: PHONE_NUMBER_ID,
    templateId: await app.templateId('hello_world'),
    listIds,
    variables: [],
    mediaHeader: null,
    optOutKeywords: extra.optOutKeywords ?? ['STOP'],
    messagesPerSecond: extra.messagesPerSecond ?? null,
  });
}

/** How many messages the sandbox accepted for each WhatsApp id. */
export function acceptedPerRecipient(sandbox: RunningSandbox): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of sandbox.messages()) counts.set(m.waId, (counts.get(m.waId) ?? 0) + 1);
  return counts;
}
