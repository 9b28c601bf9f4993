import { afterEach, describe, expect, it } from 'vitest';
import { unreadCounter } from '../../../electron/core/desktop/desktop-sources';
import { ok } from '../../helpers/dispatch';
import { AGENT, startInboxApp, type InboxApp } from '../inbox/inbox-app';
import { eventually, startDesktop, type DesktopUnderTest } from './desktop-harness';

/**
 * The desktop app and the inbox: the tray's inbox line and the badge count the unread conversations
 * the member signed in on this computer may read, and a customer's message raises a native
 * notification that opens the conversation, only for members the inbox tells and who may read it.
 */
let app: InboxApp | null = null;
let desktop: DesktopUnderTest | null = null;
afterEach(async () => {
  desktop?.monitor.stop();
  desktop = null;
  await app?.close();
  app = null;
});

const inboxLine = (d: DesktopUnderTest) =>
  d.shell.models
    .at(-1)
    ?.items.map((i) => ('label' in i ? i.label : ''))
    .find((label) => /unread in the inbox|Inbox: nothing unread/.test(label));

describe('the desktop app and the inbox', () => {
  it('counts unread conversations in the tray and badge, and notifies of a customer message', async () => {
    app = await startInboxApp();
    const d = (desktop = await startDesktop(app.core, { unread: unreadCounter(app.core) }));
    d.monitor.signedIn(app.owner.user.id);
    await eventually(() => inboxLine(d) === 'Inbox: nothing unread');

    await app.customerWrites('15552220001', { type: 'text', text: 'Do you deliver to Pune?' });
    await app.customerWrites('15552220002', { type: 'text', text: 'PRICE?' });
    await eventually(() => inboxLine(d) === '2 unread in the inbox');
    expect(d.shell.models.at(-1)).toMatchObject({ badge: 2 });
    const conversation = await app.conversationOf('15552220001');
    await eventually(() => d.shell.notices.length === 2);
    expect(d.shell.notices[0]).toMatchObject({
      kind: 'inbox.message',
      title: expect.stringMatching(/^New conversation: /),
      body: 'Do you deliver to Pune?',
      route: `/inbox/${conversation.id}`,
      tag: `conversation-${conversation.id}`,
    });

    // Opening it reads it: one left.
    await ok(app.core, app.ownerToken, 'conversations.open', { id: conversation.id });
    await eventually(() => inboxLine(d) === '1 unread in the inbox');
  }, 30_000);

  it('a member who reads only theirs is neither counted nor told of a conversation someone else has', async () => {
    app = await startInboxApp();
    const agent = await app.member(AGENT);
    const d = (desktop = await startDesktop(app.core, { unread: unreadCounter(app.core) }));
    d.monitor.signedIn(agent.id);
    await app.customerWrites('15552220003', { type: 'text', text: 'Hello' });
    await eventually(() => inboxLine(d) === '1 unread in the inbox');
    await eventually(() => d.shell.notices.length === 1);

    // The owner takes it: it leaves the agent's count, and the customer's next message is not theirs to hear.
    const conversation = await app.conversationOf('15552220003');
    await ok(app.core, app.ownerToken, 'conversations.assign', {
      id: conversation.id,
      userId: app.owner.user.id,
    });
    await eventually(() => inboxLine(d) === 'Inbox: nothing unread');
    await app.customerWrites('15552220003', { type: 'text', text: 'Anyone there?' });
    await d.monitor.idle();
    expect(inboxLine(d)).toBe('Inbox: nothing unread');
    expect(d.shell.notices).toHaveLength(1);
  }, 30_000);
});
