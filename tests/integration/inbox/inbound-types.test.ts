import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ALL_PERMISSIONS } from '@shared/permissions';
import type { ThreadMessage } from '@shared/types/conversations';
import type { Actor } from '../../../electron/core/auth/actor';
import { MessageEntity } from '../../../electron/core/db/entities/messaging';
import { UserEntity } from '../../../electron/core/db/entities/user';
import {
  DISPLAY_PHONE_NUMBER,
  PHONE_NUMBER_ID,
  envelope,
  insertOutbound,
  startWebhookHarness,
  type WebhookHarness,
} from '../webhooks/webhook-harness';

/**
 * Every inbound type of the reference's payloads (and pywa's fixture shapes for edits and
 * deletions) becomes the message the thread shows, delivered over real HTTP, signed, as Meta does.
 */
let h: WebhookHarness;
let owner: Actor;
beforeEach(async () => {
  h = await startWebhookHarness();
  const user = await h.core.ctx.db.getRepository(UserEntity).findOneByOrFail({ kind: 'super_admin' });
  owner = { user, sessionId: null, permissions: new Set(ALL_PERMISSIONS) };
});
afterEach(() => h.close());

async function deliver(body: unknown): Promise<void> {
  const response = await h.post(body);
  expect(response.status, response.text).toBe(200);
  await h.settle();
}

async function threadOf(waId: string): Promise<Map<string, ThreadMessage>> {
  const [row] = await h.core.ctx.db.query<{ id: number }[]>(
    'SELECT c.id FROM conversations c JOIN contacts k ON k.id = c.contact_id WHERE k.wa_id = ?',
    [waId],
  );
  const page = await h.core.services.conversations.messages(owner, { conversationId: row!.id, limit: 200 });
  return new Map(page.items.map((m) => [m.waMessageId ?? String(m.id), m]));
}

/** One `messages` change from a customer, in Meta's shape. */
function fromCustomer(waId: string, ...messages: Record<string, unknown>[]) {
  return envelope([
    {
      field: 'messages',
      value: {
        messaging_product: 'whatsapp',
        metadata: { display_phone_number: DISPLAY_PHONE_NUMBER, phone_number_id: PHONE_NUMBER_ID },
        contacts: [{ profile: { name: 'Test Name' }, wa_id: waId }],
        messages: messages.map((m, i) => ({ from: waId, timestamp: String(1_697_044_960 + i), ...m })),
      },
    },
  ]);
}

describe('every inbound type of the reference', () => {
  it('becomes the message the thread shows', async () => {
    const ours = await insertOutbound(h.core, { wamid: 'wamid.OURS' });
    await deliver(readFileSync('tests/fixtures/webhooks/messages-inbound.json', 'utf8'));
    const thread = await threadOf('16505551234');
    const content = (wamid: string) => thread.get(wamid)?.content;

    expect(content('wamid.TEXT')).toEqual({ kind: 'text', text: 'Does it come in another color?' });
    expect(content('wamid.IMAGE')).toMatchObject({
      kind: 'media',
      type: 'image',
      media: { caption: 'Taj Mahal', voice: false },
    });
    expect(content('wamid.VIDEO')).toMatchObject({ kind: 'media', type: 'video' });
    expect(content('wamid.DOCUMENT')).toMatchObject({
      kind: 'media',
      type: 'document',
      media: { caption: 'c' },
    });
    expect(content('wamid.AUDIO')).toMatchObject({ kind: 'media', type: 'audio', media: { voice: true } });
    expect(content('wamid.STICKER')).toMatchObject({ kind: 'media', type: 'sticker' });
    expect(content('wamid.LOCATION')).toMatchObject({
      kind: 'location',
      latitude: 37.44221496582,
      longitude: -122.16165924072,
      name: 'Philz Coffee',
      mapUrl: expect.stringContaining('mlat=37.44221496582'),
    });
    expect(content('wamid.BUTTON')).toEqual({ kind: 'button', text: 'Unsubscribe', payload: 'Unsubscribe' });
    expect(content('wamid.BUTTON_REPLY')).toMatchObject({
      kind: 'interactive',
      reply: 'button_reply',
      id: 'cancel-button',
    });
    expect(content('wamid.LIST_REPLY')).toMatchObject({
      kind: 'interactive',
      reply: 'list_reply',
      title: 'Priority Mail Express',
      description: 'Next Day',
    });
    expect(content('wamid.UNSUPPORTED')).toMatchObject({
      kind: 'unsupported',
      reason: expect.stringContaining('131051'),
    });
    expect(content('wamid.SYSTEM')).toMatchObject({
      kind: 'system',
      text: expect.stringContaining('changed from'),
    });
    expect(thread.get('wamid.REPLY')).toMatchObject({ quotesUnknown: true, quoted: null });
    expect(thread.get('wamid.FORWARDED')).toMatchObject({ forwarded: true });
    expect(content('wamid.ORDER')).toMatchObject({
      kind: 'unsupported',
      reason: expect.stringContaining('order'),
    });

    // The contact card came from another customer of the same delivery.
    const lucia = await threadOf('19835552319');
    expect(lucia.get('wamid.CONTACTS')?.content).toEqual({
      kind: 'contacts',
      contacts: [
        {
          name: 'Lucía Gómez',
          phones: [{ phone: '+1 (983) 555-2319', waId: '19835552319', type: 'MOBILE' }],
          emails: [],
          organization: 'Google',
        },
      ],
    });

    // The reaction and its removal land on our message, not in the thread as messages of their own.
    expect(thread.has('wamid.REACTION')).toBe(false);
    expect(thread.has('wamid.UNREACTION')).toBe(false);
    const reacted = await h.core.ctx.db.getRepository(MessageEntity).findOneByOrFail({ id: ours });
    expect(reacted.reaction).toBeNull();
    expect(reacted.reactedAt).not.toBeNull();
  });
});

