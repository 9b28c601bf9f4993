import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreEvent } from '@shared/events';
import { openSessionFeed } from '../../../electron/core/events/session-feed';
import { dispatch, fail, ok } from '../../helpers/dispatch';
import { AGENT, startInboxApp, type InboxApp } from './inbox-app';

/**
 * Who has a conversation: the first opener takes it (atomically), it can be handed over, resolved
 * and reopened, and members who read only theirs see only theirs and unassigned ones, in lists,
 * counts and live events alike.
 */
let app: InboxApp;
beforeAll(async () => {
  app = await startInboxApp();
});
afterAll(() => app?.close());

/** What one signed-in window hears, as SSE and Electron IPC deliver it. */
function listen(token: string): { events: CoreEvent[]; stop: () => void } {
  const events: CoreEvent[] = [];
  const session = app.core.sessions;
  const stop = openSessionFeed({
    events: app.core.events,
    sessionId: '',
    loadAudience: async () => {
      const found = await session.authenticate(token);
      return found ? session.audienceOf(found.session.id) : null;
    },
    send: (event) => events.push(event),
    logger: app.core.ctx.logger,
  });
  return { events, stop };
}

describe('the first member who opens a conversation takes it', () => {
  it('two agents opening at once: exactly one is the assignee, the other sees it taken', async () => {
    await app.customerWrites('15551234001', { type: 'text', text: 'Hello shop' });
    const conversation = await app.conversationOf('15551234001');
    const [a, b] = await Promise.all([app.member(AGENT, 'anna'), app.member(AGENT, 'ben')]);
    const answers = await Promise.all([
      dispatch(app.core, a.token, 'conversations.open', { id: conversation.id }),
      dispatch(app.core, b.token, 'conversations.open', { id: conversation.id }),
    ]);
    const won = answers.filter((o) => o.ok);
    expect(won).toHaveLength(1);
    const winner = (won[0]!.ok ? (won[0]!.result as { assignee: { id: number } }) : null)!.assignee.id;
    expect([a.id, b.id]).toContain(winner);
    const loser = winner === a.id ? b : a;
    const lost = answers.find((o) => !o.ok)!;
    // The other agent is told who took it.
    expect(lost.ok ? null : lost.error).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('has just taken'),
    });
    expect(
      (await ok(app.core, app.ownerToken, 'conversations.get', { id: conversation.id })).assignee?.id,
    ).toBe(winner);
    // Now it is someone else's: the other agent, who reads only theirs, no longer sees it.
    expect((await fail(app.core, loser.token, 'conversations.get', { id: conversation.id })).code).toBe(
      'NOT_FOUND',
    );
    const audit = await ok(app.core, app.ownerToken, 'audit.list', { limit: 20 });
    expect(
      audit.filter((e) => e.action === 'conversation.assigned' && e.targetId === String(conversation.id)),
    ).toHaveLength(1);
  });
  it('an agent opening it a moment after another took it is told who has it, whatever order the reads ran in', async () => {
    // The race above, with the second agent's read landing after the first one's take (as it does
    // on a busy machine): their list still showed it unassigned, so "not found" would be a lie.
    await app.customerWrites('15551234011', { type: 'text', text: 'Second question' });
    const conversation = await app.conversationOf('15551234011');
    const [first, late] = await Promise.all([app.member(AGENT, 'fay'), app.member(AGENT, 'gus')]);
    await ok(app.core, first.token, 'conversations.open', { id: conversation.id });
    expect(await fail(app.core, late.token, 'conversations.open', { id: conversation.id })).toMatchObject({
      code: 'CONFLICT',
      message: `${first.dto.name} has just taken this conversation`,
    });
    // Nothing changed for the one who took it.
    expect(
      (await ok(app.core, app.ownerToken, 'conversations.get', { id: conversation.id })).assignee?.id,
    ).toBe(first.id);
    // Long after, it is simply someone else's conversation: not there for this agent, as before.
    app.clock.advance(10 * 60_000);
    expect(await fail(app.core, late.token, 'conversations.open', { id: conversation.id })).toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});

