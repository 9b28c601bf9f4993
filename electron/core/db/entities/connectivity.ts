import { EntitySchema } from 'typeorm';
import type { TunnelProviderName } from '@shared/types/tunnel';
import type { CallbackState } from '@shared/types/connectivity';

/** The tunnel the owner chose in Settings; one row (id 1). Without it, config.toml's [tunnel] applies. */
export interface TunnelSettingsRow {
  id: number;
  enabled: boolean;
  provider: TunnelProviderName;
  localtunnelHost: string;
  localtunnelSubdomain: string;
  fixedUrl: string;
  ngrokDomain: string;
  cloudflaredPath: string;
  updatedAt: Date;
  updatedByUserId: number | null;
}

export const TunnelSettingsEntity = new EntitySchema<TunnelSettingsRow>({
  name: 'TunnelSettings',
  tableName: 'tunnel_settings',
  columns: {
    id: { type: 'integer', primary: true },
    enabled: { type: 'boolean' },
    provider: { type: 'varchar' },
    localtunnelHost: { type: 'varchar', name: 'localtunnel_host' },
    localtunnelSubdomain: { type: 'varchar', name: 'localtunnel_subdomain' },
    fixedUrl: { type: 'varchar', name: 'fixed_url' },
    ngrokDomain: { type: 'varchar', name: 'ngrok_domain' },
    cloudflaredPath: { type: 'varchar', name: 'cloudflared_path' },
    updatedAt: { type: 'datetime', name: 'updated_at' },
    updatedByUserId: { type: 'integer', name: 'updated_by_user_id', nullable: true },
  },
  foreignKeys: [
    {
      target: 'User',
      columnNames: ['updated_by_user_id'],
      referencedColumnNames: ['id'],
      onDelete: 'SET NULL',
    },
  ],
});

/** The callback URL registered with Meta through `subscribed_apps`; one row (id 1). */
export interface WebhookCallbackRow {
  id: number;
  /** The owner's switch: register the public URL with Meta by itself. */
  automatic: boolean;
  state: CallbackState;
  /** The `<public url>/webhook` being registered or last registered. */
  targetUrl: string | null;
  /** What Meta verified and shows in force. */
  registeredUrl: string | null;
  registeredAt: Date | null;
  verifiedAt: Date | null;
  lastAttemptAt: Date | null;
  /** In plain words, for the owner; null once a registration succeeds. */
  lastError: string | null;
  updatedAt: Date;
}

export const WebhookCallbackEntity = new EntitySchema<WebhookCallbackRow>({
  name: 'WebhookCallback',
  tableName: 'webhook_callback',
  columns: {
    id: { type: 'integer', primary: true },
    automatic: { type: 'boolean' },
    state: { type: 'varchar' },
    targetUrl: { type: 'varchar', name: 'target_url', nullable: true },
    registeredUrl: { type: 'varchar', name: 'registered_url', nullable: true },
    registeredAt: { type: 'datetime', name: 'registered_at', nullable: true },
    verifiedAt: { type: 'datetime', name: 'verified_at', nullable: true },
    lastAttemptAt: { type: 'datetime', name: 'last_attempt_at', nullable: true },
    lastError: { type: 'text', name: 'last_error', nullable: true },
    updatedAt: { type: 'datetime', name: 'updated_at' },
  },
});

/** Webhook changes received per field (`messages`, `calls`, …). */
export interface WebhookFieldStatRow {
  field: string;
  received: number;
  /** Changes that were kept without being applied: nothing in Wapidesk models them yet. */
  keptOnly: number;
  firstSeenAt: Date;
  lastSeenAt: Date;
}

export const WebhookFieldStatEntity = new EntitySchema<WebhookFieldStatRow>({
  name: 'WebhookFieldStat',
  tableName: 'webhook_field_stats',
  columns: {
    field: { type: 'varchar', primary: true },
    received: { type: 'integer' },
    keptOnly: { type: 'integer', name: 'kept_only' },
    firstSeenAt: { type: 'datetime', name: 'first_seen_at' },
    lastSeenAt: { type: 'datetime', name: 'last_seen_at' },
  },
});
