import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_PERMISSIONS } from '@shared/permissions';
import { CampaignEntity } from '../../../electron/core/db/entities/campaign';
import {
  PHONE_NUMBER_ID,
  addContacts,
  addList,
  customers,
  startCampaignApp,
  type CampaignApp,
} from './campaign-app';

/**
 * A campaign's media header given as a link must be https://: WhatsApp fetches it, and a plain
 * http:// link can be read or swapped on the way. Refused with a clear error under the link field,
 * from the app, the token API and for a campaign saved before the rule alike.
 */
let app: CampaignApp;
let listId: number;
let token: string;
beforeAll(async () => {
  app = await startCampaignApp();
  listId = await addList(app.core, await addContacts(app.core, customers(1, '9311')));
  token = (
    await app.core.services.tokens.create(
      { ...app.owner, permissions: new Set(ALL_PERMISSIONS) },
      'campaign maker',
      ['campaigns.write'],
    )
  ).token;
});
afterAll(() => app?.close());

async function saleInput(link: string) {
  return {
    name: 'Spring sale',
    phoneNumberId: PHONE_NUMBER_ID,
    templateId: await app.templateId('spring_sale'),
    listIds: [listId],
    variables: [
      { component: 'body' as const, placeholder: '1', source: 'fixed' as const, value: '20', fallback: '' },
      {
        component: 'body' as const,
        placeholder: '2',
        source: 'fixed' as const,
        value: 'Sunday',
        fallback: '',
      },
    ],
    mediaHeader: { link },
  };
}

describe('a campaign’s media header link', () => {
  it.each(['http://shop.example.com/sale.jpg', 'ftp://shop.example.com/sale.jpg', 'sale.jpg'])(
    'is refused unless https:// (%s), naming the field, and nothing is saved',
    async (link) => {
      const before = await app.core.ctx.db.getRepository(CampaignEntity).count();
      const outcome = await app.core.dispatcher.dispatch('campaigns.create', await saleInput(link), {
        transport: 'api',
        apiToken: token,
      });
      expect(outcome.ok).toBe(false);
      if (outcome.ok) return;
      expect(outcome.error.code).toBe('VALIDATION');
      expect(outcome.error.fields).toEqual([
        { field: 'mediaHeader.link', message: 'A link starting with https://' },
      ]);
      expect(await app.core.ctx.db.getRepository(CampaignEntity).count()).toBe(before);
    },
  );

  it('is refused by the token API with a 400 naming the field', async () => {
    const response = await fetch(`${app.side.publicServer.url}/api/v1/campaigns`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(await saleInput('http://shop.example.com/sale.jpg')),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { fields: { field: string }[] } };
    expect(body.error.fields.map((f) => f.field)).toEqual(['mediaHeader.link']);
  });

  it('is taken when https://; one saved as http:// before the rule must be changed at its next edit', async () => {
    const service = app.core.services.campaigns;
    const saved = await service.create(app.owner, {
      ...(await saleInput('https://shop.example.com/sale.jpg')),
      optOutKeywords: ['STOP'],
      messagesPerSecond: null,
    });
    expect(saved.mediaHeader).toEqual({ link: 'https://shop.example.com/sale.jpg' });
    await app.core.ctx.tx.run((m) =>
      m
        .getRepository(CampaignEntity)
        .update(
          { id: saved.id },
          { mediaHeader: JSON.stringify({ link: 'http://shop.example.com/old.jpg' }) },
        ),
    );
    await expect(
      service.update(app.owner, { id: saved.id, name: 'Spring sale, again' }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      fields: [{ field: 'mediaHeader.link', message: 'A link starting with https://' }],
    });

    // Started as it is (not edited): it pauses at once, saying why, and sends nothing.
    const sentBefore = app.sandbox.messages().length;
    await service.start(app.owner, saved.id);
    const paused = await app.settled(saved.id);
    expect(paused.status).toBe('paused');
    expect(paused.notice).toMatch(/https:\/\//);
    expect(app.sandbox.messages().length).toBe(sentBefore);
  });
});
