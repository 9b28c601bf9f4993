import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContactEntity } from '../../../electron/core/db/entities/contact';
import { ConversationEntity, MessageEntity } from '../../../electron/core/db/entities/messaging';
import { fail, ok } from '../../helpers/dispatch';
import { addList, helloCampaign, PHONE_NUMBER_ID } from '../campaigns/campaign-app';
import { startInboxApp, type InboxApp } from './inbox-app';

/**
 * Customers known by phone number or by WhatsApp's business-scoped user id (issue 13, item 1;
 * reference §10), through the sandbox and signed webhooks: one who hides their number behind a
 * username writes, is answered and campaigned to by user id (`recipient`), and stays one contact when
 * a later message carries their number too, or a new user id.
 */
const NOOR = 'US.13491208655302741918'; // the sandbox's demo customer who hides her number
const NOOR_NUMBER = '15551234005';

let app: InboxApp;
beforeEach(async () => {
  app = await startInboxApp();
});
afterEach(() => app.close());

const contacts = () => app.core.ctx.db.getRepository(ContactEntity);
const sentTo = (waId: string) => app.sandbox.messages({ to: waId });
/** The texts of a conversation's thread, oldest first. */
const texts = (thread: { content: unknown }[]) =>
  thread.map((m) => (m.content as { text?: string }).text ?? null);

