import type { CampaignStatus } from '@shared/types/campaigns';
import { sqlDate } from '../../../electron/core/db/sql';
import type { Core } from '../../../electron/core/create-core';
import type { MessageStatus } from '../../../electron/core/db/entities/messaging';

/**
 * Campaigns, contacts and message rows written straight into the database, so analytics is tested
 * against known rows without the runner, the sandbox or webhooks.
 */

export const PHONE = 'PN1';
export const OTHER_PHONE = 'PN2';

/** Through the one writer; for an INSERT, resolves with the new row's id. */
const q = (core: Core, sql: string, params: unknown[]) =>
  core.ctx.tx.run((m) => m.query(sql, params)) as Promise<number>;

export interface ContactSeed {
  name: string;
  phone: string;
  status?: 'active' | 'blocked';
  optedOutAt?: Date;
  optOutSource?: 'keyword' | 'manual';
}

export async function addContact(core: Core, seed: ContactSeed): Promise<number> {
  const now = sqlDate(new Date(Date.UTC(2030, 0, 1)));
  return q(
    core,
    `INSERT INTO contacts (name, name_key, phone, wa_id, email, status, opted_out, opted_out_at,
       opt_out_source, search_doc, created_at, updated_at)
     VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?, '', ?, ?)`,
    [
      seed.name,
      seed.name.toLowerCase(),
      seed.phone,
      seed.phone.replace('+', ''),
      seed.status ?? 'active',
      seed.optedOutAt ? 1 : 0,
      seed.optedOutAt ? sqlDate(seed.optedOutAt) : null,
      seed.optedOutAt ? (seed.optOutSource ?? 'keyword') : null,
      now,
      now,
    ],
  );
}

export async function addList(core: Core, name: string, contactIds: number[], at: Date): Promise<number> {
  const id = await q(core, `INSERT INTO lists (name, created_at, updated_at) VALUES (?, ?, ?)`, [
    name,
    sqlDate(at),
    sqlDate(at),
  ]);
  for (const contactId of contactIds) {
    await q(
      core,
      `INSERT INTO list_members (list_id, contact_id, subscribed, subscribed_at) VALUES (?, ?, 1, ?)`,
      [id, contactId, sqlDate(at)],
    );
  }
  return id;
}

export async function unsubscribeFromList(core: Core, listId: number, contactId: number, at: Date) {
  await q(
    core,
    `UPDATE list_members SET subscribed = 0, unsubscribed_at = ? WHERE list_id = ? AND contact_id = ?`,
    [sqlDate(at), listId, contactId],
  );
}

export async function addTemplate(core: Core, id = 'tpl-1', body = 'Hello {{1}}, your code is {{2}}') {
  await q(
    core,
    `INSERT INTO templates (id, name, language, category, status, parameter_format, components, updated_at)
     VALUES (?, 'spring_sale', 'en', 'MARKETING', 'APPROVED', 'POSITIONAL', ?, ?)`,
    [
      id,
      JSON.stringify([
        { type: 'HEADER', format: 'TEXT', text: 'Spring sale' },
        { type: 'BODY', text: body },
        { type: 'FOOTER', text: 'Reply STOP to opt out' },
      ]),
      sqlDate(new Date(Date.UTC(2030, 0, 1))),
    ],
  );
}

export interface CampaignSeed {
  name?: string;
  status: CampaignStatus;
  startedAt?: Date | null;
  finishedAt?: Date | null;
  listIds?: number[];
  createdAt?: Date;
}

export const VARIABLES = [
  { component: 'body', placeholder: '1', source: 'name', value: '', fallback: 'friend' },
  { component: 'body', placeholder: '2', source: 'attribute', value: 'code', fallback: 'SPRING' },
];

export async function addCampaign(core: Core, seed: CampaignSeed): Promise<number> {
  const created = sqlDate(seed.createdAt ?? new Date(Date.UTC(2030, 0, 14)));
  const id = await q(
    core,
    `INSERT INTO campaigns (name, status, phone_number_id, template_id, template_name, template_language,
       variables, media_header, opt_out_keywords, messages_per_second, started_at, finished_at,
       created_at, updated_at)
     VALUES (?, ?, ?, 'tpl-1', 'spring_sale', 'en', ?, ?, '["STOP","UNSUBSCRIBE"]', 20, ?, ?, ?, ?)`,
    [
      seed.name ?? 'Spring sale',
      seed.status,
      PHONE,
      JSON.stringify(VARIABLES),
      JSON.stringify({ link: 'https://shop.test/banner.jpg' }),
      seed.startedAt ? sqlDate(seed.startedAt) : null,
      seed.finishedAt ? sqlDate(seed.finishedAt) : null,
      created,
      created,
    ],
  );
  for (const listId of seed.listIds ?? []) {
    await q(core, 'INSERT INTO campaign_lists (campaign_id, list_id) VALUES (?, ?)', [id, listId]);
  }
  return id;
}

export interface MessageSeed {
  campaignId: number | null;
  contactId: number | null;
  waId: string;
  status: MessageStatus;
  direction?: 'in' | 'out';
  phoneNumberId?: string;
  isTest?: boolean;
  createdAt: Date;
  sentAt?: Date | null;
  deliveredAt?: Date | null;
  readAt?: Date | null;
  failedAt?: Date | null;
  errorCode?: number | null;
  errorTitle?: string | null;
}

const COLUMNS = `(direction, contact_id, phone_number_id, recipient_wa_id, type, text, status, error_code,
  error_title, campaign_id, is_test, created_at, sent_at, delivered_at, read_at, failed_at)`;
const WIDTH = 16;

function values(s: MessageSeed): unknown[] {
  const d = (x: Date | null | undefined) => (x ? sqlDate(x) : null);
  return [
    s.direction ?? 'out',
    s.contactId,
    s.phoneNumberId ?? PHONE,
    s.waId,
    s.direction === 'in' ? 'text' : 'template',
    s.direction === 'in' ? 'Yes please' : '[template spring_sale]',
    s.status,
    s.errorCode ?? null,
    s.errorTitle ?? null,
    s.campaignId,
    s.isTest ? 1 : 0,
    d(s.createdAt),
    d(s.sentAt),
    d(s.deliveredAt),
    d(s.readAt),
    d(s.failedAt),
  ];
}

/** Inserts message rows, many per statement, inside one transaction. */
export async function addMessages(core: Core, seeds: MessageSeed[]): Promise<void> {
  const per = Math.floor(30_000 / WIDTH);
  await core.ctx.tx.run(async (m) => {
    for (let i = 0; i < seeds.length; i += per) {
      const part = seeds.slice(i, i + per);
      const row = `(${new Array<string>(WIDTH).fill('?').join(', ')})`;
      await m.query(
        `INSERT INTO messages ${COLUMNS} VALUES ${new Array<string>(part.length).fill(row).join(', ')}`,
        part.flatMap(values),
      );
    }
  });
}

/** A time `seconds` after `base`. */
export const at = (base: Date, seconds: number) => new Date(base.getTime() + seconds * 1000);