describe('a customer’s edits, deletions and reactions (pywa’s shapes)', () => {
  const CUSTOMER = '972987654321';

  it('an edit shows the latest text, marked edited, and search finds the new words', async () => {
    await deliver(
      fromCustomer(CUSTOMER, { id: 'wamid.zzzzzz', type: 'text', text: { body: 'Text before the edit' } }),
    );
    await deliver(
      fromCustomer(CUSTOMER, {
        id: 'wamid.yyyyyy',
        type: 'edit',
        edit: {
          original_message_id: 'wamid.zzzzzz',
          message: { type: 'text', text: { body: 'Text was edited' } },
        },
      }),
    );
    const thread = await threadOf(CUSTOMER);
    expect(thread.size).toBe(1);
    expect(thread.get('wamid.zzzzzz')).toMatchObject({ content: { kind: 'text', text: 'Text was edited' } });
    expect(thread.get('wamid.zzzzzz')!.editedAt).not.toBeNull();
    const found = await h.core.services.conversations.list(owner, {
      view: 'all',
      search: 'edited',
      limit: 10,
    });
    expect(found.items.map((c) => c.match?.text)).toEqual(['Text was edited']);
    const old = await h.core.services.conversations.list(owner, {
      view: 'all',
      search: 'before the',
      limit: 10,
    });
    expect(old.items).toHaveLength(0);
  });

  it('an edit of a caption changes the caption of the photo', async () => {
    await deliver(
      fromCustomer(CUSTOMER, {
        id: 'wamid.photo',
        type: 'image',
        image: { caption: 'old caption', mime_type: 'image/jpeg', sha256: 'x', id: '65463453' },
      }),
    );
    await deliver(
      fromCustomer(CUSTOMER, {
        id: 'wamid.photo-edit',
        type: 'edit',
        edit: {
          original_message_id: 'wamid.photo',
          message: {
            type: 'image',
            image: { caption: 'caption', mime_type: 'image/jpeg', sha256: '4654+8g=', id: '65463453' },
          },
        },
      }),
    );
    const photo = (await threadOf(CUSTOMER)).get('wamid.photo')!;
    expect(photo.content).toMatchObject({ kind: 'media', type: 'image', media: { caption: 'caption' } });
    expect(photo.editedAt).not.toBeNull();
  });

  it('a deletion leaves “this message was deleted”: no text, not searchable', async () => {
    await deliver(
      fromCustomer(CUSTOMER, { id: 'wamid.secret', type: 'text', text: { body: 'my card number 4111' } }),
    );
    await deliver(
      fromCustomer(CUSTOMER, {
        id: 'wamid.revoke',
        type: 'revoke',
        revoke: { original_message_id: 'wamid.secret' },
      }),
    );
    const deleted = (await threadOf(CUSTOMER)).get('wamid.secret')!;
    expect(deleted.deletedAt).not.toBeNull();
    expect(deleted.content).toEqual({ kind: 'text', text: '' });
    const row = await h.core.ctx.db
      .getRepository(MessageEntity)
      .findOneByOrFail({ waMessageId: 'wamid.secret' });
    expect(row.text).toBeNull();
    expect(row.payload).not.toContain('4111');
    const [conversation] = (await h.core.services.conversations.list(owner, { view: 'all', limit: 10 }))
      .items;
    expect(conversation!.lastMessage?.preview).toBe('🚫 This message was deleted');
    expect(
      (await h.core.services.conversations.list(owner, { view: 'all', search: '4111', limit: 10 })).items,
    ).toHaveLength(0);
  });

  it('a reaction sits on its message; a later removal takes it off, an older one arriving late does not', async () => {
    await deliver(fromCustomer(CUSTOMER, { id: 'wamid.q', type: 'text', text: { body: 'Question' } }));
    const react = (id: string, emoji: string, timestamp: number) =>
      deliver(
        envelope([
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: DISPLAY_PHONE_NUMBER, phone_number_id: PHONE_NUMBER_ID },
              messages: [
                {
                  from: CUSTOMER,
                  id,
                  timestamp: String(timestamp),
                  type: 'reaction',
                  reaction: { message_id: 'wamid.q', emoji },
                },
              ],
            },
          },
        ]),
      );
    await react('wamid.r2', '❤️', 1_697_045_100);
    await react('wamid.r1', '👍', 1_697_045_000);
    expect((await threadOf(CUSTOMER)).get('wamid.q')!.reaction).toBe('❤️');
    await react('wamid.r3', '', 1_697_045_200);
    expect((await threadOf(CUSTOMER)).get('wamid.q')!.reaction).toBeNull();
  });

  it('nobody else can edit or delete a customer’s message', async () => {
    await deliver(fromCustomer(CUSTOMER, { id: 'wamid.mine', type: 'text', text: { body: 'Mine' } }));
    await deliver(
      fromCustomer('15550009999', {
        id: 'wamid.theirs',
        type: 'revoke',
        revoke: { original_message_id: 'wamid.mine' },
      }),
    );
    expect((await threadOf(CUSTOMER)).get('wamid.mine')).toMatchObject({
      deletedAt: null,
      content: { text: 'Mine' },
    });
  });
});
