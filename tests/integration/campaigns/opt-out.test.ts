import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContactEntity } from '../../../electron/core/db/entities/contact';
import { ListMemberEntity } from '../../../electron/core/db/entities/list';
import { addContacts, addList, helloCampaign, startCampaignApp, type CampaignApp } from './campaign-app';

let app: CampaignApp;
beforeAll(async () => {
  app = await startCampaignApp();
});
afterAll(async () => {
  await app.close();
});

const X = '919400000001';
const Y = '919400000002';
const Z = '919400000003';
const STRANGER = '919400000009';

describe('opt-out keywords', () => {
  it('unsubscribe the sender from the campaign’s lists and opt them out; later campaigns skip them', async () => {
    const [x, y, z] = await addContacts(app.core, [{ waId: X }, { waId: Y }, { waId: Z }]);
    const first = await addList(app.core, [x!, y!, z!]);
    const second = await addList(app.core, [x!, y!, z!]);
    const service = app.core.services.campaigns;
    const campaign = await helloCampaign(app, [first], { optOutKeywords: ['STOP', 'No more'] });
    await service.start(app.owner, campaign.id);
    await app.settled(campaign.id);
    await app.quiet();

    // Case and spaces do not matter; a quick reply's payload counts too; other text does not.
    app.sandbox.customerSends(X, { type: 'text', text: '  s top ' });
    app.sandbox.customerSends(Y, { type: 'button', text: 'Not now', payload: 'NO MORE' });
    app.sandbox.customerSends(Z, { type: 'text', text: 'Stop by the shop tomorrow?' });
    // Someone who never got a campaign says STOP: nothing of ours to act on.
    app.sandbox.customerSends(STRANGER, { type: 'text', text: 'STOP' });
    await app.quiet();

    const contacts = app.core.ctx.db.getRepository(ContactEntity);
    expect(await contacts.findOneByOrFail({ id: x! })).toMatchObject({
      optedOut: true,
      optOutSource: 'keyword',
    });
    expect(await contacts.findOneByOrFail({ id: y! })).toMatchObject({
      optedOut: true,
      optOutSource: 'keyword',
    });
    expect(await contacts.findOneByOrFail({ id: z! })).toMatchObject({ optedOut: false });
    expect(await contacts.findOneByOrFail({ waId: STRANGER })).toMatchObject({ optedOut: false });
    const members = app.core.ctx.db.getRepository(ListMemberEntity);
    expect(await members.findOneByOrFail({ listId: first, contactId: x! })).toMatchObject({
      subscribed: false,
    });
    // Only the campaign's lists are left; the opt-out keeps them off every later campaign anyway.
    expect(await members.findOneByOrFail({ listId: second, contactId: x! })).toMatchObject({
      subscribed: true,
    });
    const audit = await app.core.ctx.audit.latest(20);
    expect(
      audit.find((a) => a.action === 'contact.opted_out' && a.targetId === String(x))?.details,
    ).toMatchObject({
      source: 'keyword',
      campaignId: campaign.id,
    });

    const later = await helloCampaign(app, [first, second], { name: 'Later' });
    await service.start(app.owner, later.id);
    await app.settled(later.id);
    expect((await app.rows(later.id)).map((r) => r.recipientWaId)).toEqual([Z]);
  });
});
