import type { AppConfig } from '../config/schema';
import { TunnelSettingsEntity } from '../db/entities/connectivity';
import type { ReadManager, WriteManager } from '../db/read-db';
import { choiceFromConfig } from './from-config';
import type { TunnelChoice } from './types';

export interface StoredTunnelChoice {
  choice: TunnelChoice;
  /** `app` once the owner saved one in Settings; config.toml's [tunnel] until then. */
  source: 'config' | 'app';
  updatedAt: Date | null;
}

/** The tunnel in force: the owner's choice from Settings, else config.toml's [tunnel]. */
export async function loadTunnelChoice(db: ReadManager, config: AppConfig): Promise<StoredTunnelChoice> {
  const row = await db.getRepository(TunnelSettingsEntity).findOneBy({ id: 1 });
  if (!row) return { choice: choiceFromConfig(config.tunnel), source: 'config', updatedAt: null };
  return {
    choice: {
      enabled: row.enabled,
      provider: row.provider,
      localtunnelHost: row.localtunnelHost,
      localtunnelSubdomain: row.localtunnelSubdomain,
      fixedUrl: row.fixedUrl,
      ngrokDomain: row.ngrokDomain,
      cloudflaredPath: row.cloudflaredPath,
    },
    source: 'app',
    updatedAt: row.updatedAt,
  };
}

/** Saves the owner's choice (the caller audits it in the same transaction). */
export async function saveTunnelChoice(
  m: WriteManager,
  choice: TunnelChoice,
  userId: number | null,
  now: Date,
): Promise<void> {
  await m
    .getRepository(TunnelSettingsEntity)
    .save({ id: 1, ...choice, updatedAt: now, updatedByUserId: userId });
}
