import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fail, ok } from '../../helpers/dispatch';
import { startSandboxApp, type SandboxApp } from '../media/sandbox-app';
import { PDF, PNG } from '../media/samples';
import { ownerOf } from './owner';

/** Each number's WhatsApp business profile, edited from the app and kept by the sandbox. */
const PHONE = '106540352242922';
let app: SandboxApp;
let owner: string;

beforeAll(async () => {
  app = await startSandboxApp();
  owner = await ownerOf(app.core);
  await ok(app.core, owner, 'phoneNumbers.sync', {});
});
afterAll(async () => {
  await app?.close();
});

describe('the business profile', () => {
  it('round-trips through WhatsApp: what is saved is what is read back', async () => {
    expect(await ok(app.core, owner, 'businessProfile.get', { phoneNumberId: PHONE })).toMatchObject({
      about: 'Succulents and more, delivered.',
      vertical: 'RETAIL',
      hasPhoto: false,
    });
    const saved = await ok(app.core, owner, 'businessProfile.update', {
      phoneNumberId: PHONE,
      about: '  Plants, fast.  ',
      address: '2 Garden Row, Springfield',
      description: 'Cacti and succulents, delivered the same day.',
      email: 'Hello@Plants.example.com',
      websites: ['https://plants.example.com/', 'http://plants.example.org/shop'],
      vertical: 'GROCERY',
    });
    expect(saved).toEqual({
      phoneNumberId: PHONE,
      about: 'Plants, fast.',
      address: '2 Garden Row, Springfield',
      description: 'Cacti and succulents, delivered the same day.',
      email: 'Hello@Plants.example.com',
      websites: ['https://plants.example.com/', 'http://plants.example.org/shop'],
      vertical: 'GROCERY',
      hasPhoto: false,
    });
    // The sandbox keeps it: a fresh read asks WhatsApp again.
    expect(await ok(app.core, owner, 'businessProfile.get', { phoneNumberId: PHONE })).toEqual(saved);
  });

  it('clears a field given as empty, and leaves out what was not given', async () => {
    const saved = await ok(app.core, owner, 'businessProfile.update', {
      phoneNumberId: PHONE,
      address: '',
      websites: [],
    });
    expect(saved).toMatchObject({ address: '', websites: [], about: 'Plants, fast.' });
  });

  it.each([
    ['about', { about: 'x'.repeat(140) }, 'At most 139 characters'],
    ['about', { about: '   ' }, 'cannot be emptied'],
    ['address', { address: 'x'.repeat(257) }, 'At most 256 characters'],
    ['description', { description: 'x'.repeat(513) }, 'At most 512 characters'],
    ['email', { email: `${'x'.repeat(120)}@example.com` }, 'At most 128 characters'],
    ['email', { email: 'not an email' }, 'Not an email address'],
    ['websites', { websites: ['https://a.example', 'https://b.example', 'https://c.example'] }, 'At most 2'],
    ['websites.0', { websites: ['ftp://files.example.com'] }, 'http:// or https://'],
    ['websites.0', { websites: [`https://example.com/${'x'.repeat(240)}`] }, 'At most 256 characters'],
    ['vertical', { vertical: 'SPACESHIPS' }, 'business category'],
  ])('refuses %s over WhatsApp’s limit before anything is sent', async (field, change, words) => {
    const before = await ok(app.core, owner, 'businessProfile.get', { phoneNumberId: PHONE });
    const error = await fail(app.core, owner, 'businessProfile.update', { phoneNumberId: PHONE, ...change });
    expect(error.code).toBe('VALIDATION');
    expect(error.fields?.[0]).toMatchObject({ field, message: expect.stringContaining(words) });
    expect(await ok(app.core, owner, 'businessProfile.get', { phoneNumberId: PHONE })).toEqual(before);
  });

  it('sets the profile photo by the resumable upload, and shows it back', async () => {
    const png = PNG;
    const profile = await ok(app.core, owner, 'businessProfile.setPhoto', {
      phoneNumberId: PHONE,
      fileName: 'logo.png',
      contentBase64: png.toString('base64'),
    });
    expect(profile.hasPhoto).toBe(true);
    const photo = await ok(app.core, owner, 'businessProfile.photo', { phoneNumberId: PHONE });
    expect(photo).toEqual({ mimeType: 'image/png', contentBase64: png.toString('base64') });
  });

  it('refuses a photo that is not a JPEG or PNG by its bytes, whatever its name', async () => {
    const error = await fail(app.core, owner, 'businessProfile.setPhoto', {
      phoneNumberId: PHONE,
      fileName: 'logo.png',
      contentBase64: PDF.toString('base64'),
    });
    expect(error).toMatchObject({
      code: 'VALIDATION',
      message: 'A profile photo must be a JPEG or PNG image',
    });
  });

  it('answers a number of another account with NOT_FOUND', async () => {
    expect((await fail(app.core, owner, 'businessProfile.get', { phoneNumberId: '42' })).code).toBe(
      'NOT_FOUND',
    );
  });
});
