import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlDate } from '../../../electron/core/db/sql';
import { dispatch, fail, ok } from '../../helpers/dispatch';
import { writeSql } from '../../helpers/test-core';
import { PNG } from '../media/samples';

const PNG_1x1 = PNG.toString('base64');
import { AGENT, startInboxApp, type InboxApp } from './inbox-app';

/**
 * Answering customers from the inbox, through the dispatcher as a window calls it, against the
 * sandbox over real HTTP: a reply is a queued row at once and its ticks follow; the 24-hour window
 * decides what may go; opening a conversation turns the customer's ticks blue.
 */
let app: InboxApp;
beforeAll(async () => {
  app = await startInboxApp({
    sandboxOptions: {
      statuses: {
        sentDelayMs: 5,
        deliveredDelayMs: 10,
        readDelayMs: 20,
        deliveredProbability: 1,
        readProbability: 1,
      },
    },
  });
});
afterAll(() => app?.close());

const ASHA = '15551234001';
const HOUR = 60 * 60 * 1000;

describe('a reply', () => {
  it('is queued at once, then sent, delivered and read as the statuses come', async () => {
    await app.customerWrites(ASHA, {
      type: 'text',
      text: 'Is the blue one in stock?',
      profileName: 'Asha Patel',
    });
    const conversation = await app.conversationOf(ASHA);
    expect(conversation).toMatchObject({ status: 'open', unreadCount: 1, window: { open: true } });
    expect(conversation.contact.name).toBe('Asha Patel');

    const sent = await ok(app.core, app.ownerToken, 'conversations.send', {
      conversationId: conversation.id,
      text: 'Yes, size M and L 👍',
    });
    // The answer does not wait for WhatsApp: the row comes back queued.
    expect(sent).toMatchObject({
      direction: 'out',
      status: 'queued',
      content: { kind: 'text', text: 'Yes, size M and L 👍' },
    });
    expect(sent.sentBy?.id).toBeGreaterThan(0);

    await app.settle();
    const [row] = (await app.thread(app.ownerToken, conversation.id)).filter((m) => m.id === sent.id);
    expect(row).toMatchObject({ status: 'read' });
    expect(row!.sentAt).not.toBeNull();
    expect(row!.readAt).not.toBeNull();
    // Exactly one request reached WhatsApp.
    expect(app.sandbox.messages({ to: ASHA }).filter((m) => m.type === 'text')).toHaveLength(1);
    const after = await app.conversationOf(ASHA);
    expect(after.lastMessage).toMatchObject({
      id: sent.id,
      direction: 'out',
      preview: 'Yes, size M and L 👍',
    });
  });

  it('quotes the customer’s message (context.message_id) and the thread shows the quote', async () => {
    const wamid = await app.customerWrites(ASHA, { type: 'text', text: 'And the price?' });
    const conversation = await app.conversationOf(ASHA);
    const thread = await app.thread(app.ownerToken, conversation.id);
    const theirs = thread.find((m) => m.waMessageId === wamid)!;
    const sent = await ok(app.core, app.ownerToken, 'conversations.send', {
      conversationId: conversation.id,
      text: '₹1,499',
      replyToMessageId: theirs.id,
    });
    expect(sent.quoted).toMatchObject({ id: theirs.id, direction: 'in', preview: 'And the price?' });
    await app.settle();
    const request = app.sandbox.messages({ to: ASHA }).pop()!;
    expect(request.payload).toMatchObject({ context: { message_id: wamid } });

    // The customer quotes ours back.
    const ours = (await app.thread(app.ownerToken, conversation.id)).find((m) => m.id === sent.id)!;
    await app.customerWrites(ASHA, { type: 'text', text: 'Great', contextMessageId: ours.waMessageId! });
    const last = (await app.thread(app.ownerToken, conversation.id)).pop()!;
    expect(last.quoted).toMatchObject({ id: sent.id, direction: 'out', preview: '₹1,499' });
  });

  it('sends a file dropped into the conversation, checked against WhatsApp’s limits first', async () => {
    const conversation = await app.conversationOf(ASHA);
    const photo = await ok(app.core, app.ownerToken, 'conversations.send', {
      conversationId: conversation.id,
      media: {
        file: { fileName: 'blue-shirt.png', mimeType: 'image/png', contentBase64: PNG_1x1 },
        caption: 'This one',
      },
    });
    expect(photo).toMatchObject({
      status: 'queued',
      content: { kind: 'media', type: 'image', media: { caption: 'This one' } },
    });
    await app.settle();
    const request = app.sandbox.messages({ to: ASHA }).pop()!;
    expect(request.type).toBe('image');
    expect(request.payload).toMatchObject({ image: { caption: 'This one' } });

    // A "photo" that is a program is refused before anything is stored or sent.
    const before = app.sandbox.messages({ to: ASHA }).length;
    const refused = await fail(app.core, app.ownerToken, 'conversations.send', {
      conversationId: conversation.id,
      media: {
        file: {
          fileName: 'photo.jpg',
          mimeType: 'image/jpeg',
          contentBase64: Buffer.from('MZ\x90\x00program').toString('base64'),
        },
      },
    });
    expect(refused.code).toBe('VALIDATION');
    await app.settle();
    expect(app.sandbox.messages({ to: ASHA })).toHaveLength(before);
  });

  it('opening the conversation marks the customer’s messages read on WhatsApp and clears unread', async () => {
    const wamid = await app.customerWrites(ASHA, { type: 'text', text: 'Hello?' });
    expect((await app.conversationOf(ASHA)).unreadCount).toBeGreaterThan(0);
    const opened = await ok(app.core, app.ownerToken, 'conversations.open', {
      id: (await app.conversationOf(ASHA)).id,
    });
    expect(opened.unreadCount).toBe(0);
    await expect.poll(() => app.sandbox.inbound({ from: ASHA }).find((m) => m.id === wamid)?.read).toBe(true);
    // Everything before it is read too.
    expect(app.sandbox.inbound({ from: ASHA }).every((m) => m.read)).toBe(true);
  });

  it('shows “typing…” to the customer while an agent writes, at most every 20 seconds', async () => {
    const conversation = await app.conversationOf(ASHA);
    expect(
      await ok(app.core, app.ownerToken, 'conversations.typing', { conversationId: conversation.id }),
    ).toEqual({ sent: true });
    expect(
      await ok(app.core, app.ownerToken, 'conversations.typing', { conversationId: conversation.id }),
    ).toEqual({ sent: false });
    expect(app.sandbox.inbound({ from: ASHA }).some((m) => m.typingAt !== null)).toBe(true);
  });
});

