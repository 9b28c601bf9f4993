import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DashboardDto } from '@shared/types/dashboard';
import { dateIn } from '../../../electron/core/dashboard/day-ranges';
import { ok } from '../../helpers/dispatch';
import { AGENT, startInboxApp, type InboxApp } from './inbox-app';

/**
 * The dashboard's conversation figures after a morning in the shared inbox, driven through the
 * sandbox (customers write over real HTTP) and the dispatcher (members assign, reply, resolve):
 * opened, resolved, unassigned now, the median wait for a first reply, per member and per day,
 * read through the token API as an integrator would.
 */
let app: InboxApp;
beforeAll(async () => {
  app = await startInboxApp();
});
afterAll(() => app?.close());

const ASHA = '15551234101';
const RAVI = '15551234102';
const MINUTE = 60_000;

async function dashboard(token: string, days: number): Promise<DashboardDto> {
  const response = await fetch(`${app.side.publicServer.url}/api/v1/dashboard?days=${days}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { data: DashboardDto }).data;
}

describe('the dashboard’s conversations', () => {
  it('counts what happened in the inbox: opened, resolved, unassigned, first replies by member', async () => {
    const { token } = await app.core.services.tokens.create(app.owner, 'wall screen', ['dashboard.read']);
    const before = await dashboard(token, 7);
    expect(before.conversations).toMatchObject({
      opened: 0,
      resolved: 0,
      openNow: 0,
      unassignedNow: 0,
      firstResponses: 0,
      medianFirstResponseSeconds: null,
      members: [],
    });
    expect(before.conversations.perDay).toHaveLength(7);

    const agent = await app.member(AGENT, 'agent');
    await app.customerWrites(ASHA, {
      type: 'text',
      text: 'Is the blue kurta in stock?',
      profileName: 'Asha',
    });
    const asha = await app.conversationOf(ASHA);
    expect((await dashboard(token, 7)).conversations).toMatchObject({
      opened: 1,
      openNow: 1,
      unassignedNow: 1,
    });

    // Ravi writes too; both wait from now (the sandbox's customers write in real time).
    await app.customerWrites(RAVI, { type: 'text', text: 'Where is my order?', profileName: 'Ravi' });
    const ravi = await app.conversationOf(RAVI);
    await ok(app.core, app.ownerToken, 'conversations.assign', { id: asha.id, userId: agent.id });
    app.clock.advance(5 * MINUTE);
    await ok(app.core, agent.token, 'conversations.send', {
      conversationId: asha.id,
      text: 'Yes, in M and L',
    });
    app.clock.advance(MINUTE);
    // A second reply is no first response.
    await ok(app.core, agent.token, 'conversations.send', {
      conversationId: asha.id,
      text: 'Shall I keep one?',
    });

    app.clock.advance(9 * MINUTE);
    await ok(app.core, app.ownerToken, 'conversations.send', { conversationId: ravi.id, text: 'On its way' });

    await ok(app.core, agent.token, 'conversations.resolve', { id: asha.id });
    await ok(app.core, app.ownerToken, 'conversations.resolve', { id: ravi.id });
    // Asha writes again: her conversation opens a second time, still hers to answer.
    await app.customerWrites(ASHA, { type: 'text', text: 'One more question' });
    await app.settle();

    const { conversations, period } = await dashboard(token, 7);
    expect(conversations).toMatchObject({
      opened: 3,
      resolved: 2,
      openNow: 1,
      unassignedNow: 0,
      firstResponses: 2,
    });
    // Waits of about 5 and 15 minutes (the customer's time is WhatsApp's, to the second).
    expect(conversations.medianFirstResponseSeconds).toBeGreaterThanOrEqual(600);
    expect(conversations.medianFirstResponseSeconds).toBeLessThan(620);
    const byName = Object.fromEntries(conversations.members.map((m) => [m.userId, m]));
    expect(byName[agent.id]).toMatchObject({ openNow: 1, resolved: 1, firstResponses: 1 });
    expect(byName[agent.id]!.name).toMatch(/agent/);
    expect(byName[agent.id]!.medianFirstResponseSeconds).toBeGreaterThanOrEqual(300);
    expect(byName[agent.id]!.medianFirstResponseSeconds).toBeLessThan(310);
    // Ravi's conversation was nobody's: the owner answered first, and it counts as resolved by no member.
    expect(byName[app.owner.user.id]).toMatchObject({ openNow: 0, resolved: 0, firstResponses: 1 });
    expect(byName[app.owner.user.id]!.medianFirstResponseSeconds).toBeGreaterThanOrEqual(900);
    expect(conversations.members).toHaveLength(2);

    // Per day in the organization's time zone: both resolved today (just now), and the three
    // openings on the days they happened (near midnight there, the first ones may fall on the day
    // before: a CI run at 18:25 UTC, 23:55 in Asia/Kolkata, did).
    const today = dateIn(period.timeZone, app.clock.now());
    expect(conversations.perDay.find((d) => d.date === today)).toMatchObject({ date: today, resolved: 2 });
    expect(conversations.perDay.reduce((s, d) => s + d.opened, 0)).toBe(3);
    expect(conversations.perDay.reduce((s, d) => s + d.resolved, 0)).toBe(2);
    // Names and counts only: nothing any customer or member wrote.
    expect(JSON.stringify(conversations)).not.toMatch(/kurta|order|way|question/i);
  });
});
