import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { CoreContext } from '../core-context';
import { MediaEntity, type MediaRow } from '../db/entities/media';
import { extensionFor } from './media-types';
import { newStorageName, type MediaFiles } from './media-files';

export type NewMedia = Omit<
  MediaRow,
  'id' | 'storageName' | 'sha256' | 'sizeBytes' | 'createdAt' | 'waError'
> & {
  data: Buffer;
};

/**
 * Writes the file (atomically) and then its row. If the row cannot be inserted the file is removed,
 * so a failure leaves neither. `alsoInTransaction` runs in the row's transaction (the audit entry).
 */
export async function storeMedia(
  ctx: CoreContext,
  files: MediaFiles,
  media: NewMedia,
  alsoInTransaction?: (m: EntityManager, row: MediaRow) => Promise<void>,
): Promise<MediaRow> {
  const { data, ...fields } = media;
  const storageName = newStorageName(extensionFor(fields.mimeType));
  await files.write(fields.phoneNumberId, storageName, data);
  try {
    return await ctx.tx.run(async (m) => {
      const row: Omit<MediaRow, 'id'> = {
        ...fields,
        storageName,
        sizeBytes: data.length,
        sha256: createHash('sha256').update(data).digest('hex'),
        waError: null,
        createdAt: ctx.clock.now(),
      };
      const inserted = await m.getRepository(MediaEntity).insert(row);
      const stored: MediaRow = { ...row, id: inserted.identifiers[0]!.id as number };
      await alsoInTransaction?.(m, stored);
      return stored;
    });
  } catch (error) {
    await files.remove(fields.phoneNumberId, storageName);
    throw error;
  }
}
