import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ALL_PERMISSIONS, type Permission } from '@shared/permissions';
import type { MessageDto } from '@shared/types/messages';
import type { Actor } from '../../../electron/core/auth/actor';
import { loadConfig } from '../../../electron/core/config/load-config';
import {
  connectWhatsApp,
  type WhatsAppConnection,
} from '../../../electron/core/connection/whatsapp-connection';
import { createCore, type Core } from '../../../electron/core/create-core';
import { ContactEntity } from '../../../electron/core/db/entities/contact';
import { ConversationEntity, MessageEntity } from '../../../electron/core/db/entities/messaging';
import { UserEntity } from '../../../electron/core/db/entities/user';
import { startPublicSide, type PublicSide } from '../../../electron/core/entry/start-public-side';
import { SecretStore } from '../../../electron/core/secrets/secret-store';
import type { RunningSandbox, SandboxOptions } from '../../../electron/core/whatsapp/sandbox';
import { CapturingLogger } from '../../helpers/logger';
import { makeTempDir, writeTestConfig, TEST_PASSWORD_COST } from '../../helpers/test-core';

/**
 * The "done when", end to end as start-up wires it: the in-process sandbox (Meta's stand-in)
 * sends signed webhooks over real HTTP to the app's public listener, the processor applies them,
 * and the shop's own system sends and follows messages through /api/v1 with an API token.
 */
interface App {
  core: Core;
  connection: WhatsAppConnection;
  sandbox: RunningSandbox;
  side: PublicSide;
  token(permissions: Permission[]): Promise<string>;
  api(method: 'GET' | 'POST', path: string, token: string, body?: unknown): Promise<ApiAnswer>;
  /** Until the sandbox has nothing left to send and the app has applied all it received. */
  quiet(): Promise<void>;
}

interface ApiAnswer {
  status: number;
  body: { data?: MessageDto; error?: { code: string; message: string } };
}

