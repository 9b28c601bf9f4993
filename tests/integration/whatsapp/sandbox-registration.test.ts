import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  apiError,
  CUSTOMERS,
  startSandboxWithClient,
  type SandboxWithClient,
} from './helpers/sandbox-fixture';

/** The number the sandbox's account holds but has not put on the Cloud API. */
const NEW_NUMBER = '106540352242924';
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

let env: SandboxWithClient;
beforeEach(async () => {
  env = await startSandboxWithClient({ callbackUrl: null });
});
afterEach(async () => {
  await env.sandbox.close();
});

const registration = () => env.client.registration;
const code = () => env.sandbox.info.registrationCode;

describe('registering a number in the sandbox, as on the Cloud API', () => {
  it('walks request_code → verify_code → register, after which the number sends', async () => {
    const before = await env.client.phoneNumbers.get(NEW_NUMBER);
    expect(before).toMatchObject({ platformType: 'NOT_APPLICABLE', codeVerificationStatus: 'NOT_VERIFIED' });
    expect(await apiError(env.client.messages.sendText(NEW_NUMBER, CUSTOMERS.inWindow, 'hi'))).toMatchObject({
      code: 133010,
    });

    expect(await registration().requestCode(NEW_NUMBER, 'SMS', 'en_US')).toBe(true);
    expect(await registration().verifyCode(NEW_NUMBER, code())).toBe(true);
    expect((await env.client.phoneNumbers.get(NEW_NUMBER)).codeVerificationStatus).toBe('VERIFIED');
    expect(await registration().register(NEW_NUMBER, '246810')).toBe(true);

    expect(await env.client.phoneNumbers.get(NEW_NUMBER)).toMatchObject({
      platformType: 'CLOUD_API',
      status: 'CONNECTED',
    });
    expect(env.sandbox.info.phoneNumbers.find((n) => n.id === NEW_NUMBER)).toMatchObject({
      registered: true,
      twoStepPinSet: true,
    });
    await env.client.messages.sendTemplate(NEW_NUMBER, CUSTOMERS.inWindow, {
      name: 'hello_world',
      language: { code: 'en_US' },
    });
  });

  it('answers 136025 for a wrong code, a code never asked for and an expired one', async () => {
    expect(await apiError(registration().verifyCode(NEW_NUMBER, code()))).toMatchObject({
      code: 136025,
      details: expect.stringContaining('Request a code first'),
    });
    await registration().requestCode(NEW_NUMBER, 'VOICE', 'en_US');
    expect(await apiError(registration().verifyCode(NEW_NUMBER, '000000'))).toMatchObject({
      code: 136025,
      details: expect.stringContaining('wrong code'),
    });
    env.sandbox.advanceClock(11 * 60_000);
    expect(await apiError(registration().verifyCode(NEW_NUMBER, code()))).toMatchObject({
      code: 136025,
      details: expect.stringContaining('expired'),
    });
  });

  it('answers 136024 once codes were asked for too often', async () => {
    for (let i = 0; i < 5; i += 1) await registration().requestCode(NEW_NUMBER, 'SMS', 'en_US');
    expect(await apiError(registration().requestCode(NEW_NUMBER, 'SMS', 'en_US'))).toMatchObject({
      code: 136024,
    });
    env.sandbox.advanceClock(61 * 60_000);
    expect(await registration().requestCode(NEW_NUMBER, 'SMS', 'en_US')).toBe(true);
  });

  it('refuses to register an unverified number (133006)', async () => {
    expect(await apiError(registration().register(NEW_NUMBER, '246810'))).toMatchObject({ code: 133006 });
  });

  it('holds a registered number to its PIN: 133005 for a wrong one, 133008 after five', async () => {
    const registered = env.phoneNumberId;
    await registration().setPin(registered, '111111');
    for (let i = 0; i < 5; i += 1) {
      expect(await apiError(registration().register(registered, '999999'))).toMatchObject({ code: 133005 });
    }
    // Even the right PIN waits now.
    expect(await apiError(registration().register(registered, '111111'))).toMatchObject({ code: 133008 });
    env.sandbox.advanceClock(25 * 60 * 60_000);
    expect(await registration().register(registered, '111111')).toBe(true);
  });

  it('answers 133016 after ten registrations in 72 hours', async () => {
    const registered = env.phoneNumberId;
    for (let i = 0; i < 10; i += 1) await registration().register(registered, '111111');
    expect(await apiError(registration().register(registered, '111111'))).toMatchObject({ code: 133016 });
  });

  it('sets the two-step PIN of a registered number only (133010 otherwise), six digits', async () => {
    expect(await registration().setPin(env.phoneNumberId, '135790')).toBe(true);
    expect(await apiError(registration().setPin(NEW_NUMBER, '135790'))).toMatchObject({ code: 133010 });
    expect(await apiError(registration().setPin(env.phoneNumberId, '12345'))).toMatchObject({ code: 100 });
  });

  it('fails a step once with an injected code, for errors it does not simulate', async () => {
    env.sandbox.failNextRegistrationStep('register', 133009);
    expect(await apiError(registration().register(env.phoneNumberId, '111111'))).toMatchObject({
      code: 133009,
    });
    expect(await registration().register(env.phoneNumberId, '111111')).toBe(true);
  });
});