describe('a customer who hides their number', () => {
  it('writes by user id, is answered with `recipient`, and stays one contact when the number shows', async () => {
    await app.customerWrites(NOOR, { type: 'text', text: 'Is my cake ready?' });
    const noor = await contacts().findOneByOrFail({ userId: NOOR });
    expect(noor).toMatchObject({ phone: null, waId: null, username: 'noor.bakes', name: 'Noor Haddad' });

    const conversation = await app.conversationOf(NOOR);
    expect(conversation.contact).toMatchObject({ phone: null, username: 'noor.bakes', waId: NOOR });
    // The inbox finds her by username.
    const found = await ok(app.core, app.ownerToken, 'conversations.list', { view: 'all', search: 'noor.b' });
    expect(found.items.map((c) => c.id)).toEqual([conversation.id]);

    await ok(app.core, app.ownerToken, 'conversations.send', {
      conversationId: conversation.id,
      text: 'Ready at five!',
    });
    await app.settle();
    const [reply] = sentTo(NOOR_NUMBER);
    // Addressed as Meta asks for a user id: `recipient`, and no `to`.
    expect(reply!.payload).toMatchObject({ recipient: NOOR, type: 'text' });
    expect(reply!.payload).not.toHaveProperty('to');
    const thread = await app.thread(app.ownerToken, conversation.id);
    const ours = thread.find((m) => m.direction === 'out')!;
    // Its statuses name her by user id only, and still move the message on.
    expect(['delivered', 'read']).toContain(ours.status);

    // She shows her number: the message carries both keys, and she stays the same contact.
    app.sandbox.setIdentity(NOOR, { hidesNumber: false });
    await app.customerWrites(NOOR_NUMBER, { type: 'text', text: 'Thanks!' });
    expect(await contacts().countBy({ name: 'Noor Haddad' })).toBe(1);
    expect(await contacts().findOneByOrFail({ id: noor.id })).toMatchObject({
      phone: `+${NOOR_NUMBER}`,
      waId: NOOR_NUMBER,
      userId: NOOR,
    });
    expect(await app.core.ctx.db.getRepository(ConversationEntity).countBy({ contactId: noor.id })).toBe(1);
    expect(texts(await app.thread(app.ownerToken, conversation.id))).toEqual([
      'Is my cake ready?',
      'Ready at five!',
      'Thanks!',
    ]);
    // Her reaction, now under her number, lands on our reply sent to her user id.
    await app.customerWrites(NOOR_NUMBER, { type: 'reaction', messageId: reply!.id, emoji: '👍' });
    const reacted = await app.core.ctx.db
      .getRepository(MessageEntity)
      .findOneByOrFail({ waMessageId: reply!.id });
    expect(reacted.reaction).toBe('👍');
  });

  it('joins the contact the shop had by number with the one WhatsApp named by user id', async () => {
    const mei = await ok(app.core, app.ownerToken, 'contacts.create', {
      name: 'Mei Chen',
      phone: '+15551234003',
      tags: ['vip'],
      listIds: [],
    });
    // Mei hides her number: her first message names her by a user id the shop has never seen.
    app.sandbox.setIdentity('15551234003', { username: 'mei.c', hidesNumber: true });
    const userId = app.sandbox.info.customers.find((c) => c.waId === '15551234003')!.userId!;
    await app.customerWrites(userId, { type: 'text', text: 'Hi, it is Mei' });
    const stranger = await contacts().findOneByOrFail({ userId });
    expect(stranger.id).not.toBe(mei.id);

    // Later a message carries both: the two contacts become one, the shop's (with its tags).
    app.sandbox.setIdentity(userId, { hidesNumber: false });
    await app.customerWrites('15551234003', { type: 'text', text: 'Number back on' });
    expect(await contacts().existsBy({ id: stranger.id })).toBe(false);
    const joined = await ok(app.core, app.ownerToken, 'contacts.get', { id: mei.id });
    expect(joined).toMatchObject({ phone: '+15551234003', userId, username: 'mei.c', tags: ['vip'] });
    const messages = await app.core.ctx.db.getRepository(MessageEntity).findBy({ contactId: mei.id });
    expect(messages.map((m) => m.text).sort()).toEqual(['Hi, it is Mei', 'Number back on']);
    // Audited as the system's merge, naming why.
    const audit = await ok(app.core, app.ownerToken, 'audit.list', {
      actorUserId: null,
      targetType: 'contact',
    });
    const merged = audit.find((e) => e.action === 'contacts.merged');
    expect(JSON.stringify(merged)).toContain('WhatsApp named both as one customer');
  });

  it('follows a new user id announced by `user_changed_user_id`', async () => {
    await app.customerWrites(NOOR, { type: 'text', text: 'Hello' });
    const noor = await contacts().findOneByOrFail({ userId: NOOR });
    const renewed = 'US.77700000000000000001';
    app.sandbox.setIdentity(NOOR, { userId: renewed });
    await app.settle();
    expect(await contacts().findOneByOrFail({ id: noor.id })).toMatchObject({ userId: renewed });
    await app.customerWrites(renewed, { type: 'text', text: 'Still me' });
    expect(await contacts().countBy({ name: 'Noor Haddad' })).toBe(1);
    const thread = await app.thread(app.ownerToken, (await app.conversationOf(renewed)).id);
    expect(texts(thread)).toContain('Still me');
  });

  it('is campaigned to by user id, and WhatsApp’s own stop reaches her contact', async () => {
    const created = await ok(app.core, app.ownerToken, 'contacts.create', {
      name: 'Noor Haddad',
      userId: NOOR,
      listIds: [],
    });
    expect(created).toMatchObject({ phone: null, userId: NOOR });
    const list = await addList(app.core, [created.id]);
    const campaign = await helloCampaign(app, [list]);
    await app.core.services.campaigns.start(app.owner, campaign.id);
    await app.settled(campaign.id, 30_000);
    await app.settle();
    const [row] = await app.rows(campaign.id);
    expect(row).toMatchObject({ recipientWaId: NOOR, contactId: created.id });
    expect(['sent', 'delivered', 'read']).toContain(row!.status);
    expect(sentTo(NOOR_NUMBER)[0]!.payload).toMatchObject({ recipient: NOOR, type: 'template' });
    const recipients = await ok(app.core, app.ownerToken, 'campaigns.recipients', {
      id: campaign.id,
      page: 1,
      pageSize: 10,
    });
    // Shown by her user id where a number would be (the shop typed no username)…
    expect(recipients.items[0]).toMatchObject({ name: 'Noor Haddad', phone: NOOR });
    // …and by her username once WhatsApp has told it.
    // In a later second than the send: WhatsApp's timestamps are whole seconds.
    const later = new Date(Date.now() + 2_000).toISOString();
    await app.customerWrites(NOOR, { type: 'text', text: 'Got it, thanks', at: later });
    const again = await ok(app.core, app.ownerToken, 'campaigns.recipients', {
      id: campaign.id,
      page: 1,
      pageSize: 10,
    });
    expect(again.items[0]).toMatchObject({ phone: '@noor.bakes', state: 'replied' });

    app.sandbox.customerPreference(NOOR, { value: 'stop' });
    await app.settle();
    expect(await contacts().findOneByOrFail({ id: created.id })).toMatchObject({
      optedOut: true,
      optOutSource: 'whatsapp',
    });
  });
});

