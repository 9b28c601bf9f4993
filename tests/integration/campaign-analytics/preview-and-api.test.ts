import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fail, ok } from '../../helpers/dispatch';
import { signInOwner } from '../../helpers/people';
import { makeTestCore, type TestCore, writeSql } from '../../helpers/test-core';
import { startApiHarness, type ApiHarness } from '../api/api-test-core';
import { addCampaign, addContact, addList } from './fixtures';
import { buildScenario, NOW, T0, type Scenario } from './scenario';

describe('campaigns.preview', () => {
  let tc: TestCore;
  let token: string;
  let s: Scenario;
  beforeAll(async () => {
    tc = await makeTestCore();
    token = await signInOwner(tc);
    s = await buildScenario(tc.core);
    tc.clock.advance(NOW.getTime() - tc.clock.now().getTime());
    await writeSql(
      tc.core,
      `INSERT INTO contact_attributes (contact_id, key, value) VALUES (?, 'code', 'VIP5')`,
      [s.c[5]],
    );
  });
  afterAll(() => tc.close());

  it('renders the message for a chosen contact, with their name and attribute', async () => {
    const shown = await ok(tc.core, token, 'campaigns.preview', { id: s.campaignId, contactId: s.c[5]! });
    expect(shown).toEqual({
      header: { format: 'TEXT', text: 'Spring sale', mediaUrl: null },
      body: 'Hello Customer 5, your code is VIP5',
      footer: 'Reply STOP to opt out',
      buttons: [],
      recipient: { contactId: s.c[5], name: 'Customer 5', phone: '+919876543205' },
    });
  });

  it('renders for the first recipient when none is chosen, falling back where a value is empty', async () => {
    const shown = await ok(tc.core, token, 'campaigns.preview', { id: s.campaignId });
    expect(shown.recipient?.contactId).toBe(s.c[1]);
    expect(shown.body).toBe('Hello =HYPERLINK("http://evil.test","Click"), your code is SPRING');
  });

  it('renders a draft for the first contact its lists would give it, or with fallbacks for nobody', async () => {
    const first = await addContact(tc.core, { name: 'Zed', phone: '+15550002222' });
    const list = await addList(tc.core, 'Preview list', [first], T0);
    const draft = await addCampaign(tc.core, { name: 'Draft', status: 'draft', listIds: [list] });
    expect((await ok(tc.core, token, 'campaigns.preview', { id: draft })).body).toBe(
      'Hello Zed, your code is SPRING',
    );
    const empty = await addCampaign(tc.core, { name: 'Empty', status: 'draft' });
    const shown = await ok(tc.core, token, 'campaigns.preview', { id: empty });
    expect(shown.body).toBe('Hello friend, your code is SPRING');
    expect(shown.recipient).toBeNull();
  });

  it('answers NOT_FOUND for an unknown campaign or contact', async () => {
    expect((await fail(tc.core, token, 'campaigns.preview', { id: 9999 })).code).toBe('NOT_FOUND');
    expect(
      (await fail(tc.core, token, 'campaigns.preview', { id: s.campaignId, contactId: 9999 })).code,
    ).toBe('NOT_FOUND');
  });
});

describe('/api/v1/campaigns', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApiHarness();
  });
  afterAll(() => api.close());

  it('answers a campaign’s analytics to a token holding campaigns.analytics', async () => {
    const s = await buildScenario(api.core);
    const token = await api.token(['campaigns.analytics']);
    const response = await api.call('GET', `/api/v1/campaigns/${s.campaignId}/analytics`, token);
    expect(response.status).toBe(200);
    expect(response.body.data).toMatchObject({
      campaignId: s.campaignId,
      figures: { recipients: 20, sent: 13, delivered: 11, read: 7, replied: 2, failed: 3 },
    });
    const refused = await api.call(
      'GET',
      `/api/v1/campaigns/${s.campaignId}/analytics`,
      await api.token(['campaigns.read']),
    );
    expect(refused.status).toBe(403);
  });

  it('describes the campaign routes in the OpenAPI document', async () => {
    const doc = (await api.call('GET', '/api/v1/openapi.json', null)).body as {
      paths: Record<string, object>;
    };
    for (const path of [
      '/campaigns',
      '/campaigns/{id}',
      '/campaigns/{id}/start',
      '/campaigns/{id}/pause',
      '/campaigns/{id}/resume',
      '/campaigns/{id}/analytics',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
  });
});