const apps: { app: App; dataDir: string }[] = [];
afterEach(async () => {
  for (const { app, dataDir } of apps.splice(0)) {
    await app.side.stop();
    await app.core.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

async function startApp(faults: SandboxOptions['faults'] = {}): Promise<App> {
  const dataDir = makeTempDir('wapidesk-e2e-webhooks-');
  const config = loadConfig(writeTestConfig(dataDir));
  const logger = new CapturingLogger();
  const connection = await connectWhatsApp({
    config,
    secrets: new SecretStore(null, {}),
    logger,
    sandbox: {
      seed: 11,
      statuses: {
        sentDelayMs: 20,
        deliveredDelayMs: 40,
        readDelayMs: 60,
        deliveredProbability: 1,
        readProbability: 1,
      },
      customerReplies: { probability: 0 },
      faults,
    },
  });
  const core = await createCore({
    passwordCost: TEST_PASSWORD_COST,
    config,
    dataDir,
    secrets: connection.secrets,
    logger,
    whatsapp: connection,
    webhookProcessor: { retryBaseMs: 20, pollMs: 50 },
  });
  const side = await startPublicSide(core, config, logger);
  const sandbox = connection.sandbox!;
  const owner = await core.ctx.db.getRepository(UserEntity).findOneByOrFail({ kind: 'super_admin' });
  const ownerActor: Actor = { user: owner, sessionId: null, permissions: new Set(ALL_PERMISSIONS) };
  const app: App = {
    core,
    connection,
    sandbox,
    side,
    token: async (permissions) =>
      (await core.services.tokens.create(ownerActor, `shop system ${permissions.join(' ')}`, permissions))
        .token,
    api: async (method, path, token, body) => {
      const response = await fetch(`${side.publicServer.url}/api/v1${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as ApiAnswer['body'] };
    },
    quiet: async () => {
      await sandbox.idle();
      await core.webhooks.idle();
    },
  };
  apps.push({ app, dataDir });
  return app;
}

/** A demo customer who never wrote: only a template may reach her. */
const PRIYA = '919876543210';
/** A demo customer who wrote to the shop 10 minutes before the sandbox started. */
const ASHA = '15551234001';
/** Nobody the sandbox knows yet: a new customer on WhatsApp. */
const NEW_CUSTOMER = '919812345678';

const helloWorld = (to: string) => ({ to: `+${to}`, template: { name: 'hello_world', language: 'en_US' } });

/** Polls GET /api/v1/messages/:id as an integrator would, until the message is read. */
async function untilRead(app: App, token: string, id: number): Promise<MessageDto> {
  let last: MessageDto | undefined;
  await vi.waitFor(
    async () => {
      const answer = await app.api('GET', `/messages/${id}`, token);
      expect(answer.status).toBe(200);
      last = answer.body.data;
      expect(last?.status).toBe('read');
    },
    { timeout: 5_000, interval: 100 },
  );
  return last!;
}

async function customerWrites(app: App, text: string, waId = NEW_CUSTOMER): Promise<string> {
  const profileName = waId === NEW_CUSTOMER ? 'Nadia Khan' : undefined;
  const { id } = app.sandbox.customerSends(waId, {
    type: 'text',
    text,
    ...(profileName ? { profileName } : {}),
  });
  await app.quiet();
  return id;
}

describe('with the sandbox as WhatsApp', () => {
  it('(a) a customer’s message makes a contact named from their WhatsApp profile and an open conversation', async () => {
    const app = await startApp();
    const wamid = await customerWrites(app, 'Is the blue kurta in stock?');
    const contact = await app.core.ctx.db
      .getRepository(ContactEntity)
      .findOneByOrFail({ waId: NEW_CUSTOMER });
    expect(contact).toMatchObject({ name: 'Nadia Khan', phone: `+${NEW_CUSTOMER}` });
    const conversation = await app.core.ctx.db
      .getRepository(ConversationEntity)
      .findOneByOrFail({ contactId: contact.id });
    expect(conversation).toMatchObject({
      status: 'open',
      unreadCount: 1,
      phoneNumberId: app.sandbox.info.phoneNumbers[0]!.id,
    });
    const stored = await app.core.ctx.db.getRepository(MessageEntity).findBy({ waMessageId: wamid });
    expect(stored).toMatchObject([
      { direction: 'in', text: 'Is the blue kurta in stock?', conversationId: conversation.id },
    ]);
  });

  it('(b) a template sent through POST /api/v1/messages reaches read, as GET /api/v1/messages/:id shows', async () => {
    const app = await startApp();
    const token = await app.token(['conversations.reply', 'conversations.read_all']);
    const sent = await app.api('POST', '/messages', token, helloWorld(PRIYA));
    expect(sent.status).toBe(201);
    const id = sent.body.data!.id;
    expect(sent.body.data).toMatchObject({ direction: 'out', waId: PRIYA, type: 'template', error: null });
    expect(['sent', 'delivered', 'read']).toContain(sent.body.data!.status);

    const read = await untilRead(app, token, id);
    expect(read.waMessageId).toMatch(/^wamid\./);
    expect(read.sentAt).not.toBeNull();
    expect(read.deliveredAt).not.toBeNull();
    expect(read.readAt).not.toBeNull();
    expect(Date.parse(read.deliveredAt!)).toBeLessThanOrEqual(Date.parse(read.readAt!));

    // Every status came as a signed webhook that the app accepted (200) and applied.
    await app.quiet();
    const hooks = app.sandbox.webhookDeliveries().filter((d) => d.label.endsWith(read.waMessageId!));
    expect(hooks.map((d) => d.label.split(' ')[0])).toEqual([
      'status:sent',
      'status:delivered',
      'status:read',
    ]);
    for (const hook of hooks) expect(hook.attempts.map((a) => a.status)).toEqual([200]);
    const inbox = await app.core.ctx.db.query<{ state: string }[]>(
      `SELECT state FROM webhook_inbox WHERE body LIKE ?`,
      [`%${read.waMessageId}%`],
    );
    expect(inbox.map((r) => r.state)).toEqual(['done', 'done', 'done']);
  });

  it('(b) a token without conversations.reply gets 403 and nothing is sent', async () => {
    const app = await startApp();
    const token = await app.token(['conversations.read_all']);
    const answer = await app.api('POST', '/messages', token, helloWorld(PRIYA));
    expect(answer.status).toBe(403);
    expect(answer.body.error?.code).toBe('FORBIDDEN');
    expect(await app.core.ctx.db.getRepository(MessageEntity).count()).toBe(0);
    expect(app.sandbox.messages()).toHaveLength(0);
  });

  it('(b) a text to a customer without an open 24-hour window gets 409; one who just wrote can be answered', async () => {
    const app = await startApp();
    const token = await app.token(['conversations.reply', 'conversations.read_all']);
    const refused = await app.api('POST', '/messages', token, { to: `+${PRIYA}`, text: 'Still interested?' });
    expect(refused.status).toBe(409);
    expect(refused.body.error?.code).toBe('CONFLICT');
    expect(await app.core.ctx.db.getRepository(MessageEntity).count()).toBe(0);
    expect(app.sandbox.messages()).toHaveLength(0);

    await customerWrites(app, 'Hello?');
    const answered = await app.api('POST', '/messages', token, {
      to: `+${NEW_CUSTOMER}`,
      text: 'Yes, in all sizes.',
    });
    expect(answered.status).toBe(201);
    expect(answered.body.data).toMatchObject({ type: 'text', waId: NEW_CUSTOMER });
    expect(answered.body.data!.conversationId).not.toBeNull();
    expect((await untilRead(app, token, answered.body.data!.id)).error).toBeNull();
  });

  it('(b) a demo customer who just wrote in can be answered by text through the API', async () => {
    // Asha (+1 555…) is one of the sandbox's own demo customers; she writes, the app files her as
    // contact +15551234001 with an open conversation, and the shop answers that very number.
    const app = await startApp();
    const token = await app.token(['conversations.reply', 'conversations.read_all']);
    await customerWrites(app, 'Where is my order?', ASHA);
    const contact = await app.core.ctx.db.getRepository(ContactEntity).findOneByOrFail({ waId: ASHA });
    expect(contact).toMatchObject({ name: 'Asha Patel', phone: `+${ASHA}` });
    const answered = await app.api('POST', '/messages', token, { to: contact.phone, text: 'On its way!' });
    expect(answered.body.error).toBeUndefined();
    expect(answered.status).toBe(201);
    expect((await untilRead(app, token, answered.body.data!.id)).contactId).toBe(contact.id);
  });
});

describe('with duplicate and out-of-order webhooks (sandbox faults at rate 1)', () => {
  it('(c) the inbound message is stored once and statuses still end at read', async () => {
    const app = await startApp({ duplicateWebhook: 1, outOfOrderWebhook: 1 });
    const token = await app.token(['conversations.reply', 'conversations.read_all']);

    const wamid = await customerWrites(app, 'Do you ship to Pune?');
    const sent = await app.api('POST', '/messages', token, helloWorld(PRIYA));
    expect(sent.status).toBe(201);
    const read = await untilRead(app, token, sent.body.data!.id);
    // `read` may arrive before `delivered` (out of order): judge once everything has landed.
    await app.quiet();
    const settled = (await app.api('GET', `/messages/${read.id}`, token)).body.data!;
    expect(settled.status).toBe('read');
    expect(settled.deliveredAt).not.toBeNull();
    expect(settled.readAt).toBe(read.readAt);

    const db = app.core.ctx.db;
    expect(await db.getRepository(MessageEntity).countBy({ waMessageId: wamid })).toBe(1);
    const [conversation] = await db.getRepository(ConversationEntity).find();
    expect(conversation?.unreadCount).toBe(1);

    // The faults did strike: every webhook was sent twice, both copies acknowledged, one stored;
    // and `read` reached the app before `delivered`.
    const hooks = app.sandbox.webhookDeliveries();
    const copies = hooks.filter((d) => d.duplicateOf !== null);
    expect(copies.length).toBe(hooks.length / 2);
    for (const hook of hooks) expect(hook.attempts.at(-1)?.status).toBe(200);
    const inbox = await app.core.ctx.db.query<{ id: number; body: string; state: string }[]>(
      'SELECT id, body, state FROM webhook_inbox ORDER BY id',
    );
    expect(inbox).toHaveLength(hooks.length - copies.length);
    expect(inbox.every((r) => r.state === 'done')).toBe(true);
    const arrival = (status: string) =>
      inbox.findIndex((r) => r.body.includes(read.waMessageId!) && r.body.includes(`"status":"${status}"`));
    expect(arrival('read')).toBeGreaterThanOrEqual(0);
    expect(arrival('read')).toBeLessThan(arrival('delivered'));
  });
});
