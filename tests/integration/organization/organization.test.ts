import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreEvent } from '@shared/events';
import { fail, ok } from '../../helpers/dispatch';
import { addMember, addRole, signIn, signInOwner, tokenOf } from '../../helpers/people';
import { makeTempDir, makeTestCore, OWNER, type TestCore } from '../../helpers/test-core';

let dataDir: string;
let tc: TestCore;
let owner: string;

beforeAll(async () => {
  dataDir = makeTempDir();
  tc = await makeTestCore({ dataDir });
  owner = await signInOwner(tc);
});
afterAll(async () => {
  await tc.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('organization settings in the app', () => {
  it('start from config.toml, with a locale derived from the default country', async () => {
    expect(await ok(tc.core, owner, 'organization.get', {})).toMatchObject({
      name: 'Test Shop',
      defaultCountry: 'IN',
      timeZone: 'Asia/Kolkata',
      locale: 'en-IN',
      localeDerived: true,
    });
    expect((await ok(tc.core, owner, 'auth.session', {})).organization.locale).toBe('en-IN');
  });

  it('refuse what is not a country, a zone or a locale, naming the field, and change nothing', async () => {
    for (const [input, field] of [
      [{ defaultCountry: 'UK' }, 'defaultCountry'],
      [{ timeZone: 'Mars/Olympus' }, 'timeZone'],
      [{ locale: 'not a locale!' }, 'locale'],
      [{ name: '' }, 'name'],
    ] as const) {
      const error = await fail(tc.core, owner, 'organization.update', input);
      expect(error.code).toBe('VALIDATION');
      expect(error.fields?.map((f) => f.field)).toEqual([field]);
    }
    expect((await ok(tc.core, owner, 'organization.get', {})).name).toBe('Test Shop');
  });

  it('are changed by those holding settings.write only, audited, and told to every window', async () => {
    const reader = await addMember(tc.core, owner, {
      roleIds: [(await addRole(tc.core, owner, ['settings.read'])).id],
    });
    expect((await fail(tc.core, tokenOf(reader), 'organization.update', { name: 'Nope' })).code).toBe(
      'FORBIDDEN',
    );
    const heard: CoreEvent[] = [];
    const stop = tc.core.events.subscribe((event) => heard.push(event));
    const updated = await ok(tc.core, owner, 'organization.update', {
      name: 'Renamed Shop',
      defaultCountry: 'gb',
      timeZone: 'Europe/London',
    });
    stop();
    expect(updated).toMatchObject({
      name: 'Renamed Shop',
      defaultCountry: 'GB',
      timeZone: 'Europe/London',
      locale: 'en-GB',
      localeDerived: true,
    });
    expect(heard.map((e) => e.name)).toContain('organization.changed');
    const [entry] = await ok(tc.core, owner, 'audit.list', { limit: 1, targetType: 'organization' });
    expect(entry).toMatchObject({
      action: 'organization.updated',
      actor: OWNER.username,
      details: { name: { from: 'Test Shop', to: 'Renamed Shop' }, defaultCountry: { from: 'IN', to: 'GB' } },
    });
    // Phone numbers typed without a country code now take the new default.
    const contact = await ok(tc.core, owner, 'contacts.create', { name: 'Olly', phone: '07911 123456' });
    expect(contact.phone).toBe('+447911123456');

    const chosen = await ok(tc.core, owner, 'organization.update', { locale: 'en-US' });
    expect(chosen).toMatchObject({ locale: 'en-US', localeDerived: false });
  });

  it('outlive a restart: config.toml keeps its first-run values and changes nothing', async () => {
    await tc.stop();
    tc = await makeTestCore({ dataDir, organizationName: 'Name in config.toml' });
    owner = (await signIn(tc.core, OWNER.username, OWNER.password)).token;
    expect(await ok(tc.core, owner, 'organization.get', {})).toMatchObject({
      name: 'Renamed Shop',
      defaultCountry: 'GB',
      timeZone: 'Europe/London',
      locale: 'en-US',
    });
    expect((await ok(tc.core, null, 'system.info', {})).organizationName).toBe('Renamed Shop');
  });
});

describe('the audit log screen’s filters', () => {
  it('by person, by kind of thing, and page by page, newest first', async () => {
    const all = await ok(tc.core, owner, 'audit.list', { limit: 500 });
    const mine = await ok(tc.core, owner, 'audit.list', { limit: 500, actorUserId: all[0]!.actorUserId! });
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((e) => e.actorUserId === all[0]!.actorUserId && e.actorName === OWNER.name)).toBe(true);
    const system = await ok(tc.core, owner, 'audit.list', { limit: 500, actorUserId: null });
    expect(system.map((e) => e.action)).toContain('super_admin.created');
    const contacts = await ok(tc.core, owner, 'audit.list', { limit: 500, targetType: 'contact' });
    expect(contacts.length).toBeGreaterThan(0);
    expect(contacts.every((e) => e.targetType === 'contact')).toBe(true);
    const [firstPage, secondPage] = [
      await ok(tc.core, owner, 'audit.list', { limit: 2 }),
      await ok(tc.core, owner, 'audit.list', { limit: 2, beforeId: all[1]!.id }),
    ];
    expect(firstPage.map((e) => e.id)).toEqual([all[0]!.id, all[1]!.id]);
    expect(secondPage.map((e) => e.id)).toEqual([all[2]!.id, all[3]!.id]);
    const actors = await ok(tc.core, owner, 'audit.actors', {});
    expect(actors.map((a) => a.username)).toContain(OWNER.username);
  });

  it('needs audit.read, which a role can give without members.read', async () => {
    const viewer = await addMember(tc.core, owner, {
      roleIds: [(await addRole(tc.core, owner, ['audit.read'])).id],
    });
    expect((await ok(tc.core, tokenOf(viewer), 'audit.list', { limit: 5 })).length).toBe(5);
    const other = await addMember(tc.core, owner, {
      roleIds: [(await addRole(tc.core, owner, ['members.read'])).id],
    });
    expect((await fail(tc.core, tokenOf(other), 'audit.list', { limit: 5 })).code).toBe('FORBIDDEN');
  });
});

describe('getting started', () => {
  it('ticks steps from what is there, and keeps only the choices made by hand', async () => {
    const status = await ok(tc.core, owner, 'gettingStarted.status', {});
    // A contact exists (made above); no test, no finished campaign, the sandbox not yet kept.
    expect(status).toEqual({
      dismissed: false,
      whatsappMode: 'sandbox',
      steps: { whatsapp: false, contacts: true, testSend: false, campaign: false },
    });
    const kept = await ok(tc.core, owner, 'gettingStarted.mark', { mark: 'sandbox_kept', done: true });
    expect(kept.steps.whatsapp).toBe(true);
    expect(
      (await ok(tc.core, owner, 'gettingStarted.mark', { mark: 'dismissed', done: true })).dismissed,
    ).toBe(true);
    const undone = await ok(tc.core, owner, 'gettingStarted.mark', { mark: 'dismissed', done: false });
    expect(undone.dismissed).toBe(false);
    const actions = (await ok(tc.core, owner, 'audit.list', { limit: 3 })).map((e) => e.action);
    expect(actions).toEqual([
      'getting_started.dismissed_undone',
      'getting_started.dismissed',
      'getting_started.sandbox_kept',
    ]);
  });

  it('has no demo customers to add without the sandbox', async () => {
    expect((await fail(tc.core, owner, 'sandbox.customers', {})).code).toBe('CONFLICT');
  });
});
