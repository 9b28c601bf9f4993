import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ALL_PERMISSIONS } from '@shared/permissions';
import type { MessageDetailDto } from '@shared/types/messages';
import { ContactEntity } from '../../../electron/core/db/entities/contact';
import { UserEntity } from '../../../electron/core/db/entities/user';
import {
  AlertEntity,
  ConversationEntity,
  MessageEntity,
  PhoneNumberEntity,
  TemplateEntity,
} from '../../../electron/core/db/entities/messaging';
import {
  DISPLAY_PHONE_NUMBER,
  PHONE_NUMBER_ID,
  WABA_ID,
  at,
  envelope,
  inboundText,
  insertOutbound,
  iso,
  statuses,
  startWebhookHarness,
  type Change,
  type WebhookHarness,
} from './webhook-harness';

/**
 * What stored deliveries do once the processor applies them: contacts, conversations, message
 * statuses that only move forward, templates and alerts, and the core events windows listen to.
 * Every delivery goes in over real HTTP, signed, as Meta sends it.
 */
let h: WebhookHarness;
beforeEach(async () => {
  h = await startWebhookHarness();
});
afterEach(() => h.close());

/** Posts each delivery in turn (each must be acknowledged) and waits until all are applied. */
async function deliver(...deliveries: (Change[] | string)[]): Promise<void> {
  for (const d of deliveries) {
    const response = await h.post(typeof d === 'string' ? d : envelope(d));
    expect(response.status, response.text).toBe(200);
  }
  await h.settle();
}

const message = (id: number): Promise<MessageDetailDto> => h.core.services.messages.get(id);
const repo = {
  contacts: () => h.core.ctx.db.getRepository(ContactEntity),
  conversations: () => h.core.ctx.db.getRepository(ConversationEntity),
  messages: () => h.core.ctx.db.getRepository(MessageEntity),
  alerts: () => h.core.ctx.db.getRepository(AlertEntity),
};
const eventsNamed = (name: string) => h.events.filter((e) => e.name === name);

describe('inbound messages', () => {
  it('create the contact under their WhatsApp profile name and an open conversation with one unread', async () => {
    await deliver([inboundText({ wamid: 'wamid.in.1', from: '16505551234', name: 'Sheena Nelson' })]);
    const contacts = await repo.contacts().find();
    expect(contacts).toHaveLength(1);
    expect(contacts[0]).toMatchObject({ name: 'Sheena Nelson', phone: '+16505551234', waId: '16505551234' });
    const conversation = await repo.conversations().findOneByOrFail({ contactId: contacts[0]!.id });
    expect(conversation).toMatchObject({ status: 'open', unreadCount: 1, phoneNumberId: PHONE_NUMBER_ID });
    const stored = await repo.messages().findOneByOrFail({ waMessageId: 'wamid.in.1' });
    expect(stored).toMatchObject({
      direction: 'in',
      status: 'received',
      text: 'Does it come in another color?',
      conversationId: conversation.id,
      contactId: contacts[0]!.id,
    });
  });

  it('a byte-identical replay of a delivery is stored once and applied once', async () => {
    const raw = JSON.stringify(envelope([inboundText({ wamid: 'wamid.replay', from: '16505551234' })]));
    await deliver(raw, raw, raw);
    expect(await h.inbox()).toHaveLength(1);
    expect(await repo.messages().countBy({ waMessageId: 'wamid.replay' })).toBe(1);
    const [conversation] = await repo.conversations().find();
    expect(conversation?.unreadCount).toBe(1);
  });

  it('the same message id in a different delivery is applied once', async () => {
    const change = inboundText({ wamid: 'wamid.again', from: '16505551234' });
    // Another delivery carrying it: a different entry time and a status beside it, so other bytes.
    const other = {
      object: 'whatsapp_business_account',
      entry: [{ id: WABA_ID, time: 1_749_416_999, changes: [change] }],
    };
    await deliver([change], JSON.stringify(other));
    const inbox = await h.inbox();
    expect(inbox).toHaveLength(2);
    expect(inbox.every((row) => row.state === 'done')).toBe(true);
    expect(await repo.messages().countBy({ waMessageId: 'wamid.again' })).toBe(1);
    expect(await repo.contacts().count()).toBe(1);
    const [conversation] = await repo.conversations().find();
    expect(conversation?.unreadCount).toBe(1);
  });

  it('a new message from the same customer reopens their closed conversation and adds to unread', async () => {
    await deliver([inboundText({ wamid: 'wamid.first', from: '16505551234', timestamp: at(0) })]);
    const first = await repo.conversations().findOneByOrFail({ phoneNumberId: PHONE_NUMBER_ID });
    await h.core.ctx.tx.run((m) =>
      m.getRepository(ConversationEntity).update({ id: first.id }, { status: 'closed' }),
    );
    await deliver([inboundText({ wamid: 'wamid.second', from: '16505551234', timestamp: at(60) })]);
    const conversations = await repo.conversations().find();
    expect(conversations).toHaveLength(1);
    expect(conversations[0]).toMatchObject({ id: first.id, status: 'open', unreadCount: 2 });
    expect(conversations[0]!.lastInboundAt.toISOString()).toBe(iso(at(60)));
  });
});

