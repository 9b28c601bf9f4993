import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBridgeServer } from '../../../electron/core/server/bridge-server';
import type { Listening } from '../../../electron/core/server/listen';
import { ok } from '../../helpers/dispatch';
import { EventStream } from '../../helpers/http';
import { addMember, addRole, signInOwner, tokenOf } from '../../helpers/people';
import { makeTestCore, type TestCore } from '../../helpers/test-core';

/**
 * A window hears only of what its user may read: the same rule for server-sent events and
 * Electron IPC (both go through events/session-feed.ts).
 */

let tc: TestCore;
let bridge: Listening;
let ownerToken: string;
const streams: EventStream[] = [];

beforeAll(async () => {
  tc = await makeTestCore();
  bridge = await startBridgeServer(tc.core, { port: 0, rendererDir: null });
  ownerToken = await signInOwner(tc);
});
afterAll(async () => {
  for (const stream of streams) stream.close();
  await bridge.close();
  await tc.close();
});

async function open(token: string): Promise<EventStream> {
  const stream = await EventStream.open(bridge.port, '/bridge/events', token);
  streams.push(stream);
  expect(stream.status).toBe(200);
  return stream;
}

async function memberWith(permissions: Parameters<typeof addRole>[2], prefix: string) {
  const role = await addRole(tc.core, ownerToken, permissions, `${prefix} role`);
  const member = await addMember(tc.core, ownerToken, { roleIds: [role.id], prefix });
  return { member, role, stream: await open(tokenOf(member)) };
}

function newContact(name: string, phone: string) {
  return ok(tc.core, ownerToken, 'contacts.create', { name, phone, tags: [], attributes: {}, listIds: [] });
}

describe('events reach only those allowed to read what they describe', () => {
  it('contacts.changed reaches a member who reads contacts, not one who only reads lists', async () => {
    const reader = await memberWith(['contacts.read'], 'contactreader');
    const other = await memberWith(['lists.read'], 'listreader');
    await newContact('Asha Rao', '+91 98765 43210');
    await reader.stream.next('contacts.changed');
    // A later event both may hear proves the first one had its chance to arrive.
    await ok(tc.core, ownerToken, 'lists.create', { name: 'Marker list' });
    await other.stream.next('lists.changed');
    expect(other.stream.events.map((e) => e.event)).not.toContain('contacts.changed');
  });

  it('a permission withdrawn while the window is open silences its events from then on', async () => {
    const { role, stream } = await memberWith(['contacts.read', 'lists.read'], 'demoted');
    await newContact('Bina Shah', '+91 98765 43211');
    await stream.next('contacts.changed');
    // Counted before the change: its event may arrive before the answer to it does.
    const seen = stream.events.length;
    await ok(tc.core, ownerToken, 'roles.update', { id: role.id, permissions: ['lists.read'] });
    await stream.next('people.changed', seen);
    await newContact('Chand Mehta', '+91 98765 43212');
    await ok(tc.core, ownerToken, 'lists.create', { name: 'After demotion' });
    await stream.next('lists.changed', seen);
    expect(stream.events.slice(seen).map((e) => e.event)).not.toContain('contacts.changed');
  });

  it('campaign progress and settings events stay with those who may see campaigns and settings', async () => {
    const outsider = await memberWith(['contacts.read'], 'outsider');
    tc.core.events.publish('campaigns.progress', { campaignId: 1, sent: 1, failed: 0, queued: 0 });
    tc.core.events.publish('webhooks.failed', { inboxId: 1, attempts: 1, error: 'x', gaveUp: false });
    tc.core.events.publish('contacts.changed', { reason: 'marker' });
    await outsider.stream.next('contacts.changed');
    const names = outsider.stream.events.map((e) => e.event);
    expect(names).not.toContain('campaigns.progress');
    expect(names).not.toContain('webhooks.failed');
  });

  it('a conversation’s messages reach its assignee and those who read all, not another agent', async () => {
    const agentA = await memberWith(['conversations.read_assigned'], 'agenta');
    const agentB = await memberWith(['conversations.read_assigned'], 'agentb');
    const supervisor = await memberWith(['conversations.read_all'], 'supervisor');
    const message = {
      messageId: 1,
      conversationId: 7,
      assignedUserId: agentA.member.id,
      campaignId: null,
      status: 'received',
    };
    const marks = [agentA, agentB, supervisor].map((w) => w.stream.events.length);
    tc.core.events.publish('messages.changed', message);
    // Unassigned: every agent allowed to read assigned conversations may pick it up.
    tc.core.events.publish('messages.changed', { ...message, messageId: 2, assignedUserId: null });
    // Events reach a window in order: once this one is there, the two above had their chance.
    tc.core.events.publish('people.changed', { reason: 'marker' });
    const heard = async (stream: EventStream, from: number) => {
      await stream.next('people.changed', from);
      return stream.events
        .slice(from)
        .filter((e) => e.event === 'messages.changed')
        .map((e) => (JSON.parse(e.data) as { messageId: number }).messageId);
    };
    expect(await heard(agentA.stream, marks[0]!)).toEqual([1, 2]);
    expect(await heard(agentB.stream, marks[1]!)).toEqual([2]);
    expect(await heard(supervisor.stream, marks[2]!)).toEqual([1, 2]);
  });
});
