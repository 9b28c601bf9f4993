import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fail, ok } from '../../helpers/dispatch';
import { signInOwner } from '../../helpers/people';
import { makeTestCore, type TestCore } from '../../helpers/test-core';
import { addCampaign, addContact, VARIABLES } from './fixtures';
import { buildScenario, NOW, type Scenario } from './scenario';

let tc: TestCore;
let token: string;
let s: Scenario;

beforeAll(async () => {
  tc = await makeTestCore();
  token = await signInOwner(tc);
  s = await buildScenario(tc.core);
  tc.clock.advance(NOW.getTime() - tc.clock.now().getTime());
});
afterAll(() => tc.close());

type Select = 'failed' | 'delivered_not_read' | 'read_not_replied' | 'replied' | 'manual';

async function members(listId: number): Promise<number[]> {
  const rows = (await tc.core.ctx.db.query(
    'SELECT contact_id AS id FROM list_members WHERE list_id = ? AND subscribed = 1 ORDER BY contact_id',
    [listId],
  )) as { id: number }[];
  return rows.map((r) => s.c.indexOf(r.id));
}

const retarget = (select: Select, contactIds: number[] = []) =>
  ok(tc.core, token, 'campaigns.retarget', { id: s.campaignId, select, contactIds });

describe('campaigns.retargetCounts', () => {
  it('offers each choice with the number its list will hold, not figure arithmetic', async () => {
    const counts = await ok(tc.core, token, 'campaigns.retargetCounts', { id: s.campaignId });
    expect(counts).toEqual({ failed: 3, delivered_not_read: 3, read_not_replied: 3, replied: 1 });
    // "read − replied" from the figures would say 5: c17 replied without a read receipt, and
    // opted-out or blocked readers are never put on a list.
    const { figures } = await ok(tc.core, token, 'campaigns.analytics', { id: s.campaignId });
    expect(figures.read - figures.replied).toBe(5);
  });
});

describe('campaigns.retarget', () => {
  const cases: [Select, number[], number[], string][] = [
    ['failed', [], [14, 15, 16], 'failed'],
    ['delivered_not_read', [], [7, 8, 9], 'delivered, not read'],
    // c11 and c13 opted out, c20 is blocked: skipped.
    ['read_not_replied', [], [10, 12, 19], 'read, not replied'],
    // c18's row has no contact to put on a list.
    ['replied', [], [17], 'replied'],
    ['manual', [5, 6, 13], [5, 6], 'chosen'],
  ];
  for (const [select, picked, expected, label] of cases) {
    it(`${select}: a list tagged retarget, linked to the campaign, and a draft aimed at it`, async () => {
      const events: { name: string }[] = [];
      const off = tc.core.events.subscribe((e) => events.push(e));
      const result = await retarget(
        select,
        picked.map((i) => s.c[i]!),
      );
      off();
      const list = await ok(tc.core, token, 'lists.get', { id: result.listId });
      expect(list).toMatchObject({
        name: `Spring sale — retarget (${label})`,
        tags: ['retarget'],
        linkedCampaignId: s.campaignId,
        subscribedCount: expected.length,
      });
      expect(await members(result.listId)).toEqual(expected);

      const draft = result.campaign;
      expect(draft).toMatchObject({
        name: `Spring sale — retarget (${label})`,
        status: 'draft',
        listIds: [result.listId],
        phoneNumberId: 'PN1',
        templateId: 'tpl-1',
        templateName: 'spring_sale',
        templateLanguage: 'en',
        variables: VARIABLES,
        mediaHeader: { link: 'https://shop.test/banner.jpg' },
        optOutKeywords: ['STOP', 'UNSUBSCRIBE'],
        messagesPerSecond: 20,
        retargetOfCampaignId: s.campaignId,
        startedAt: null,
        createdBy: 'owner',
      });
      const skipped = { read_not_replied: 3, manual: 1 }[select as string] ?? 0;
      expect(draft.notice).toContain(`Retargets ${expected.length} recipient`);
      if (skipped) expect(draft.notice).toContain(`${skipped} skipped: opted out or blocked`);
      else expect(draft.notice).not.toContain('skipped');

      expect(events.map((e) => e.name)).toEqual(
        expect.arrayContaining(['lists.changed', 'campaigns.changed']),
      );
      const audit = (await tc.core.ctx.audit.latest(5)).map((a) => a.action);
      expect(audit).toEqual(expect.arrayContaining(['campaign.retargeted', 'list.created']));
    });
  }

  it('names a second retarget of the same kind apart, and takes a chosen name', async () => {
    const again = await retarget('failed');
    expect((await ok(tc.core, token, 'lists.get', { id: again.listId })).name).toBe(
      'Spring sale — retarget (failed) 2',
    );
    const named = await ok(tc.core, token, 'campaigns.retarget', {
      id: s.campaignId,
      select: 'failed',
      name: 'Try the failed ones again',
    });
    expect(named.campaign.name).toBe('Try the failed ones again');
  });

  it('refuses a campaign that has not started: CONFLICT, and writes nothing', async () => {
    const draft = await addCampaign(tc.core, { name: 'Not yet', status: 'draft' });
    const lists = (await ok(tc.core, token, 'lists.list', {})).length;
    const error = await fail(tc.core, token, 'campaigns.retarget', { id: draft, select: 'failed' });
    expect(error.code).toBe('CONFLICT');
    const scheduled = await addCampaign(tc.core, { name: 'Later', status: 'scheduled' });
    expect((await fail(tc.core, token, 'campaigns.retarget', { id: scheduled, select: 'failed' })).code).toBe(
      'CONFLICT',
    );
    expect((await ok(tc.core, token, 'lists.list', {})).length).toBe(lists);
  });

  it('refuses a manual pick with someone who was not a recipient: VALIDATION, and writes nothing', async () => {
    const lists = (await ok(tc.core, token, 'lists.list', {})).length;
    const campaigns = (await tc.core.ctx.db.query('SELECT count(*) AS n FROM campaigns')) as { n: number }[];
    const stranger = await addContact(tc.core, { name: 'Stranger', phone: '+15550001111' });
    const error = await fail(tc.core, token, 'campaigns.retarget', {
      id: s.campaignId,
      select: 'manual',
      contactIds: [s.c[5], stranger],
    });
    expect(error.code).toBe('VALIDATION');
    expect(error.fields?.[0]?.field).toBe('contactIds');
    expect(
      (await fail(tc.core, token, 'campaigns.retarget', { id: s.campaignId, select: 'manual' })).code,
    ).toBe('VALIDATION');
    expect((await ok(tc.core, token, 'lists.list', {})).length).toBe(lists);
    expect(await tc.core.ctx.db.query('SELECT count(*) AS n FROM campaigns')).toEqual(campaigns);
  });

  it('refuses a selection with nobody left to send to', async () => {
    const error = await fail(tc.core, token, 'campaigns.retarget', {
      id: s.campaignId,
      select: 'manual',
      contactIds: [s.c[13], s.c[20]],
    });
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toContain('opted out or is blocked');
  });

  it('answers NOT_FOUND for an unknown campaign', async () => {
    expect((await fail(tc.core, token, 'campaigns.retarget', { id: 9999, select: 'failed' })).code).toBe(
      'NOT_FOUND',
    );
  });
});
