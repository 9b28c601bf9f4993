import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConversationEntity, MessageEntity } from '../../../electron/core/db/entities/messaging';
import { Effects } from '../../../electron/core/webhooks/effects';
import { applyMessage } from '../../../electron/core/webhooks/apply-message';
import { inboundContacts } from '../../../electron/core/contacts/inbound-contact';
import type { MessageEvent } from '../../../electron/core/whatsapp/webhooks';
import { makeTestCore, type TestCore } from '../../helpers/test-core';

let tc: TestCore;
beforeEach(async () => {
  tc = await makeTestCore();
});
afterEach(() => tc.close());

function inbound(waId: string, wamid: string, phoneNumberId: string, text: string, at: number): MessageEvent {
  return {
    kind: 'message',
    wabaId: 'waba',
    phoneNumberId,
    displayPhoneNumber: null,
    contact: { waId, name: 'Customer', userId: null, username: null },
    message: {
      type: 'text',
      text,
      id: wamid,
      from: waId,
      fromUserId: null,
      timestamp: at,
      context: null,
      referral: null,
      raw: {},
    },
  };
}

async function receive(event: MessageEvent) {
  await tc.core.ctx.tx.run((m) =>
    applyMessage(
      m,
      event,
      {
        contacts: inboundContacts((tx, keep, merge) => tc.core.services.contacts.joinWithin(tx, keep, merge)),
      },
      new Effects(),
    ),
  );
}

describe('merging contacts keeps their conversations', () => {
  it('moves the duplicate’s messages into the kept contact’s conversation on the same number', async () => {
    await receive(inbound('919800000001', 'wamid.a', 'pn1', 'first number', 1_700_000_000));
    await receive(inbound('919800000002', 'wamid.b', 'pn1', 'second number', 1_700_000_100));
    await receive(inbound('919800000002', 'wamid.c', 'pn2', 'other line', 1_700_000_200));
    const contacts = await tc.core.services.contacts.list({
      sort: 'name',
      order: 'asc',
      count: 'exact',
      page: 1,
      pageSize: 10,
    });
    const keep = contacts.items.find((c) => c.waId === '919800000001')!;
    const merge = contacts.items.find((c) => c.waId === '919800000002')!;

    await tc.core.services.contacts.merge(null, keep.id, merge.id);

    const messages = await tc.core.ctx.db.getRepository(MessageEntity).find({ order: { id: 'ASC' } });
    expect(messages.map((m) => [m.text, m.contactId])).toEqual([
      ['first number', keep.id],
      ['second number', keep.id],
      ['other line', keep.id],
    ]);
    const conversations = await tc.core.ctx.db
      .getRepository(ConversationEntity)
      .find({ order: { id: 'ASC' } });
    expect(conversations.map((c) => [c.contactId, c.phoneNumberId])).toEqual([
      [keep.id, 'pn1'],
      [keep.id, 'pn2'],
    ]);
    const pn1 = conversations.find((c) => c.phoneNumberId === 'pn1')!;
    expect(messages.filter((m) => m.phoneNumberId === 'pn1').every((m) => m.conversationId === pn1.id)).toBe(
      true,
    );
    expect(pn1.unreadCount).toBe(2);
    expect(pn1.lastMessageAt.getTime()).toBe(1_700_000_100_000);
  });
});