describe('the API names a customer by number or by user id', () => {
  it('creates, upserts and sends by user id; refuses what is neither', async () => {
    const bad = await fail(app.core, app.ownerToken, 'contacts.create', {
      name: 'Nobody',
      listIds: [],
    });
    expect(bad.fields?.[0]).toMatchObject({
      field: 'phone',
      message: 'Give a phone number or a WhatsApp user id',
    });
    const notAnId = await fail(app.core, app.ownerToken, 'contacts.create', {
      name: 'Nobody',
      userId: 'noor.bakes',
      listIds: [],
    });
    expect(notAnId.fields?.[0]?.field).toBe('userId');

    const first = await ok(app.core, app.ownerToken, 'contacts.upsert', {
      userId: NOOR,
      name: 'Noor',
      listIds: [],
    });
    const again = await ok(app.core, app.ownerToken, 'contacts.upsert', {
      userId: NOOR,
      tags: ['cakes'],
      listIds: [],
    });
    expect(first.created).toBe(true);
    expect(again).toMatchObject({ created: false, contact: { id: first.contact.id, tags: ['cakes'] } });
    const taken = await fail(app.core, app.ownerToken, 'contacts.create', {
      name: 'Twin',
      userId: NOOR,
      listIds: [],
    });
    expect(taken.code).toBe('CONFLICT');

    // She wrote in the last 24 hours (the sandbox's demo data), so a text may go.
    await app.customerWrites(NOOR, { type: 'text', text: 'Hi' });
    const sent = await ok(app.core, app.ownerToken, 'messages.send', { to: NOOR, text: 'Hello Noor' });
    expect(sent).toMatchObject({ waId: NOOR, contactId: first.contact.id });
    await app.settle();
    expect(sentTo(NOOR_NUMBER).at(-1)!.payload).toMatchObject({ recipient: NOOR });
  });
});

