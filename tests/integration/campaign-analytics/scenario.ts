import { sqlDate } from '../../../electron/core/db/sql';
import type { Core } from '../../../electron/core/create-core';
import type { MessageStatus } from '../../../electron/core/db/entities/messaging';
import {
  addCampaign,
  addContact,
  addList,
  addMessages,
  addTemplate,
  at,
  OTHER_PHONE,
  unsubscribeFromList,
  type MessageSeed,
} from './fixtures';
import { writeSql } from '../../helpers/test-core';

/**
 * A campaign with a known mix, started at T0 and looked at ten minutes later:
 *
 *   c1 c2 queued · c3 sending · c4 unconfirmed · c5 c6 sent · c7 c8 c9 delivered
 *   c10–c13 read · c14 c15 failed 131026 · c16 failed 131049
 *   c17 delivered, then replied · c18 read, replied under its WhatsApp id only (contact gone from the row)
 *   c19 read, answered on another number · c20 read, wrote before the campaign message
 *
 * Opt-outs: c13 by keyword after the start, c12 left the campaign's list after the start (both count);
 * c11 opted out by keyword the day before (does not count); c10 left another list (does not count).
 * c20 is blocked. A test send to c1 and c5's message of another campaign must change nothing.
 */
export const T0 = new Date(Date.UTC(2030, 0, 15, 9, 0, 0));
export const NOW = at(T0, 600);

export interface Scenario {
  campaignId: number;
  listId: number;
  otherListId: number;
  /** c[1]…c[20]; c[0] unused. */
  c: number[];
}

export async function buildScenario(core: Core): Promise<Scenario> {
  await addTemplate(core);
  const c: number[] = [0];
  for (let i = 1; i <= 20; i++) {
    const name = i === 1 ? '=HYPERLINK("http://evil.test","Click")' : i === 2 ? 'Doe, "Jr"' : `Customer ${i}`;
    c.push(
      await addContact(core, {
        name,
        phone: `+9198765${String(43200 + i).padStart(5, '0')}`,
        ...(i === 20 ? { status: 'blocked' as const } : {}),
        ...(i === 11 ? { optedOutAt: at(T0, -86_400), optOutSource: 'keyword' as const } : {}),
      }),
    );
  }
  const dayBefore = at(T0, -86_400 * 2);
  const listId = await addList(core, 'Spring customers', c.slice(1), dayBefore);
  const otherListId = await addList(core, 'Newsletter', [c[10]!], dayBefore);
  const campaignId = await addCampaign(core, { status: 'running', startedAt: T0, listIds: [listId] });
  const otherCampaignId = await addCampaign(core, {
    name: 'Older',
    status: 'finished',
    startedAt: at(T0, -9000),
  });

  const wa = (i: number) => `9198765${String(43200 + i).padStart(5, '0')}`;
  const out = (i: number, status: MessageStatus, extra: Partial<MessageSeed> = {}): MessageSeed => ({
    campaignId,
    contactId: c[i]!,
    waId: wa(i),
    status,
    createdAt: T0,
    ...extra,
  });
  const sent = { sentAt: at(T0, 60) };
  const delivered = { ...sent, deliveredAt: at(T0, 120) };
  const read = { ...delivered, readAt: at(T0, 180) };
  await addMessages(core, [
    out(1, 'queued'),
    out(2, 'queued'),
    out(3, 'sending'),
    out(4, 'unconfirmed'),
    out(5, 'sent', sent),
    out(6, 'sent', sent),
    out(7, 'delivered', delivered),
    out(8, 'delivered', delivered),
    out(9, 'delivered', delivered),
    out(10, 'read', read),
    out(11, 'read', read),
    out(12, 'read', read),
    out(13, 'read', read),
    out(14, 'failed', { failedAt: at(T0, 60), errorCode: 131026, errorTitle: 'Message undeliverable' }),
    out(15, 'failed', { failedAt: at(T0, 60), errorCode: 131026, errorTitle: 'Message undeliverable' }),
    out(16, 'failed', {
      failedAt: at(T0, 240),
      errorCode: 131049,
      errorTitle: 'This message was not delivered to maintain healthy ecosystem engagement.',
    }),
    out(17, 'delivered', delivered),
    // The row lost its contact (deleted and re-created since): only the WhatsApp id links the reply.
    out(18, 'read', { ...read, contactId: null }),
    out(19, 'read', read),
    out(20, 'read', read),
    // A test send: never counted.
    out(1, 'read', { ...read, isTest: true }),
    // Another campaign's message to c5, read.
    { ...out(5, 'read', read), campaignId: otherCampaignId, createdAt: at(T0, -9000) },
    // Inbound: c17 answers on our number; c18 answers from its WhatsApp id with no contact on the
    // row; c19 answers on another number; c20 wrote an hour before; c7 gets another outbound.
    {
      campaignId: null,
      contactId: c[17]!,
      waId: wa(17),
      status: 'received',
      direction: 'in',
      createdAt: at(T0, 300),
    },
    {
      campaignId: null,
      contactId: null,
      waId: wa(18),
      status: 'received',
      direction: 'in',
      createdAt: at(T0, 310),
    },
    {
      campaignId: null,
      contactId: c[19]!,
      waId: wa(19),
      status: 'received',
      direction: 'in',
      phoneNumberId: OTHER_PHONE,
      createdAt: at(T0, 320),
    },
    {
      campaignId: null,
      contactId: c[20]!,
      waId: wa(20),
      status: 'received',
      direction: 'in',
      createdAt: at(T0, -3600),
    },
    {
      campaignId: null,
      contactId: c[7]!,
      waId: wa(7),
      status: 'sent',
      createdAt: at(T0, 330),
      sentAt: at(T0, 330),
    },
  ]);

  await writeSql(
    core,
    `UPDATE contacts SET opted_out = 1, opted_out_at = ?, opt_out_source = 'keyword' WHERE id = ?`,
    [sqlDate(at(T0, 240)), c[13]],
  );
  await unsubscribeFromList(core, listId, c[13]!, at(T0, 240));
  await unsubscribeFromList(core, listId, c[12]!, at(T0, 250));
  await unsubscribeFromList(core, listId, c[11]!, at(T0, -86_400));
  await unsubscribeFromList(core, otherListId, c[10]!, at(T0, 260));
  return { campaignId, listId, otherListId, c };
}
