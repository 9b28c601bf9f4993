import { rmSync } from 'node:fs';
import { loadConfig } from '../../../electron/core/config/load-config';
import type { AppConfig } from '../../../electron/core/config/schema';
import { createCore, type Core } from '../../../electron/core/create-core';
import {
  MessageEntity,
  WebhookInboxEntity,
  type MessageRow,
  type WebhookInboxRow,
} from '../../../electron/core/db/entities/messaging';
import { startPublicSide, type PublicSide } from '../../../electron/core/entry/start-public-side';
import type { Delivery } from '../../../electron/core/events/event-bus';
import { SecretStore, type SecretBackend } from '../../../electron/core/secrets/secret-store';
import type { ProcessorOptions } from '../../../electron/core/webhooks/webhook-processor';
import { signWebhookBody } from '../../../electron/core/whatsapp/webhooks';
import { MovableClock } from '../../helpers/clock';
import { request, type HttpResponse } from '../../helpers/http';
import { CapturingLogger } from '../../helpers/logger';
import { makeTempDir, writeTestConfig, TEST_PASSWORD_COST } from '../../helpers/test-core';

/** What the shop pasted into Meta's dashboard; here they come from the environment variables. */
export const APP_SECRET = 'test-app-secret-0f1e2d3c';
export const VERIFY_TOKEN = 'test-verify-token-9a8b7c';

/** The business number the test deliveries are addressed to (the sandbox's first demo number). */
export const WABA_ID = '102290129340398';
export const PHONE_NUMBER_ID = '106540352242922';
export const DISPLAY_PHONE_NUMBER = '15550783881';

export interface WebhookHarness {
  core: Core;
  config: AppConfig;
  clock: MovableClock;
  logger: CapturingLogger;
  dataDir: string;
  /** The public listener's port on 127.0.0.1. */
  port: number;
  /** Every core event published since start. */
  events: Delivery[];
  /** POST /webhook. An object is sent as JSON; signed with the app secret unless `signature` is given (null: no header). */
  post(body: unknown, options?: { signature?: string | null }): Promise<HttpResponse>;
  /** Waits until the processor has applied everything that is due. */
  settle(): Promise<void>;
  inbox(): Promise<WebhookInboxRow[]>;
  /** Stops the listener and the core; the data folder stays unless `close` is used. */
  stop(): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  processor?: ProcessorOptions;
  /** A file name in the data folder; the test config's default otherwise. */
  databaseFile?: string;
  dataDir?: string;
  clock?: MovableClock;
  /** The environment the secrets come from; the app secret and verify token above by default. */
  secretEnv?: Record<string, string>;
  /** Where set secrets are kept (none: environment variables only). */
  secretBackend?: SecretBackend;
}

/**
 * A core as start-up builds it (config.toml read back through the real loader, secrets from the
 * environment variables) with its public listener on a free loopback port and its webhook
 * processor started, as `startPublicSide` does in headless mode and in the Electron shell.
 */
