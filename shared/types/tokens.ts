import type { Permission } from '../permissions';

export interface ApiTokenDto {
  id: number;
  name: string;
  /** The first characters, to recognise a token without revealing it. */
  prefix: string;
  permissions: Permission[];
  createdBy: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  /** Refused from this moment on, like a revoked token; null: it does not expire. */
  expiresAt: string | null;
}

export interface CreatedApiToken {
  /** Shown once; only its hash is kept. */
  token: string;
  info: ApiTokenDto;
}
