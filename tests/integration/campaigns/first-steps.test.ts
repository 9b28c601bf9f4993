import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_LIST_NAME } from '../../../electron/core/getting-started/demo-customers';
import {
  addContacts,
  addList,
  customers,
  helloCampaign,
  startCampaignApp,
  type CampaignApp,
} from './campaign-app';
import { ok } from '../../helpers/dispatch';
import { signIn } from '../../helpers/people';
import { OWNER } from '../../helpers/test-core';

let app: CampaignApp;
let token: string;
beforeAll(async () => {
  app = await startCampaignApp();
  const first = await signIn(app.core, OWNER.username, OWNER.initialPassword);
  await ok(app.core, first.token, 'auth.changePassword', {
    currentPassword: OWNER.initialPassword,
    newPassword: OWNER.password,
  });
  token = first.token;
});
afterAll(async () => {
  await app.close();
});

describe('the sandbox’s demo customers', () => {
  it('are listed with their numbers, and added as contacts on a list of their own, once', async () => {
    const listed = await ok(app.core, token, 'sandbox.customers', {});
    expect(listed.map((c) => c.phone)).toEqual([
      '+15551234001',
      '+447700900123',
      '+15551234002',
      '+15551234003',
      '+919876543210',
      // Noor hides her number: the shop knows her by user id and username (issue 13).
      null,
    ]);
    expect(listed.at(-1)).toMatchObject({ userId: 'US.13491208655302741918', username: 'noor.bakes' });
    expect(listed.every((c) => !c.isContact)).toBe(true);
    const added = await ok(app.core, token, 'sandbox.addDemoContacts', {});
    expect(added.created).toBe(6);
    const list = (await ok(app.core, token, 'lists.list', {})).find((l) => l.name === DEMO_LIST_NAME);
    expect(list).toMatchObject({ id: added.listId, subscribedCount: 6 });
    expect((await ok(app.core, token, 'sandbox.addDemoContacts', {})).created).toBe(0);
    expect((await ok(app.core, token, 'sandbox.customers', {})).every((c) => c.isContact)).toBe(true);
  });

  it('are what the contact form takes too, with a warning to check the number', async () => {
    const saved = await ok(app.core, token, 'contacts.create', {
      name: 'New range',
      phone: '+1 555 123 4099',
    });
    expect(saved.phone).toBe('+15551234099');
    expect(saved.warnings).toEqual([{ field: 'phone', message: expect.stringMatching(/right length/) }]);
    const known = await ok(app.core, token, 'contacts.create', { name: 'Known', phone: '+44 7911 123456' });
    expect(known.warnings).toEqual([]);
  });
});

describe('before starting a campaign', () => {
  it('the list shows whom a draft will reach, and the estimate says how long it takes', async () => {
    const ids = await addContacts(app.core, [
      ...customers(4, '9181'),
      { waId: '918100000091', optedOut: true },
      { waId: '918100000092', status: 'blocked' },
    ]);
    const a = await addList(app.core, ids.slice(0, 3));
    const b = await addList(app.core, ids.slice(2));
    const draft = await helloCampaign(app, [a, b], { messagesPerSecond: 2 });
    const summary = (await ok(app.core, token, 'campaigns.list', {})).find((c) => c.id === draft.id);
    // Four reachable customers (one on both lists counts once), not the opted-out or the blocked.
    expect(summary).toMatchObject({ plannedRecipients: 4, recipients: 0 });
    expect(await ok(app.core, token, 'campaigns.estimate', { id: draft.id })).toMatchObject({
      recipients: 4,
      messagesPerSecond: 2,
      seconds: 2,
      days: 1,
    });
    await app.core.services.campaigns.start(app.owner, draft.id);
    const started = (await ok(app.core, token, 'campaigns.list', {})).find((c) => c.id === draft.id);
    expect(started).toMatchObject({ plannedRecipients: null, recipients: 4 });
    await app.settled(draft.id);
  });

  it('a test send can use a chosen contact’s data, and its status follows WhatsApp', async () => {
    const [asha] = await addContacts(app.core, [{ waId: '918200000011', name: 'Asha Patel' }]);
    const list = await addList(app.core, [asha!]);
    const campaign = await app.core.services.campaigns.create(app.owner, {
      name: 'Bookings',
      phoneNumberId: '106540352242922',
      templateId: await app.templateId('booking_reminder'),
      listIds: [list],
      variables: [
        { component: 'body', placeholder: 'first_name', source: 'first_name', value: '', fallback: 'there' },
        { component: 'body', placeholder: 'number_of_guests', source: 'fixed', value: '4', fallback: '' },
      ],
      mediaHeader: null,
      optOutKeywords: ['STOP'],
      messagesPerSecond: null,
    });
    const sent = await ok(app.core, token, 'campaigns.testSend', {
      id: campaign.id,
      to: '+91 82000 00099',
      contactId: asha!,
    });
    expect(sent.text).toBe('Hi Asha, your table for 4 is booked.');
    await app.quiet();
    const [test] = await ok(app.core, token, 'campaigns.testSends', { id: campaign.id });
    expect(test).toMatchObject({ messageId: sent.id, to: '+918200000099', status: 'delivered', error: null });

    const preview = await ok(app.core, token, 'campaigns.previewDraft', {
      templateId: campaign.templateId,
      listIds: [list],
      variables: campaign.variables,
    });
    expect(preview.body).toBe('Hi Asha, your table for 4 is booked.');
    expect(preview.recipient?.name).toBe('Asha Patel');
  });
});

describe('the timeline', () => {
  it('marks when a campaign was paused and resumed', async () => {
    const ids = await addContacts(app.core, customers(3, '9183'));
    const campaign = await helloCampaign(app, [await addList(app.core, ids)], { messagesPerSecond: 1 });
    const service = app.core.services.campaigns;
    await service.start(app.owner, campaign.id);
    await service.pause(app.owner, campaign.id);
    const paused = await ok(app.core, token, 'campaigns.analytics', { id: campaign.id });
    expect(paused.pauses).toEqual([{ from: expect.any(String), to: null, reason: null }]);
    await service.resume(app.owner, campaign.id);
    await app.settled(campaign.id);
    const done = await ok(app.core, token, 'campaigns.analytics', { id: campaign.id });
    expect(done.pauses).toHaveLength(1);
    expect(Date.parse(done.pauses[0]!.to!)).toBeGreaterThanOrEqual(Date.parse(done.pauses[0]!.from));
    expect(done.timeline.at(-1)).toMatchObject({ sent: 3 });
  });
});