export async function startWebhookHarness(options: HarnessOptions = {}): Promise<WebhookHarness> {
  const dataDir = options.dataDir ?? makeTempDir('wapidesk-webhooks-');
  const config = loadConfig(writeTestConfig(dataDir, { databaseFile: options.databaseFile }));
  const clock = options.clock ?? new MovableClock();
  const logger = new CapturingLogger();
  const core = await createCore({
    passwordCost: TEST_PASSWORD_COST,
    config,
    dataDir,
    secrets: new SecretStore(
      options.secretBackend ?? null,
      options.secretEnv ?? { WAPIDESK_APP_SECRET: APP_SECRET, WAPIDESK_VERIFY_TOKEN: VERIFY_TOKEN },
    ),
    clock,
    logger,
    webhookProcessor: { retryBaseMs: 10, ...options.processor },
  });
  const events: Delivery[] = [];
  const unsubscribe = core.events.subscribe((delivery) => events.push(delivery));
  let side: PublicSide;
  try {
    side = await startPublicSide(core, config, logger);
  } catch (error) {
    await core.close();
    throw error;
  }
  const port = side.publicServer.port;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    unsubscribe();
    await side.stop();
    await core.close();
  };
  return {
    core,
    config,
    clock,
    logger,
    dataDir,
    port,
    events,
    post: (body, postOptions = {}) => postWebhook(port, body, postOptions.signature),
    settle: () => core.webhooks.idle(),
    inbox: () => core.ctx.db.getRepository(WebhookInboxEntity).find({ order: { id: 'ASC' } }),
    stop,
    close: async () => {
      await stop();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** POST /webhook over real HTTP with the exact bytes given, signed as Meta signs them. */
export function postWebhook(port: number, body: unknown, signature?: string | null): Promise<HttpResponse> {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  const header = signature === undefined ? signWebhookBody(raw, APP_SECRET) : signature;
  return request({
    port,
    method: 'POST',
    path: '/webhook',
    body: raw,
    headers: header === null ? {} : { 'x-hub-signature-256': header },
  });
}

// ── Meta's payload shapes (reference §6) ─────────────────────────────────────────────────────────

export type Change = { field: string; value: Record<string, unknown> };

export function envelope(changes: Change[]): Record<string, unknown> {
  return { object: 'whatsapp_business_account', entry: [{ id: WABA_ID, changes }] };
}

function messagesValue(rest: Record<string, unknown>): Record<string, unknown> {
  return {
    messaging_product: 'whatsapp',
    metadata: { display_phone_number: DISPLAY_PHONE_NUMBER, phone_number_id: PHONE_NUMBER_ID },
    ...rest,
  };
}

/** A customer's text message, with their WhatsApp profile name. */
export function inboundText(m: {
  wamid: string;
  from: string;
  name?: string;
  text?: string;
  timestamp?: number;
}): Change {
  return {
    field: 'messages',
    value: messagesValue({
      contacts: [{ profile: { name: m.name ?? 'Sheena Nelson' }, wa_id: m.from }],
      messages: [
        {
          from: m.from,
          id: m.wamid,
          timestamp: String(m.timestamp ?? 1_749_416_383),
          type: 'text',
          text: { body: m.text ?? 'Does it come in another color?' },
        },
      ],
    }),
  };
}

export interface StatusItem {
  wamid: string;
  status: 'sent' | 'delivered' | 'read' | 'played' | 'failed';
  timestamp: number;
  recipient?: string;
  bizOpaque?: string;
  error?: { code: number; title: string; details: string };
}

export function statusItem(s: StatusItem): Record<string, unknown> {
  return {
    id: s.wamid,
    status: s.status,
    timestamp: String(s.timestamp),
    recipient_id: s.recipient ?? '16505551234',
    ...(s.bizOpaque ? { biz_opaque_callback_data: s.bizOpaque } : {}),
    ...(s.status === 'sent' || s.status === 'delivered'
      ? { pricing: { billable: true, pricing_model: 'PMP', type: 'regular', category: 'utility' } }
      : {}),
    ...(s.error
      ? {
          errors: [
            {
              code: s.error.code,
              title: s.error.title,
              message: s.error.title,
              error_data: { details: s.error.details },
              href: '/documentation/business-messaging/whatsapp/support/error-codes',
            },
          ],
        }
      : {}),
  };
}

/** One `messages` change carrying these statuses. */
export function statuses(...items: StatusItem[]): Change {
  return { field: 'messages', value: messagesValue({ statuses: items.map(statusItem) }) };
}

// ── Rows the app would have written before Meta answers ──────────────────────────────────────────

let outboundSerial = 0;

/** An outbound message as messages.send stores it; returns its id. */
export async function insertOutbound(
  core: Core,
  row: { wamid?: string | null; clientRef?: string | null; status?: MessageRow['status'] } = {},
): Promise<number> {
  outboundSerial += 1;
  const result = await core.ctx.tx.run((m) =>
    m.getRepository(MessageEntity).insert({
      waMessageId: row.wamid ?? null,
      clientRef: row.clientRef ?? null,
      direction: 'out',
      contactId: null,
      conversationId: null,
      phoneNumberId: PHONE_NUMBER_ID,
      recipientWaId: '16505551234',
      type: 'template',
      text: `[template hello_world] #${outboundSerial}`,
      payload: '{}',
      status: row.status ?? 'sent',
      errorCode: null,
      errorTitle: null,
      errorDetails: null,
      campaignId: null,
      contextWaMessageId: null,
      createdAt: core.ctx.clock.now(),
      sentAt: row.status === 'sending' ? null : core.ctx.clock.now(),
      deliveredAt: null,
      readAt: null,
      failedAt: null,
    }),
  );
  return result.identifiers[0]!.id as number;
}

/** Many outbound messages at once (one insert), each with its own wamid; returns their ids in order. */
export async function insertOutboundMany(core: Core, wamids: string[]): Promise<number[]> {
  const now = core.ctx.clock.now();
  const rows = wamids.map((wamid) => ({
    waMessageId: wamid,
    clientRef: null,
    direction: 'out' as const,
    contactId: null,
    conversationId: null,
    phoneNumberId: PHONE_NUMBER_ID,
    recipientWaId: '16505551234',
    type: 'template',
    text: '[template hello_world]',
    payload: '{}',
    status: 'sent' as const,
    errorCode: null,
    errorTitle: null,
    errorDetails: null,
    campaignId: null,
    contextWaMessageId: null,
    createdAt: now,
    sentAt: now,
    deliveredAt: null,
    readAt: null,
    failedAt: null,
  }));
  const ids: number[] = [];
  await core.ctx.tx.run(async (m) => {
    // SQLite caps the variables of one statement; 200 rows of 21 columns stay under it.
    for (let i = 0; i < rows.length; i += 200) {
      const result = await m.getRepository(MessageEntity).insert(rows.slice(i, i + 200));
      ids.push(...result.identifiers.map((r) => r.id as number));
    }
  });
  return ids;
}

/** Unix seconds, `offset` seconds after a fixed moment, for status timestamps. */
export function at(offset: number): number {
  return 1_750_030_000 + offset;
}

export function iso(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString();
}