/** What a review of the first version found: each of these failed before its fix. */
describe('one customer, whichever key WhatsApp names them by', () => {
  it('personalises a campaign for a customer known only by user id', async () => {
    const noor = await ok(app.core, app.ownerToken, 'contacts.create', {
      name: 'Noor Haddad',
      userId: NOOR,
      attributes: { guests: '4' },
      listIds: [],
    });
    const list = await addList(app.core, [noor.id]);
    const campaign = await app.core.services.campaigns.create(app.owner, {
      name: 'Bookings',
      phoneNumberId: PHONE_NUMBER_ID,
      templateId: await app.templateId('booking_reminder'),
      listIds: [list],
      variables: [
        { component: 'body', placeholder: 'first_name', source: 'first_name', value: '', fallback: '' },
        {
          component: 'body',
          placeholder: 'number_of_guests',
          source: 'attribute',
          value: 'guests',
          fallback: '',
        },
      ],
      mediaHeader: null,
      optOutKeywords: ['STOP'],
      messagesPerSecond: null,
    });
    await app.core.services.campaigns.start(app.owner, campaign.id);
    await app.settled(campaign.id, 30_000);
    const [row] = await app.rows(campaign.id);
    expect(row!.status).not.toBe('failed');
    expect(row!.text).toContain('Noor');
    expect(row!.text).toContain('4');
  });

  it('counts a STOP sent from her user id to a campaign that reached her number', async () => {
    const noor = await ok(app.core, app.ownerToken, 'contacts.create', {
      name: 'Noor Haddad',
      phone: `+${NOOR_NUMBER}`,
      userId: NOOR,
      listIds: [],
    });
    app.sandbox.setIdentity(NOOR, { hidesNumber: false });
    const list = await addList(app.core, [noor.id]);
    const campaign = await helloCampaign(app, [list]);
    await app.core.services.campaigns.start(app.owner, campaign.id);
    await app.settled(campaign.id, 30_000);
    await app.settle();
    expect((await app.rows(campaign.id))[0]).toMatchObject({ recipientWaId: NOOR_NUMBER });
    // She hides her number again, then answers STOP: WhatsApp names her by user id only.
    app.sandbox.setIdentity(NOOR, { hidesNumber: true });
    await app.customerWrites(NOOR, { type: 'text', text: 'STOP' });
    expect(await contacts().findOneByOrFail({ id: noor.id })).toMatchObject({
      optedOut: true,
      optOutSource: 'keyword',
    });
  });

  it('lets WhatsApp’s stop join the contact by number with the one by user id, and opts both ways out', async () => {
    const byNumber = await ok(app.core, app.ownerToken, 'contacts.create', {
      name: 'Noor (shop)',
      phone: `+${NOOR_NUMBER}`,
      listIds: [],
    });
    const byUserId = await ok(app.core, app.ownerToken, 'contacts.create', {
      name: 'Noor (import)',
      userId: NOOR,
      listIds: [],
    });
    app.sandbox.setIdentity(NOOR, { hidesNumber: false });
    app.sandbox.customerPreference(NOOR, { value: 'stop' });
    await app.settle();
    expect(await contacts().existsBy({ id: byUserId.id })).toBe(false);
    expect(await contacts().findOneByOrFail({ id: byNumber.id })).toMatchObject({
      userId: NOOR,
      optedOut: true,
      optOutSource: 'whatsapp',
      // A stop is not a message: it says nothing of when she last wrote.
      lastInboundAt: null,
    });
  });

  it('takes the user id a message brings over an older one, so the next message finds the same contact', async () => {
    const mei = await ok(app.core, app.ownerToken, 'contacts.create', {
      name: 'Mei Chen',
      phone: '+15551234003',
      userId: 'US.11111111111111111111',
      listIds: [],
    });
    // WhatsApp gives her a new user id without telling (no user_changed_user_id): both keys arrive.
    app.sandbox.setIdentity('15551234003', { userId: 'US.22222222222222222222' });
    await app.settle();
    await app.customerWrites('15551234003', { type: 'text', text: 'Hello again' });
    expect(await contacts().findOneByOrFail({ id: mei.id })).toMatchObject({
      userId: 'US.22222222222222222222',
    });
    app.sandbox.setIdentity('15551234003', { hidesNumber: true });
    await app.customerWrites('US.22222222222222222222', { type: 'text', text: 'Number hidden now' });
    expect(await contacts().count()).toBe(1);
  });
});

describe('the API’s upsert with both keys', () => {
  it('fills the key a contact lacks, and refuses at once when the two keys are two contacts', async () => {
    const byNumber = await ok(app.core, app.ownerToken, 'contacts.create', {
      name: 'Asha',
      phone: '+15551234001',
      listIds: [],
    });
    const filled = await ok(app.core, app.ownerToken, 'contacts.upsert', {
      phone: '+15551234001',
      userId: 'US.33333333333333333333',
      listIds: [],
    });
    expect(filled).toMatchObject({
      created: false,
      contact: { id: byNumber.id, userId: 'US.33333333333333333333' },
    });

    const noor = await ok(app.core, app.ownerToken, 'contacts.create', {
      name: 'Noor',
      userId: NOOR,
      listIds: [],
    });
    const started = Date.now();
    // Her number is new here, her user id is not: it used to retry the same create forever,
    // holding the write queue. Her contact gains the number instead.
    const joined = await ok(app.core, app.ownerToken, 'contacts.upsert', {
      phone: `+${NOOR_NUMBER}`,
      userId: NOOR,
      listIds: [],
    });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(joined.contact).toMatchObject({ id: noor.id, phone: `+${NOOR_NUMBER}` });
    // A number and a user id of two different contacts: refused, naming both.
    const clash = await fail(app.core, app.ownerToken, 'contacts.upsert', {
      phone: '+15551234001',
      userId: NOOR,
      listIds: [],
    });
    expect(clash.code).toBe('CONFLICT');
  });
});
