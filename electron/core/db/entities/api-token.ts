import { EntitySchema } from 'typeorm';

/** A token for the shop's own systems. Only the SHA-256 of the token is stored. */
export interface ApiTokenRow {
  id: number;
  name: string;
  tokenHash: string;
  prefix: string;
  /** JSON array of permission keys: a subset of the creator's at creation time. */
  permissions: string;
  createdByUserId: number | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  /** Refused from this moment on, like a revoked token; null: no expiry. */
  expiresAt: Date | null;
}

export const ApiTokenEntity = new EntitySchema<ApiTokenRow>({
  name: 'ApiToken',
  tableName: 'api_tokens',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    name: { type: 'varchar' },
    tokenHash: { type: 'varchar', name: 'token_hash', unique: true },
    prefix: { type: 'varchar' },
    permissions: { type: 'text' },
    createdByUserId: { type: 'integer', name: 'created_by_user_id', nullable: true },
    createdAt: { type: 'datetime', name: 'created_at' },
    lastUsedAt: { type: 'datetime', name: 'last_used_at', nullable: true },
    revokedAt: { type: 'datetime', name: 'revoked_at', nullable: true },
    expiresAt: { type: 'datetime', name: 'expires_at', nullable: true },
  },
  // Declared as the migrations made them; tests/integration/foundation/schema-drift.test.ts compares.
  foreignKeys: [
    {
      target: 'User',
      columnNames: ['created_by_user_id'],
      referencedColumnNames: ['id'],
      onDelete: 'SET NULL',
    },
  ],
});