describe('statuses', () => {
  it('move forward only: read then a late delivered stays read, and still records when it was delivered', async () => {
    const id = await insertOutbound(h.core, { wamid: 'wamid.out.1' });
    await deliver(
      [statuses({ wamid: 'wamid.out.1', status: 'read', timestamp: at(20) })],
      [statuses({ wamid: 'wamid.out.1', status: 'delivered', timestamp: at(10) })],
    );
    const dto = await message(id);
    expect(dto.status).toBe('read');
    expect(dto.readAt).toBe(iso(at(20)));
    expect(dto.deliveredAt).toBe(iso(at(10)));
  });

  it('a repeated status keeps the first timestamp and changes nothing', async () => {
    const id = await insertOutbound(h.core, { wamid: 'wamid.out.dup' });
    await deliver([statuses({ wamid: 'wamid.out.dup', status: 'delivered', timestamp: at(10) })]);
    const before = await message(id);
    const eventsBefore = eventsNamed('messages.changed').length;
    await deliver([statuses({ wamid: 'wamid.out.dup', status: 'delivered', timestamp: at(99) })]);
    expect(await message(id)).toEqual(before);
    expect(before.deliveredAt).toBe(iso(at(10)));
    expect(eventsNamed('messages.changed')).toHaveLength(eventsBefore);
  });

  it('a failed after delivered does not undo the delivery', async () => {
    const id = await insertOutbound(h.core, { wamid: 'wamid.out.2' });
    await deliver(
      [statuses({ wamid: 'wamid.out.2', status: 'delivered', timestamp: at(10) })],
      [
        statuses({
          wamid: 'wamid.out.2',
          status: 'failed',
          timestamp: at(30),
          error: { code: 131000, title: 'Something went wrong', details: 'late' },
        }),
      ],
    );
    const dto = await message(id);
    expect(dto.status).toBe('delivered');
    expect(dto.deliveredAt).toBe(iso(at(10)));
    expect(dto.error).toBeNull();
  });

  it('a failed after read keeps the message read without an error; the failure is in its status history', async () => {
    const id = await insertOutbound(h.core, { wamid: 'wamid.out.late' });
    const lateFailure = { code: 131000, title: 'Something went wrong', details: 'reported after read' };
    await deliver(
      [statuses({ wamid: 'wamid.out.late', status: 'delivered', timestamp: at(10) })],
      [statuses({ wamid: 'wamid.out.late', status: 'read', timestamp: at(20) })],
      [statuses({ wamid: 'wamid.out.late', status: 'failed', timestamp: at(30), error: lateFailure })],
    );
    const expected = {
      status: 'read',
      readAt: iso(at(20)),
      error: null,
      failedAt: null,
      statusHistory: [
        { status: 'delivered', at: iso(at(10)), error: null },
        { status: 'read', at: iso(at(20)), error: null },
        { status: 'failed', at: iso(at(30)), error: lateFailure },
      ],
    };
    expect(await message(id)).toMatchObject(expected);
    // What an integrator reads through the token API is the same.
    const owner = await h.core.ctx.db.getRepository(UserEntity).findOneByOrFail({ kind: 'super_admin' });
    const { token } = await h.core.services.tokens.create(
      { user: owner, sessionId: null, permissions: new Set(ALL_PERMISSIONS) },
      'status reader',
      ['conversations.read_all'],
    );
    const response = await fetch(`http://127.0.0.1:${h.port}/api/v1/messages/${id}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { data: unknown }).data).toMatchObject(expected);
    // A repeat of the late failure in another delivery adds nothing and tells nobody.
    const eventsBefore = eventsNamed('messages.changed').length;
    await deliver([
      statuses({ wamid: 'wamid.out.late', status: 'failed', timestamp: at(31), error: lateFailure }),
    ]);
    expect((await message(id)).statusHistory).toHaveLength(3);
    expect(eventsNamed('messages.changed')).toHaveLength(eventsBefore);
  });

  it('a failed then a delivery after all: delivered, its error only in the history', async () => {
    const id = await insertOutbound(h.core, { wamid: 'wamid.out.revived' });
    const failure = { code: 131026, title: 'Message undeliverable', details: 'first attempt' };
    await deliver(
      [statuses({ wamid: 'wamid.out.revived', status: 'failed', timestamp: at(5), error: failure })],
      [statuses({ wamid: 'wamid.out.revived', status: 'delivered', timestamp: at(9) })],
    );
    expect(await message(id)).toMatchObject({
      status: 'delivered',
      error: null,
      failedAt: null,
      statusHistory: [
        { status: 'failed', at: iso(at(5)), error: failure },
        { status: 'delivered', at: iso(at(9)), error: null },
      ],
    });
  });

  it('a failed status records Meta’s code, title and details', async () => {
    const id = await insertOutbound(h.core, { wamid: 'wamid.out.3' });
    await deliver([
      statuses({
        wamid: 'wamid.out.3',
        status: 'failed',
        timestamp: at(5),
        error: {
          code: 131049,
          title: 'This message was not delivered to maintain healthy ecosystem engagement.',
          details: 'In order to maintain a healthy ecosystem engagement, the message failed to be delivered.',
        },
      }),
    ]);
    const dto = await message(id);
    expect(dto).toMatchObject({
      status: 'failed',
      failedAt: iso(at(5)),
      error: {
        code: 131049,
        title: 'This message was not delivered to maintain healthy ecosystem engagement.',
        details: 'In order to maintain a healthy ecosystem engagement, the message failed to be delivered.',
      },
    });
  });

  it('a status that arrives before the send returned its wamid is matched by biz_opaque_callback_data', async () => {
    // Stored and sent, Meta's answer (the wamid) not back yet.
    const id = await insertOutbound(h.core, { clientRef: 'wd_ref-42', status: 'sending' });
    await deliver([
      statuses({ wamid: 'wamid.early', status: 'sent', timestamp: at(1), bizOpaque: 'wd_ref-42' }),
    ]);
    let dto = await message(id);
    expect(dto).toMatchObject({ status: 'sent', waMessageId: 'wamid.early', sentAt: iso(at(1)) });
    // Later statuses find it by the wamid learnt from the first one.
    await deliver([statuses({ wamid: 'wamid.early', status: 'delivered', timestamp: at(2) })]);
    dto = await message(id);
    expect(dto).toMatchObject({ status: 'delivered', deliveredAt: iso(at(2)) });
  });

  it('statuses for messages that are not ours are ignored, and the delivery is still done', async () => {
    await deliver([statuses({ wamid: 'wamid.someone-else', status: 'read', timestamp: at(1) })]);
    expect(await repo.messages().count()).toBe(0);
    expect((await h.inbox()).map((r) => r.state)).toEqual(['done']);
  });
});

describe('account fields', () => {
  it('a template status update updates the templates row', async () => {
    await h.core.ctx.tx.run((m) =>
      m.getRepository(TemplateEntity).insert({
        id: '1689556908129832',
        name: 'order_confirmation',
        language: 'en_US',
        category: 'UTILITY',
        status: 'PENDING',
        parameterFormat: 'POSITIONAL',
        components: '[]',
        rejectedReason: null,
        updatedAt: new Date(0),
      }),
    );
    const templateChange = (event: string, reason: string): Change => ({
      field: 'message_template_status_update',
      value: {
        event,
        // A number, as in Meta's own example.
        message_template_id: 1689556908129832,
        message_template_name: 'order_confirmation',
        message_template_language: 'en_US',
        reason,
        message_template_category: 'UTILITY',
      },
    });
    await deliver([templateChange('APPROVED', 'NONE')]);
    const templates = h.core.ctx.db.getRepository(TemplateEntity);
    expect(await templates.findOneByOrFail({ id: '1689556908129832' })).toMatchObject({
      status: 'APPROVED',
      rejectedReason: null,
    });
    expect(eventsNamed('templates.changed').map((e) => e.payload)).toEqual([
      { templateId: '1689556908129832', status: 'APPROVED' },
    ]);

    await deliver([templateChange('REJECTED', 'INVALID_FORMAT')]);
    expect(await templates.findOneByOrFail({ id: '1689556908129832' })).toMatchObject({
      status: 'REJECTED',
      rejectedReason: 'INVALID_FORMAT',
    });
    const alerts = await repo.alerts().findBy({ kind: 'template' });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.message).toContain('order_confirmation');
  });

  it('a phone number quality update raises an alert and records the new messaging limit', async () => {
    await h.core.ctx.tx.run((m) =>
      m.getRepository(PhoneNumberEntity).insert({
        id: PHONE_NUMBER_ID,
        displayPhoneNumber: '+1 555-078-3881',
        verifiedName: 'Demo Shop',
        qualityRating: 'GREEN',
        messagingLimitTier: 'TIER_250',
        throughputMps: 80,
        status: 'CONNECTED',
        updatedAt: new Date(0),
      }),
    );
    await deliver([
      {
        field: 'phone_number_quality_update',
        value: {
          display_phone_number: DISPLAY_PHONE_NUMBER,
          event: 'THROUGHPUT_UPGRADE',
          max_daily_conversations_per_business: 'TIER_UNLIMITED',
        },
      },
    ]);
    const alerts = await repo.alerts().find();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ kind: 'phone_number', dismissedAt: null });
    expect(alerts[0]!.message).toContain('THROUGHPUT_UPGRADE');
    const number = await h.core.ctx.db
      .getRepository(PhoneNumberEntity)
      .findOneByOrFail({ id: PHONE_NUMBER_ID });
    expect(number.messagingLimitTier).toBe('TIER_UNLIMITED');
    expect(eventsNamed('alerts.changed')).toHaveLength(1);
  });

  it('an account restriction raises an alert', async () => {
    await deliver([
      {
        field: 'account_update',
        value: {
          event: 'ACCOUNT_RESTRICTION',
          restriction_info: [
            { restriction_type: 'RESTRICTED_BIZ_INITIATED_MESSAGING', expiration: 1641330498 },
          ],
        },
      },
    ]);
    const alerts = await repo.alerts().find();
    expect(alerts.map((a) => a.kind)).toEqual(['account']);
    expect(alerts[0]!.message).toContain('ACCOUNT_RESTRICTION');
    expect(eventsNamed('alerts.changed')).toHaveLength(1);
  });
});

describe('core events', () => {
  it('an inbound message tells windows about its conversation and the message', async () => {
    await deliver([inboundText({ wamid: 'wamid.ev.in', from: '16505551234' })]);
    const stored = await repo.messages().findOneByOrFail({ waMessageId: 'wamid.ev.in' });
    expect(eventsNamed('conversations.changed').map((e) => e.payload)).toEqual([
      { conversationId: stored.conversationId, contactId: stored.contactId, assignedUserId: null },
    ]);
    expect(eventsNamed('messages.changed').map((e) => e.payload)).toEqual([
      {
        messageId: stored.id,
        conversationId: stored.conversationId,
        assignedUserId: null,
        campaignId: null,
        status: 'received',
      },
    ]);
  });

  it('each status that moves a message on publishes messages.changed with the new status', async () => {
    const id = await insertOutbound(h.core, { wamid: 'wamid.ev.out' });
    await deliver(
      [statuses({ wamid: 'wamid.ev.out', status: 'delivered', timestamp: at(1) })],
      [statuses({ wamid: 'wamid.ev.out', status: 'read', timestamp: at(2) })],
    );
    expect(eventsNamed('messages.changed').map((e) => e.payload)).toEqual([
      { messageId: id, conversationId: null, assignedUserId: null, campaignId: null, status: 'delivered' },
      { messageId: id, conversationId: null, assignedUserId: null, campaignId: null, status: 'read' },
    ]);
  });

  it('a late status that changes what GET /messages/:id shows also tells windows', async () => {
    // Read first, then the late delivered: deliveredAt appears on the message, so an open message
    // view must hear of it (duplicates, which change nothing, stay silent: see above).
    const id = await insertOutbound(h.core, { wamid: 'wamid.ev.late' });
    await deliver([statuses({ wamid: 'wamid.ev.late', status: 'read', timestamp: at(2) })]);
    const before = eventsNamed('messages.changed').length;
    await deliver([statuses({ wamid: 'wamid.ev.late', status: 'delivered', timestamp: at(1) })]);
    expect((await message(id)).deliveredAt).toBe(iso(at(1)));
    expect(eventsNamed('messages.changed').length).toBe(before + 1);
    expect(eventsNamed('messages.changed').at(-1)!.payload).toMatchObject({ messageId: id, status: 'read' });
  });
});