describe('members who read only their own conversations', () => {
  it('see theirs and unassigned ones in every view, its counts and search, and hear only of those', async () => {
    const mine = await app.member(AGENT, 'mia');
    const other = await app.member(AGENT, 'otto');
    await app.customerWrites('447700900123', { type: 'text', text: 'Oliver here, about my order' });
    await app.customerWrites('15551234003', { type: 'text', text: 'Mei here, about my order' });
    await app.customerWrites('919876543210', { type: 'text', text: 'Priya here, about my order' });
    const oliver = await app.conversationOf('447700900123');
    const mei = await app.conversationOf('15551234003');
    const priya = await app.conversationOf('919876543210');
    await ok(app.core, app.ownerToken, 'conversations.assign', { id: oliver.id, userId: mine.id });
    await ok(app.core, app.ownerToken, 'conversations.assign', { id: mei.id, userId: other.id });

    const listed = async (token: string, view: 'all' | 'mine' | 'unassigned', search?: string) =>
      (await ok(app.core, token, 'conversations.list', { view, search, limit: 100 })).items.map((c) => c.id);
    expect(await listed(mine.token, 'all')).toEqual(expect.arrayContaining([oliver.id, priya.id]));
    expect(await listed(mine.token, 'all')).not.toContain(mei.id);
    expect(await listed(mine.token, 'mine')).toEqual([oliver.id]);
    expect(await listed(mine.token, 'unassigned')).toContain(priya.id);
    expect(await listed(mine.token, 'all', 'about my order')).not.toContain(mei.id);
    expect(await listed(app.ownerToken, 'all', 'about my order')).toEqual(
      expect.arrayContaining([oliver.id, mei.id, priya.id]),
    );
    expect(
      (await fail(app.core, mine.token, 'conversations.messages', { conversationId: mei.id })).code,
    ).toBe('NOT_FOUND');
    const counts = await ok(app.core, mine.token, 'conversations.counts', {});
    expect(counts.mine).toEqual({ unread: 1 });
    expect(counts.unassigned.unread).toBeGreaterThan(0);

    const heard = listen(mine.token);
    await app.customerWrites('15551234003', { type: 'text', text: 'Mei again' });
    await app.customerWrites('447700900123', { type: 'text', text: 'Oliver again' });
    heard.stop();
    const about = heard.events
      .filter((e) => e.name === 'conversations.changed')
      .map((e) => (e.name === 'conversations.changed' ? e.payload.conversationId : 0));
    expect(about).toContain(oliver.id);
    expect(about).not.toContain(mei.id);
  });

  it('hear that a conversation left them when it is given to someone else', async () => {
    const mine = await app.member(AGENT, 'max');
    const other = await app.member(AGENT, 'ola');
    await app.customerWrites('15557770001', { type: 'text', text: 'New customer', profileName: 'Nia' });
    const nia = await app.conversationOf('15557770001');
    const heard = listen(mine.token);
    await ok(app.core, app.ownerToken, 'conversations.assign', { id: nia.id, userId: other.id });
    await new Promise((r) => setTimeout(r, 50));
    heard.stop();
    expect(heard.events).toContainEqual({
      name: 'conversations.changed',
      payload: {
        conversationId: nia.id,
        contactId: nia.contact.id,
        assignedUserId: other.id,
        previousAssignedUserId: null,
      },
    });
  });
});