describe('the 24-hour customer service window', () => {
  const DIEGO = '15551234002';

  it('past 24 hours, a text is refused with WINDOW_CLOSED and when it closed; a template goes', async () => {
    // WhatsApp's timestamps are whole seconds.
    const wroteAt = new Date(Math.floor((Date.now() - 25 * HOUR) / 1000) * 1000);
    await app.customerWrites(DIEGO, { type: 'text', text: 'Can I return it?', at: wroteAt.toISOString() });
    const conversation = await app.conversationOf(DIEGO);
    expect(conversation.window).toEqual({
      open: false,
      closesAt: new Date(wroteAt.getTime() + 24 * HOUR).toISOString(),
    });

    const before = app.sandbox.messages({ to: DIEGO }).length;
    const refused = await fail(app.core, app.ownerToken, 'conversations.send', {
      conversationId: conversation.id,
      text: 'Sure',
    });
    expect(refused.code).toBe('WINDOW_CLOSED');
    expect(new Date(refused.windowClosedAt!).getTime()).toBe(wroteAt.getTime() + 24 * HOUR);
    const media = await fail(app.core, app.ownerToken, 'conversations.send', {
      conversationId: conversation.id,
      media: { file: { fileName: 'a.png', mimeType: 'image/png', contentBase64: PNG_1x1 } },
    });
    expect(media.code).toBe('WINDOW_CLOSED');

    const templates = await ok(app.core, app.ownerToken, 'conversations.templates', {});
    expect(templates.every((t) => t.status === 'APPROVED')).toBe(true);
    const sent = await ok(app.core, app.ownerToken, 'conversations.send', {
      conversationId: conversation.id,
      template: { name: 'hello_world', language: 'en_US' },
    });
    expect(sent.content).toMatchObject({ kind: 'template', name: 'hello_world' });
    await app.settle();
    const requests = app.sandbox.messages({ to: DIEGO });
    expect(requests).toHaveLength(before + 1);
    expect(requests.pop()).toMatchObject({
      type: 'template',
      status: expect.stringMatching(/sent|delivered|read/),
    });
  });

  it('reopens when the customer writes again', async () => {
    await app.customerWrites(DIEGO, { type: 'text', text: 'Hello again' });
    const conversation = await app.conversationOf(DIEGO);
    expect(conversation.window.open).toBe(true);
    expect(
      (
        await dispatch(app.core, app.ownerToken, 'conversations.send', {
          conversationId: conversation.id,
          text: 'Hi Diego',
        })
      ).ok,
    ).toBe(true);
  });
});

