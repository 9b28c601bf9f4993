import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AuditEntryEntity } from '../../../electron/core/db/entities/audit-entry';
import { fail, ok } from '../../helpers/dispatch';
import { addMember, addRole, tokenOf } from '../../helpers/people';
import { ownerOf } from './owner';
import { startSandboxApp, type SandboxApp } from '../media/sandbox-app';

/**
 * Adding a number from the app: one that is in the business account but not on the Cloud API is
 * registered through the sandbox's steps, and every refusal reaches the person in plain words.
 */
const NEW_NUMBER = '106540352242924';
let app: SandboxApp;
let owner: string;

beforeAll(async () => {
  app = await startSandboxApp();
  owner = await ownerOf(app.core);
});
afterAll(async () => {
  await app?.close();
});
beforeEach(() => {
  app.sandbox.reset();
});

describe('the account’s numbers', () => {
  it('lists every number with its standing; only registered ones are offered for sending', async () => {
    const numbers = await ok(app.core, owner, 'phoneNumbers.sync', {});
    expect(numbers.map((n) => [n.id, n.registered])).toEqual([
      ['106540352242922', true],
      ['106540352242923', true],
      [NEW_NUMBER, false],
    ]);
    expect(numbers[0]).toMatchObject({
      verifiedName: 'Wapidesk Demo Shop',
      nameStatus: 'APPROVED',
      qualityRating: 'GREEN',
      messagingLimitTier: 'TIER_250',
      dailyLimit: 250,
      throughputMps: 80,
      codeVerificationStatus: 'VERIFIED',
    });
    expect(numbers[2]).toMatchObject({
      platformType: 'NOT_APPLICABLE',
      codeVerificationStatus: 'NOT_VERIFIED',
    });
    const sendable = await ok(app.core, owner, 'phoneNumbers.list', {});
    expect(sendable.map((n) => n.id)).not.toContain(NEW_NUMBER);
  });

  it('registers the new number: code by SMS, the code back, a PIN; then it can be chosen to send', async () => {
    await ok(app.core, owner, 'phoneNumbers.sync', {});
    const requested = await ok(app.core, owner, 'phoneNumbers.requestCode', {
      phoneNumberId: NEW_NUMBER,
      method: 'SMS',
      language: 'en_US',
    });
    expect(requested.message).toContain('by SMS');
    // Sandbox mode shows the code the sandbox "sent"; a real one arrives on the phone.
    expect(requested.sandboxCode).toBe(app.sandbox.info.registrationCode);
    const verified = await ok(app.core, owner, 'phoneNumbers.verifyCode', {
      phoneNumberId: NEW_NUMBER,
      code: ` ${requested.sandboxCode!.slice(0, 3)}-${requested.sandboxCode!.slice(3)} `,
    });
    expect(verified.number.codeVerificationStatus).toBe('VERIFIED');
    const registered = await ok(app.core, owner, 'phoneNumbers.register', {
      phoneNumberId: NEW_NUMBER,
      pin: '246810',
    });
    expect(registered.number).toMatchObject({ registered: true, platformType: 'CLOUD_API' });
    expect((await ok(app.core, owner, 'phoneNumbers.list', {})).map((n) => n.id)).toContain(NEW_NUMBER);

    // The audit log says it happened, never what the PIN is.
    const entries = await app.core.ctx.db.getRepository(AuditEntryEntity).find();
    expect(entries.map((e) => e.action)).toEqual(
      expect.arrayContaining([
        'phone_number.code_requested',
        'phone_number.verified',
        'phone_number.registered',
      ]),
    );
    expect(JSON.stringify(entries)).not.toContain('246810');
  });

  it('picks up a number added in WhatsApp Manager when asked for one it does not know yet', async () => {
    await app.core.ctx.tx.run((m) => m.query(`DELETE FROM phone_numbers WHERE id = ?`, [NEW_NUMBER]));
    const step = await ok(app.core, owner, 'phoneNumbers.requestCode', {
      phoneNumberId: NEW_NUMBER,
      method: 'VOICE',
      language: 'en_US',
    });
    expect(step.message).toContain('voice call');
    expect((await ok(app.core, owner, 'phoneNumbers.account', {})).map((n) => n.id)).toContain(NEW_NUMBER);
  });

  it('sets the two-step PIN of a registered number', async () => {
    await ok(app.core, owner, 'phoneNumbers.sync', {});
    expect(
      await ok(app.core, owner, 'phoneNumbers.setPin', { phoneNumberId: '106540352242922', pin: '135790' }),
    ).toEqual({
      ok: true,
    });
    expect(app.sandbox.info.phoneNumbers[0]?.twoStepPinSet).toBe(true);
  });

  it('is for those who may change settings; readers of settings only see the list', async () => {
    const role = await addRole(app.core, owner, ['settings.read']);
    const reader = await addMember(app.core, owner, { roleIds: [role.id], prefix: 'numbersreader' });
    expect((await ok(app.core, tokenOf(reader), 'phoneNumbers.account', {})).length).toBeGreaterThan(0);
    expect(
      (
        await fail(app.core, tokenOf(reader), 'phoneNumbers.register', {
          phoneNumberId: NEW_NUMBER,
          pin: '246810',
        })
      ).code,
    ).toBe('FORBIDDEN');
  });
});

