import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MediaEntity, type MediaRow } from '../../../electron/core/db/entities/media';
import { MessageEntity } from '../../../electron/core/db/entities/messaging';
import { SAMPLE_MEDIA } from '../../../electron/core/whatsapp/sandbox/media-types';
import { request } from '../../helpers/http';
import { mediaFiles, PHONE } from './media-kit';
import { startSandboxApp, type SandboxApp } from './sandbox-app';

/** A demo customer of the sandbox who wrote recently. */
const ASHA = '15551234001';

let app: SandboxApp;
beforeEach(async () => {
  app = await startSandboxApp({ publicSide: true });
});
afterEach(async () => {
  await app.close();
});

/**
 * The customer sends media; the sandbox's signed webhook reaches /webhook, the processor stores the
 * message and, once committed, the media is fetched. Resolves with the message id and its media row.
 */
async function customerSendsMedia(
  type: 'image' | 'document' | 'sticker' | 'audio' | 'video',
): Promise<{ messageId: number; mediaId: string; row: MediaRow }> {
  const sent = app.sandbox.customerSends(ASHA, {
    type,
    caption: type === 'image' ? 'Is this in stock?' : undefined,
  });
  let found: { messageId: number; row: MediaRow } | undefined;
  await vi.waitFor(
    async () => {
      await app.sandbox.idle();
      await app.core.webhooks.idle();
      const message = await app.core.ctx.db
        .getRepository(MessageEntity)
        .findOneByOrFail({ waMessageId: sent.id });
      const row = await app.core.ctx.db.getRepository(MediaEntity).findOneByOrFail({ messageId: message.id });
      found = { messageId: message.id, row };
    },
    { timeout: 5_000, interval: 25 },
  );
  return { ...found!, mediaId: sent.mediaId! };
}

describe('media a customer sends', () => {
  it('is downloaded at once and kept with its message', async () => {
    const { messageId, row } = await customerSendsMedia('image');
    expect(row).toMatchObject({
      phoneNumberId: PHONE,
      kind: 'image',
      mimeType: 'image/png',
      sizeBytes: SAMPLE_MEDIA.image.data.length,
      source: 'inbound',
      messageId,
      // A webhook's id is not ours to send with; sending it later uploads the file.
      waMediaId: null,
    });
    expect(readFileSync(join(app.dataDir, 'media', PHONE, row.storageName))).toEqual(SAMPLE_MEDIA.image.data);
    // A customer's file stays with their conversation: the shop's library (open to media.read) does
    // not list it, so a member who may not read that conversation does not see it there.
    expect((await app.core.services.media.list(PHONE)).map((m) => m.id)).toEqual([]);
  });

  it('keeps a document under the customer’s file name, and the library serves it from /media/', async () => {
    const { row } = await customerSendsMedia('document');
    expect(row).toMatchObject({ kind: 'document', mimeType: 'application/pdf', fileName: 'order.pdf' });
    const served = await request({ port: app.side!.publicServer.port, path: `/media/${row.storageName}` });
    expect(served.status).toBe(200);
    expect(served.headers['content-type']).toBe('application/pdf');
    expect(served.headers['content-disposition']).toMatch(/^attachment; filename="order.pdf"/);
    expect(Buffer.from(served.text, 'latin1').length).toBe(SAMPLE_MEDIA.document.data.length);
  });

  it.each(['sticker', 'audio', 'video'] as const)('works for a %s too', async (type) => {
    const { row } = await customerSendsMedia(type);
    expect(row).toMatchObject({
      kind: type,
      mimeType: SAMPLE_MEDIA[type].mimeType,
      sizeBytes: SAMPLE_MEDIA[type].data.length,
    });
  });

  it('is fetched once per message, however often it is asked for', async () => {
    const { messageId, mediaId, row } = await customerSendsMedia('image');
    const media = app.core.services.media;
    await media.downloadInbound(messageId, PHONE, mediaId);
    await Promise.all([1, 2, 3].map(() => media.downloadInbound(messageId, PHONE, mediaId)));
    const rows = await app.core.ctx.db.getRepository(MediaEntity).findBy({ messageId });
    expect(rows.map((r) => r.id)).toEqual([row.id]);
    expect(mediaFiles(app.dataDir)).toEqual([`${PHONE}/${row.storageName}`]);
  });

  it('stores nothing when WhatsApp does not know the media id', async () => {
    const { messageId } = await customerSendsMedia('image');
    await app.core.ctx.tx.run((m) => m.getRepository(MediaEntity).delete({ messageId }));
    await expect(
      app.core.services.media.downloadInbound(messageId, PHONE, '999999999'),
    ).rejects.toMatchObject({
      code: 100,
    });
    expect(await app.core.ctx.db.getRepository(MediaEntity).countBy({ messageId })).toBe(0);
  });
});