describe('retrying', () => {
  it('a message WhatsApp never accepted can be sent again; one it may have cannot without confirmation', async () => {
    const conversation = await app.conversationOf(ASHA);
    // Every request fails with a server error while this one is sent.
    app.sandbox.configure({ faults: { serverError: 1 } });
    const sent = await ok(app.core, app.ownerToken, 'conversations.send', {
      conversationId: conversation.id,
      text: 'Try me',
    });
    // Its retries are spaced out (and paced per number): wait for the last one to be refused.
    const until = Date.now() + 20_000;
    let failed = sent;
    while (failed.status !== 'failed' && Date.now() < until) {
      await app.settle();
      failed = (await app.thread(app.ownerToken, conversation.id)).find((m) => m.id === sent.id)!;
    }
    app.sandbox.configure({ faults: { serverError: 0 } });
    expect(failed).toMatchObject({ status: 'failed', retry: 'safe', waMessageId: null });

    const again = await ok(app.core, app.ownerToken, 'conversations.retryMessage', { messageId: sent.id });
    expect(again.status).toBe('queued');
    await app.settle();
    const delivered = (await app.thread(app.ownerToken, conversation.id)).find((m) => m.id === sent.id)!;
    expect(delivered.status).toMatch(/sent|delivered|read/);
    // Sent, so there is nothing to retry any more.
    expect(
      (await fail(app.core, app.ownerToken, 'conversations.retryMessage', { messageId: sent.id })).code,
    ).toBe('CONFLICT');
  });

  it('an unconfirmed message is sent again only when confirmed and after the quiet period', async () => {
    const conversation = await app.conversationOf(ASHA);
    const sent = await ok(app.core, app.ownerToken, 'conversations.send', {
      conversationId: conversation.id,
      text: 'Did this one arrive?',
    });
    await app.settle();
    // The app stopped between marking it sending and Meta's answer (campaigns/recover-after-crash.ts).
    await writeSql(
      app.core,
      `UPDATE messages SET status = 'unconfirmed', wa_message_id = NULL, unconfirmed_at = ? WHERE id = ?`,
      [sqlDate(app.clock.now()), sent.id],
    );
    const shown = (await app.thread(app.ownerToken, conversation.id)).find((m) => m.id === sent.id)!;
    expect(shown).toMatchObject({ status: 'unconfirmed', retry: 'confirm' });
    const retry = { messageId: sent.id, confirmDuplicate: true };
    const early = await fail(app.core, app.ownerToken, 'conversations.retryMessage', retry);
    expect(early.code).toBe('CONFLICT');
    expect(early.message).toMatch(/can be sent again from/);

    app.clock.advance(16 * 60 * 1000);
    expect((await ok(app.core, app.ownerToken, 'conversations.retryMessage', retry)).status).toBe('queued');
    await app.settle();
  });
});

describe('who may send', () => {
  it('a member without conversations.reply reads but cannot answer, and does not take the conversation by opening it', async () => {
    const reader = await app.member(['conversations.read_all'], 'reader');
    const conversation = await app.conversationOf('447700900123').catch(async () => {
      await app.customerWrites('447700900123', { type: 'text', text: 'Hi' });
      return app.conversationOf('447700900123');
    });
    const opened = await ok(app.core, reader.token, 'conversations.open', { id: conversation.id });
    expect(opened.assignee).toBeNull();
    expect(
      (
        await fail(app.core, reader.token, 'conversations.send', {
          conversationId: conversation.id,
          text: 'x',
        })
      ).code,
    ).toBe('FORBIDDEN');
    const agent = await app.member(AGENT);
    expect(
      (await ok(app.core, agent.token, 'conversations.open', { id: conversation.id })).assignee?.id,
    ).toBe(agent.id);
  });
});
