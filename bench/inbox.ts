/**
 * The shared inbox at scale: 1,000,000 messages in 50,000 conversations (one of them 10,000
 * messages long), some assigned, some resolved, some unread, on two numbers, with labels; then
 * timings of what the inbox screen asks for, as an owner who reads everything and as an agent who
 * reads only their own and unassigned conversations.
 *
 *   npx tsx --tsconfig tsconfig.node.json bench/inbox.ts [messages] [conversations]
 *
 * Seeding 1,000,000 messages takes a few minutes; INBOX_BENCH_DIR=/some/folder keeps the seeded
 * database there and reuses it on the next run (delete the folder to seed again).
 * Prints p50 / p95 per query beside the aim: a view's page with every view's unread counts
 * ≤ 20 ms, search ≤ 50 ms, a conversation's first page ≤ 20 ms. Never part of npm test.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ALL_PERMISSIONS, type Permission } from '@shared/permissions';
import { CONVERSATION_VIEWS } from '@shared/types/conversations';
import { sqlDate } from '../electron/core/db/sql';
import type { InboxViewer } from '../electron/core/conversations/access';
import { countConversations, listConversations } from '../electron/core/conversations/conversation-query';
import { threadPage } from '../electron/core/conversations/thread';
import type { Core } from '../electron/core/create-core';
import { benchCore, measure, timingLine } from './support';

const MESSAGES = Number(process.argv[2] ?? 1_000_000);
const CONVERSATIONS = Number(process.argv[3] ?? 50_000);
const LONG_THREAD = 10_000;
const AGENTS = 8;
const RUNS = 60;
const NOW = Date.UTC(2030, 5, 15, 12, 0, 0);
const d = (ms: number) => sqlDate(new Date(ms));

/** What customers and the shop say, so search has common and rare words to find. */
const PHRASES = [
  'Is this available in blue?',
  'What time do you open tomorrow?',
  'Thanks, see you soon',
  'Can I return the shirt I bought last week?',
  'Do you deliver to Pune?',
  'Yes, we have it in stock',
  'Your order has shipped',
  'How much is the linen shirt?',
  'Please send me the price list',
  'Great, I will come by on Saturday',
];

/** `CASE i % 10 WHEN 0 THEN '…' …`: a phrase per message without a lookup per row. */
const phraseCase = `CASE i % ${PHRASES.length} ${PHRASES.map((p, k) => `WHEN ${k} THEN '${p.replace(/'/g, "''")}'`).join(' ')} END`;

async function seed(core: Core): Promise<void> {
  await core.ctx.tx.run(async (m) => {
    const users = Array.from({ length: AGENTS }, (_, i) => i + 1);
    for (const i of users) {
      await m.query(
        `INSERT INTO users (username, name, email, kind, password_hash, must_change_password, disabled, failed_logins,
           created_at, updated_at) VALUES (?, ?, ?, 'member', 'x', 0, 0, 0, ?, ?)`,
        [`agent${i}`, `Agent ${i}`, `agent${i}@shop.test`, d(NOW), d(NOW)],
      );
    }
    const [{ first: firstAgent }] = (await m.query(
      `SELECT min(id) AS first FROM users WHERE kind = 'member'`,
    )) as [{ first: number }];
    // Contacts, one conversation each (5% on the second number), through SQLite's own loops.
    await m.query(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
       INSERT INTO contacts (name, name_key, phone, wa_id, search_doc, created_at, updated_at)
       SELECT 'Customer ' || i, 'customer ' || i, '+91' || (9000000000 + i), '91' || (9000000000 + i),
              'customer ' || i || ' 91' || (9000000000 + i), ?, ? FROM n`,
      [CONVERSATIONS, d(NOW), d(NOW)],
    );
    // 20% resolved; of the open ones about 40% unassigned, the rest spread over the agents.
    await m.query(
      `INSERT INTO conversations (contact_id, phone_number_id, status, assigned_user_id, unread_count,
         last_message_at, last_inbound_at, created_at)
       SELECT c.id, CASE WHEN c.id % 20 = 0 THEN 'PN2' ELSE 'PN1' END,
              CASE WHEN c.id % 5 = 0 THEN 'closed' ELSE 'open' END,
              CASE WHEN c.id % 5 IN (1, 2) THEN NULL ELSE ? + c.id % ? END,
              CASE WHEN c.id % 10 = 3 THEN 1 + c.id % 4 ELSE 0 END, ?, ?, ?
         FROM contacts c`,
      [firstAgent, AGENTS, d(NOW), d(NOW), d(NOW)],
    );
    await m.query(
      `INSERT INTO conversation_labels (conversation_id, label)
       SELECT id, CASE id % 3 WHEN 0 THEN 'vip' WHEN 1 THEN 'wholesale' ELSE 'returns' END
         FROM conversations WHERE id % 7 = 0`,
    );
    // The long thread: conversation 1. The rest spread over the others, one message a minute
    // backwards from NOW, in and out in turn, with an order number in one message of twenty.
    await m.query(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
       INSERT INTO messages (wa_message_id, direction, contact_id, conversation_id, phone_number_id,
         recipient_wa_id, type, text, payload, status, created_at)
       SELECT 'wamid.' || i, CASE WHEN i % 2 = 0 THEN 'in' ELSE 'out' END, cv.contact_id, cv.id,
              cv.phone_number_id, '91' || (9000000000 + cv.contact_id), 'text',
              CASE WHEN i % 20 = 7 THEN 'Order #A' || (100000 + i) || ' please' ELSE ${phraseCase} END,
              '{}', CASE WHEN i % 2 = 0 THEN 'received' ELSE 'read' END,
              datetime(?, '-' || (? - i) || ' seconds')
         FROM n JOIN conversations cv
           ON cv.id = CASE WHEN i <= ? THEN 1 ELSE 2 + (i % (? - 1)) END`,
      [MESSAGES, d(NOW), MESSAGES, LONG_THREAD, CONVERSATIONS],
    );
    await m.query(
      `UPDATE conversations SET
         last_message_id = (SELECT max(id) FROM messages WHERE conversation_id = conversations.id),
         last_message_at = (SELECT max(created_at) FROM messages WHERE conversation_id = conversations.id),
         last_inbound_at = COALESCE((SELECT max(created_at) FROM messages
                                      WHERE conversation_id = conversations.id AND direction = 'in'), last_inbound_at)`,
    );
  });
  await core.ctx.tx.run((m) => m.query('ANALYZE'));
}