describe('each registration error, explained', () => {
  beforeEach(async () => {
    await ok(app.core, owner, 'phoneNumbers.sync', {});
  });

  const requestCode = () =>
    fail(app.core, owner, 'phoneNumbers.requestCode', { phoneNumberId: NEW_NUMBER, method: 'SMS' });
  const verify = (code: string) =>
    fail(app.core, owner, 'phoneNumbers.verifyCode', { phoneNumberId: NEW_NUMBER, code });
  const register = (phoneNumberId: string, pin: string) =>
    fail(app.core, owner, 'phoneNumbers.register', { phoneNumberId, pin });

  it('a wrong code (136025) is shown under the code field', async () => {
    await ok(app.core, owner, 'phoneNumbers.requestCode', { phoneNumberId: NEW_NUMBER, method: 'SMS' });
    const error = await verify('000000');
    expect(error).toMatchObject({ code: 'VALIDATION', fields: [{ field: 'code' }] });
    expect(error.message).toMatch(/not right or has expired/);
    expect(error.message).toContain('wrong code');
  });

  it('too many codes asked for (136024) says to wait or use a voice call', async () => {
    app.sandbox.failNextRegistrationStep('request_code', 136024);
    const error = await requestCode();
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.message).toMatch(/Wait an hour or more.*voice call/);
  });

  it('registering before verifying (133006) says to ask for a code first', async () => {
    const error = await register(NEW_NUMBER, '246810');
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toMatch(/ask for a code, enter it, then register/);
  });

  it('a wrong PIN (133005) points at the PIN and at WhatsApp Manager to reset it', async () => {
    await ok(app.core, owner, 'phoneNumbers.setPin', { phoneNumberId: '106540352242922', pin: '111111' });
    const error = await register('106540352242922', '222222');
    expect(error).toMatchObject({ code: 'VALIDATION', fields: [{ field: 'pin' }] });
    expect(error.message).toMatch(/already has a two-step verification PIN.*WhatsApp Manager/);
  });

  it('too many wrong PINs (133008) and PINs too fast (133009) say to wait', async () => {
    app.sandbox.failNextRegistrationStep('register', 133008);
    expect((await register('106540352242922', '111111')).message).toMatch(/Too many wrong PINs/);
    app.sandbox.failNextRegistrationStep('register', 133009);
    expect((await register('106540352242922', '111111')).message).toMatch(/too quickly/);
  });

  it.each([
    [133000, 'CONFLICT', /did not finish/],
    [133004, 'CONFLICT', /briefly unavailable/],
    [133015, 'RATE_LIMITED', /Wait five minutes/],
    [133016, 'RATE_LIMITED', /Too many registration attempts/],
  ])('%i is explained (%s)', async (graphCode, code, words) => {
    app.sandbox.failNextRegistrationStep('register', graphCode);
    const error = await register('106540352242922', '111111');
    expect(error.code).toBe(code);
    expect(error.message).toMatch(words);
  });

  it('an error it does not know is shown with WhatsApp’s own words and code', async () => {
    app.sandbox.failNextRegistrationStep('verify_code', 139999);
    const error = await verify('123456');
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain('139999');
    expect(error.message).toContain('Injected by the sandbox');
  });

  it('a PIN that is not six digits never reaches WhatsApp', async () => {
    const error = await register(NEW_NUMBER, '12ab');
    expect(error).toMatchObject({ code: 'VALIDATION', fields: [{ field: 'pin', message: 'Six digits' }] });
  });
});
