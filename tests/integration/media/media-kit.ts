import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Core } from '../../../electron/core/create-core';
import { MediaEntity, type MediaRow } from '../../../electron/core/db/entities/media';
import { PhoneNumberEntity } from '../../../electron/core/db/entities/messaging';
import { makeTestCore, type MakeTestCoreOptions, type TestCore } from '../../helpers/test-core';

/** The sandbox's first demo number, which the libraries in these tests belong to. */
export const PHONE = '106540352242922';
export const OTHER_PHONE = '106540352242923';

/** What start-up would have read from WhatsApp: the business's numbers. */
export async function addPhoneNumbers(core: Core, ids: string[] = [PHONE, OTHER_PHONE]): Promise<void> {
  await core.ctx.tx.run((m) =>
    m.getRepository(PhoneNumberEntity).save(
      ids.map((id) => ({
        id,
        displayPhoneNumber: `+1 555 ${id.slice(-4)}`,
        verifiedName: 'Test Shop',
        qualityRating: 'GREEN',
        messagingLimitTier: 'TIER_250',
        throughputMps: 80,
        status: 'CONNECTED',
        updatedAt: core.ctx.clock.now(),
      })),
    ),
  );
}

/** A test core (no WhatsApp) whose business has the two demo numbers. */
export async function makeMediaCore(options: MakeTestCoreOptions = {}): Promise<TestCore> {
  const tc = await makeTestCore(options);
  await addPhoneNumbers(tc.core);
  return tc;
}

/** Every file and folder under the data folder's media folder (dot files too), relative to it. */
export function mediaFolderEntries(dataDir: string): string[] {
  const root = join(dataDir, 'media');
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .map((entry) => relative(root, join(root, entry)))
    .sort();
}

/** Only the files (not the per-number folders) under the media folder. */
export function mediaFiles(dataDir: string): string[] {
  return mediaFolderEntries(dataDir).filter((entry) => entry.includes('/'));
}

export function mediaRows(core: Core): Promise<MediaRow[]> {
  return core.ctx.db.getRepository(MediaEntity).find({ order: { id: 'ASC' } });
}