async function time<T>(
  label: string,
  work: () => Promise<T>,
  aim?: number,
): Promise<{ p95: number; result: T }> {
  // Warm the page cache first: a shop's inbox is read all day, not once.
  const timing = await measure(work, RUNS, 5);
  console.log(timingLine(label, timing, aim));
  return timing;
}

function viewer(userId: number, permissions: Permission[]): InboxViewer {
  return {
    userId,
    permissions: new Set(permissions),
    readsAll: permissions.includes('conversations.read_all'),
  };
}

async function main() {
  const kept = process.env.INBOX_BENCH_DIR;
  const dataDir = kept ?? mkdtempSync(join(tmpdir(), 'wapidesk-bench-inbox-'));
  if (kept) mkdirSync(kept, { recursive: true });
  const reuse = kept !== undefined && existsSync(join(kept, 'seeded'));
  const { core } = await benchCore({ dataDir, now: NOW });
  const misses: string[] = [];
  const check = async (label: string, work: () => Promise<unknown>, aim: number) => {
    const { p95 } = await time(label, work, aim);
    if (p95 > aim) misses.push(label);
  };
  try {
    const seeding = performance.now();
    if (!reuse) await seed(core);
    if (kept) writeFileSync(join(kept, 'seeded'), new Date().toISOString());
    const db = core.ctx.db;
    const [{ n: messages }] = await db.query<[{ n: number }]>('SELECT count(*) AS n FROM messages');
    const [{ n: conversations }] = await db.query<[{ n: number }]>('SELECT count(*) AS n FROM conversations');
    const [{ n: unread }] = await db.query<[{ n: number }]>(
      'SELECT count(*) AS n FROM conversations WHERE unread_count > 0',
    );
    const [{ n: longest }] = await db.query<[{ n: number }]>(
      'SELECT count(*) AS n FROM messages WHERE conversation_id = 1',
    );
    const size = statSync(join(dataDir, 'bench.sqlite')).size;
    console.log(
      `data: ${messages.toLocaleString('en')} messages in ${conversations.toLocaleString('en')} conversations ` +
        `(${unread.toLocaleString('en')} unread, longest ${longest.toLocaleString('en')} messages), ` +
        `database ${(size / 1e6).toFixed(0)} MB, ${reuse ? 'reused' : 'seeded'} in ${((performance.now() - seeding) / 1000).toFixed(0)} s`,
    );
    const m = core.ctx.db.manager;
    const now = new Date(NOW);
    const owner = viewer(AGENTS + 10, ALL_PERMISSIONS);
    const agent = viewer(2, ['conversations.read_assigned', 'conversations.reply']);
    for (const [who, v] of [
      ['owner', owner],
      ['agent (own + unassigned)', agent],
    ] as const) {
      console.log(`\n${who}`);
      for (const view of CONVERSATION_VIEWS) {
        await check(
          `  list "${view}" (30) + every view's counts`,
          () =>
            Promise.all([listConversations(m, v, { view, limit: 30 }, now), countConversations(m, v, {})]),
          20,
        );
      }
      const page = await listConversations(m, v, { view: 'all', limit: 30 }, now);
      await check(
        '  list "all", second page by cursor',
        () => listConversations(m, v, { view: 'all', limit: 30, cursor: page.nextCursor ?? undefined }, now),
        20,
      );
      await check(
        '  list "all" filtered by number PN2 + counts',
        () =>
          Promise.all([
            listConversations(m, v, { view: 'all', phoneNumberId: 'PN2', limit: 30 }, now),
            countConversations(m, v, { phoneNumberId: 'PN2' }),
          ]),
        20,
      );
      await check(
        '  list "all" filtered by label + counts',
        () =>
          Promise.all([
            listConversations(m, v, { view: 'all', label: 'vip', limit: 30 }, now),
            countConversations(m, v, { label: 'vip' }),
          ]),
        20,
      );
      for (const search of ['linen shirt', 'A100347', 'Customer 4242', '9000012345', 'cu']) {
        await check(
          `  search "${search}"`,
          () => listConversations(m, v, { view: 'all', search, limit: 30 }, now),
          50,
        );
      }
    }
    console.log(`\nthread of ${longest.toLocaleString('en')} messages`);
    const first = await threadPage(m, 1, { limit: 50 }, now);
    await check('  first page (50 newest)', () => threadPage(m, 1, { limit: 50 }, now), 20);
    await check(
      '  an older page (keyset)',
      () => threadPage(m, 1, { before: first.olderCursor! - 5_000, limit: 50 }, now),
      20,
    );
    await check(
      '  what arrived since',
      () => threadPage(m, 1, { after: first.items[25]!.id, limit: 50 }, now),
      20,
    );
    console.log(misses.length ? `\nMISSED: ${misses.join('; ')}` : '\nevery aim met');
  } finally {
    await core.close();
    if (!kept) rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
