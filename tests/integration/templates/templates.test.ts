import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ALL_PERMISSIONS } from '@shared/permissions';
import { loadConfig } from '../../../electron/core/config/load-config';
import { connectWhatsApp } from '../../../electron/core/connection/whatsapp-connection';
import { createCore, type Core } from '../../../electron/core/create-core';
import { UserEntity } from '../../../electron/core/db/entities/user';
import { startPublicSide, type PublicSide } from '../../../electron/core/entry/start-public-side';
import { SecretStore } from '../../../electron/core/secrets/secret-store';
import { silentLogger } from '../../../electron/core/util/logger';
import type { Actor } from '../../../electron/core/auth/actor';
import { makeTempDir, writeTestConfig, TEST_PASSWORD_COST } from '../../helpers/test-core';

let core: Core;
let side: PublicSide;
let owner: Actor;

beforeAll(async () => {
  const dataDir = makeTempDir();
  const config = loadConfig(writeTestConfig(dataDir));
  const whatsapp = await connectWhatsApp({
    config,
    secrets: new SecretStore(null, {}),
    logger: silentLogger,
    sandbox: { templateReviewDelayMs: 50 },
  });
  core = await createCore({
    passwordCost: TEST_PASSWORD_COST,
    config,
    dataDir,
    secrets: whatsapp.secrets,
    whatsapp,
    logger: silentLogger,
    webhookProcessor: { pollMs: 50 },
  });
  side = await startPublicSide(core, config, silentLogger);
  const user = await core.ctx.db.getRepository(UserEntity).findOneByOrFail({ kind: 'super_admin' });
  owner = { user, sessionId: null, permissions: new Set(ALL_PERMISSIONS) };
});
afterAll(async () => {
  await side.stop();
  await core.close();
});

describe('templates', () => {
  it('syncs every template of the account, with placeholders and media headers recognised', async () => {
    const { synced } = await core.services.templates.sync();
    expect(synced).toBeGreaterThan(1);
    const all = await core.services.templates.list({});
    const hello = all.find((t) => t.name === 'hello_world' && t.language === 'en_US');
    expect(hello).toMatchObject({ status: 'APPROVED', variables: { header: [], body: [] } });
    expect(all.some((t) => t.variables.body.length > 0)).toBe(true);
    expect(await core.services.templates.list({ status: 'APPROVED', search: 'hello' })).toHaveLength(1);
  });

  it('submits a new template that starts PENDING and turns APPROVED through the status webhook', async () => {
    const events: string[] = [];
    const stop = core.events.subscribe((d) => events.push(d.name));
    const created = await core.services.templates.create(owner, {
      name: 'order_shipped',
      language: 'en_US',
      category: 'UTILITY',
      headerText: 'Order {{1}}',
      headerExample: '#123',
      body: 'Hi {{1}}, your order {{2}} is on its way.',
      bodyExamples: ['Asha', '#123'],
      footer: 'Reply STOP to opt out',
      buttons: [{ type: 'QUICK_REPLY', text: 'Track it' }],
    });
    expect(created).toMatchObject({ status: 'PENDING', variables: { header: ['1'], body: ['1', '2'] } });
    await vi.waitFor(
      async () => {
        const [now] = await core.services.templates.list({ search: 'order_shipped' });
        expect(now?.status).toBe('APPROVED');
      },
      { timeout: 5_000, interval: 50 },
    );
    expect(events).toContain('templates.changed');
    stop();
  });

  it('says which example is missing before asking Meta, and names the field', async () => {
    await expect(
      core.services.templates.create(owner, {
        name: 'missing_example',
        language: 'en_US',
        category: 'MARKETING',
        body: 'Hi {{1}}, {{2}} off today',
        bodyExamples: ['Asha'],
        buttons: [],
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION', fields: [{ field: 'bodyExamples' }] });
    expect(await core.services.templates.list({ search: 'missing_example' })).toHaveLength(0);
  });

  it('passes on Meta’s refusal of a duplicate name and language', async () => {
    await expect(
      core.services.templates.create(owner, {
        name: 'hello_world',
        language: 'en_US',
        category: 'UTILITY',
        body: 'Hello',
        bodyExamples: [],
        buttons: [],
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('WhatsApp refused') });
  });

  it('deletes a template at Meta and here; a later sync does not bring it back', async () => {
    const [shipped] = await core.services.templates.list({ search: 'order_shipped' });
    await core.services.templates.delete(owner, shipped!.id);
    expect(await core.services.templates.list({ search: 'order_shipped' })).toHaveLength(0);
    await core.services.templates.sync();
    expect(await core.services.templates.list({ search: 'order_shipped' })).toHaveLength(0);
  });
});