describe('the resumable upload API and the profile photo', () => {
  it('gives a handle for the bytes, sets the photo with it and serves the photo', async () => {
    const { handle } = await env.client.uploads.upload(env.sandbox.info.appId, {
      data: PNG,
      mimeType: 'image/png',
      fileName: 'logo.png',
    });
    expect(handle).toMatch(/^4::/);
    await env.client.businessProfile.update(env.phoneNumberId, { profile_picture_handle: handle });
    const url = (await env.client.businessProfile.get(env.phoneNumberId)).profile_picture_url ?? '';
    const served = await fetch(url);
    expect(served.status).toBe(200);
    expect(Buffer.from(await served.arrayBuffer()).equals(PNG)).toBe(true);
  });

  it('takes the bytes in parts at the right offsets, and refuses a wrong offset or another app', async () => {
    const { sandbox } = env;
    const token = sandbox.info.accessToken;
    const opened = await fetch(
      `${sandbox.url}/v23.0/${sandbox.info.appId}/uploads?file_name=a.png&file_length=${PNG.length}&file_type=image/png`,
      { method: 'POST', headers: { authorization: `Bearer ${token}` } },
    );
    const { id } = (await opened.json()) as { id: string };
    const send = (offset: number, part: Buffer) =>
      fetch(`${sandbox.url}/v23.0/${id}`, {
        method: 'POST',
        headers: {
          authorization: `OAuth ${token}`,
          file_offset: String(offset),
          'content-type': 'image/png',
        },
        body: new Uint8Array(part),
      });
    expect((await send(0, PNG.subarray(0, 10))).status).toBe(200);
    const status = await fetch(`${sandbox.url}/v23.0/${id}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(await status.json()).toMatchObject({ file_offset: 10 });
    expect((await send(0, PNG.subarray(10))).status).toBe(400);
    const done = (await (await send(10, PNG.subarray(10))).json()) as { h?: string };
    expect(done.h).toMatch(/^4::/);

    const otherApp = await apiError(
      env.client.uploads.upload('999', { data: PNG, mimeType: 'image/png', fileName: 'a.png' }),
    );
    expect(otherApp.code).toBe(100);
  });

  it('refuses a handle it never gave', async () => {
    const refused = await apiError(
      env.client.businessProfile.update(env.phoneNumberId, { profile_picture_handle: '4::made-up' }),
    );
    expect(refused).toMatchObject({ code: 100, details: expect.stringContaining('profile_picture_handle') });
  });
});
