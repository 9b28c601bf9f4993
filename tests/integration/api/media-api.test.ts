import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MediaEntity } from '../../../electron/core/db/entities/media';
import { addPhoneNumbers, PHONE } from '../media/media-kit';
import { bigJpeg, PNG } from '../media/samples';
import { startApiHarness, type ApiHarness } from './api-test-core';

/** `/api/v1/phone-numbers` and `/api/v1/media`: the shop's systems manage the media library. */
let api: ApiHarness;
let writer: string;
beforeAll(async () => {
  api = await startApiHarness();
  await addPhoneNumbers(api.core);
  writer = await api.token(['media.read', 'media.write']);
});
afterAll(() => api.close());

/** A multipart upload as curl -F would send it. */
function multipart(
  token: string | null,
  fields: Record<string, string>,
  file?: { name: string; type: string; data: Buffer },
) {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.set(key, value);
  if (file) form.set('file', new Blob([new Uint8Array(file.data)], { type: file.type }), file.name);
  return fetch(`${api.server.url}/api/v1/media`, {
    method: 'POST',
    headers: token ? { authorization: `Bearer ${token}` } : {},
    body: form,
  });
}

describe('GET /phone-numbers', () => {
  it('lists the account’s numbers with their standing, for a token with settings.read', async () => {
    const token = await api.token(['settings.read']);
    const answer = await api.call('GET', '/api/v1/phone-numbers', token);
    expect(answer.status).toBe(200);
    expect(answer.body.data).toEqual([
      expect.objectContaining({
        id: PHONE,
        qualityRating: 'GREEN',
        registered: true,
        messagingLimitTier: 'TIER_250',
      }),
      expect.objectContaining({ id: '106540352242923' }),
    ]);
  });
});

describe('POST /media', () => {
  it('takes a multipart file, checks it and stores it', async () => {
    const response = await multipart(
      writer,
      { phoneNumberId: PHONE },
      { name: 'logo.png', type: 'image/png', data: PNG },
    );
    expect(response.status).toBe(201);
    const { data } = (await response.json()) as {
      data: { id: number; kind: string; fileName: string; url: string };
    };
    expect(data).toMatchObject({
      kind: 'image',
      fileName: 'logo.png',
      url: expect.stringMatching(/^\/media\//),
    });
    const served = await fetch(`${api.server.url}${data.url}`);
    expect(Buffer.from(await served.arrayBuffer()).equals(PNG)).toBe(true);
  });

  it('takes the file in base64 JSON, beyond the 1 MB the other routes allow', async () => {
    const photo = bigJpeg(2);
    const answer = await api.call('POST', '/api/v1/media', writer, {
      phoneNumberId: PHONE,
      fileName: 'big photo.jpg',
      contentBase64: photo.toString('base64'),
    });
    expect(answer.status).toBe(201);
    expect(answer.body.data).toMatchObject({ kind: 'image', sizeBytes: photo.length });
  });

  it('refuses a file over WhatsApp’s limit for its kind and stores nothing', async () => {
    const before = await api.core.ctx.db.getRepository(MediaEntity).count();
    const response = await multipart(
      writer,
      { phoneNumberId: PHONE },
      { name: 'huge.jpg', type: 'image/jpeg', data: bigJpeg(6) },
    );
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.message).toMatch(/an image may be at most 5 MB/);
    expect(await api.core.ctx.db.getRepository(MediaEntity).count()).toBe(before);
  });

  it('takes a public link instead (and refuses one into this computer)', async () => {
    const answer = await api.call('POST', '/api/v1/media', writer, {
      phoneNumberId: PHONE,
      url: `${api.server.url}/health`,
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 'VALIDATION', fields: [{ field: 'url' }] });
  });

  it('checks the token and its permission before reading a large body', async () => {
    const data = bigJpeg(3);
    expect(
      (await multipart(null, { phoneNumberId: PHONE }, { name: 'a.jpg', type: 'image/jpeg', data })).status,
    ).toBe(401);
    const reader = await api.token(['media.read']);
    const refused = await multipart(
      reader,
      { phoneNumberId: PHONE },
      { name: 'a.jpg', type: 'image/jpeg', data },
    );
    expect(refused.status).toBe(403);
    const forged = await multipart(
      'wdk_forged',
      { phoneNumberId: PHONE },
      { name: 'a.jpg', type: 'image/jpeg', data },
    );
    expect(forged.status).toBe(401);
  });

  it('answers a malformed multipart body with a typed 400', async () => {
    const response = await fetch(`${api.server.url}/api/v1/media`, {
      method: 'POST',
      headers: { authorization: `Bearer ${writer}`, 'content-type': 'multipart/form-data; boundary=x' },
      body: 'not multipart at all',
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('VALIDATION');
  });
});

describe('GET and DELETE /media', () => {
  it('lists, searches, reads and deletes library files', async () => {
    const listed = await api.call(
      'GET',
      `/api/v1/media?phoneNumberId=${PHONE}&search=logo&kind=image`,
      writer,
    );
    expect(listed.status).toBe(200);
    const files = listed.body.data as { id: number; fileName: string; waState: string }[];
    expect(files.map((f) => f.fileName)).toEqual(['logo.png']);
    const one = await api.call('GET', `/api/v1/media/${files[0]!.id}`, writer);
    expect(one.body.data).toMatchObject({ id: files[0]!.id, waState: 'none', waMediaId: null });
    expect((await api.call('DELETE', `/api/v1/media/${files[0]!.id}`, writer)).status).toBe(200);
    expect((await api.call('GET', `/api/v1/media/${files[0]!.id}`, writer)).status).toBe(404);
  });
});

describe('the OpenAPI document', () => {
  it('describes the new routes, the multipart upload and what they answer', async () => {
    const doc = (await (await fetch(`${api.server.url}/api/v1/openapi.json`)).json()) as {
      paths: Record<
        string,
        Record<
          string,
          {
            requestBody?: { content: Record<string, unknown> };
            responses: Record<
              string,
              {
                content?: {
                  'application/json': {
                    schema: {
                      properties: {
                        data: { type?: string; items?: { properties?: Record<string, unknown> } };
                      };
                    };
                  };
                };
              }
            >;
          }
        >
      >;
    };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/phone-numbers', '/media', '/media/{id}']),
    );
    expect(Object.keys(doc.paths['/media']!.post!.requestBody!.content)).toEqual([
      'application/json',
      'multipart/form-data',
    ]);
    const list =
      doc.paths['/media']!.get!.responses['200']!.content!['application/json'].schema.properties.data;
    expect(list.type).toBe('array');
    expect(Object.keys(list.items!.properties!)).toEqual(
      expect.arrayContaining(['waMediaId', 'waExpiresAt', 'url']),
    );
  });
});