describe('reassigning, resolving and reopening', () => {
  it('hands over from the header, tells the new assignee, resolves, and a new message reopens', async () => {
    const agent = await app.member(AGENT, 'ria');
    const heard = listen(agent.token);
    await app.customerWrites('15557770002', { type: 'text', text: 'Need help' });
    const conversation = await app.conversationOf('15557770002');
    const assigned = await ok(app.core, app.ownerToken, 'conversations.assign', {
      id: conversation.id,
      userId: agent.id,
    });
    expect(assigned.assignee).toEqual({ id: agent.id, name: expect.any(String) });
    await new Promise((r) => setTimeout(r, 50));
    expect(heard.events).toContainEqual({
      name: 'inbox.notification',
      payload: expect.objectContaining({
        kind: 'assigned_to_you',
        conversationId: conversation.id,
        userIds: [agent.id],
      }),
    });

    const resolved = await ok(app.core, agent.token, 'conversations.resolve', { id: conversation.id });
    expect(resolved).toMatchObject({ status: 'resolved', resolvedAt: expect.any(String) });
    const resolvedView = await ok(app.core, agent.token, 'conversations.list', {
      view: 'resolved',
      limit: 50,
    });
    expect(resolvedView.items.map((c) => c.id)).toContain(conversation.id);

    await app.customerWrites('15557770002', { type: 'text', text: 'Actually, one more thing' });
    const reopened = await app.conversationOf('15557770002');
    expect(reopened).toMatchObject({ status: 'open', resolvedAt: null, assignee: { id: agent.id } });
    expect(heard.events).toContainEqual({
      name: 'inbox.notification',
      payload: expect.objectContaining({
        kind: 'new_message',
        conversationId: conversation.id,
        userIds: [agent.id],
      }),
    });
    heard.stop();

    // Nobody: back to the unassigned view.
    const back = await ok(app.core, app.ownerToken, 'conversations.assign', {
      id: conversation.id,
      userId: null,
    });
    expect(back.assignee).toBeNull();
    // Someone who may not read conversations cannot be given one.
    const clerk = await app.member(['contacts.read'], 'clerk');
    expect(
      (
        await fail(app.core, app.ownerToken, 'conversations.assign', {
          id: conversation.id,
          userId: clerk.id,
        })
      ).code,
    ).toBe('VALIDATION');
  });

  it('labels and private notes stay with the team; the label filter finds them', async () => {
    await app.customerWrites('15557770003', { type: 'text', text: 'Wholesale prices?' });
    const conversation = await app.conversationOf('15557770003');
    await ok(app.core, app.ownerToken, 'conversations.setLabels', {
      id: conversation.id,
      labels: ['wholesale', 'vip'],
    });
    const note = await ok(app.core, app.ownerToken, 'conversations.addNote', {
      conversationId: conversation.id,
      text: 'Call back after 5pm',
    });
    expect(note.author?.name).toBeTruthy();
    const filtered = await ok(app.core, app.ownerToken, 'conversations.list', {
      view: 'all',
      label: 'wholesale',
      limit: 10,
    });
    expect(filtered.items.map((c) => c.id)).toEqual([conversation.id]);
    expect(filtered.items[0]!.labels).toEqual(['vip', 'wholesale']);
    expect(await ok(app.core, app.ownerToken, 'conversations.labels', {})).toEqual(
      expect.arrayContaining(['vip', 'wholesale']),
    );
    // Notes are never sent: WhatsApp saw no request with their text.
    await app.settle();
    expect(JSON.stringify(app.sandbox.messages())).not.toContain('Call back after 5pm');
  });
});

describe('notifications', () => {
  it('a new conversation tells available members who may take it; one who is away is not told', async () => {
    const available = await app.member(AGENT, 'ava');
    const away = await app.member(AGENT, 'awa');
    await ok(app.core, away.token, 'inbox.setPreferences', { available: false });
    const a = listen(available.token);
    const b = listen(away.token);
    await app.customerWrites('15557770004', {
      type: 'text',
      text: 'First message ever',
      profileName: 'Zoe Lane',
    });
    a.stop();
    b.stop();
    const conversation = await app.conversationOf('15557770004');
    const toA = a.events.filter((e) => e.name === 'inbox.notification');
    expect(toA).toContainEqual({
      name: 'inbox.notification',
      payload: expect.objectContaining({
        kind: 'new_conversation',
        conversationId: conversation.id,
        title: 'Zoe Lane',
        body: 'First message ever',
      }),
    });
    expect(b.events.filter((e) => e.name === 'inbox.notification')).toEqual([]);
  });
});
