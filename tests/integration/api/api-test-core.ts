import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../../electron/core/config/load-config';
import { createCore, type Core } from '../../../electron/core/create-core';
import { SecretStore } from '../../../electron/core/secrets/secret-store';
import { startPublicServer } from '../../../electron/core/server/public-server';
import type { Listening } from '../../../electron/core/server/listen';
import type { ApiLimiters } from '../../../electron/core/server/api/api-router';
import { silentLogger } from '../../../electron/core/util/logger';
import { UserEntity, type UserRow } from '../../../electron/core/db/entities/user';
import type { Actor } from '../../../electron/core/auth/actor';
import { ALL_PERMISSIONS, type Permission } from '@shared/permissions';
import { TEST_PASSWORD_COST } from '../../helpers/test-core';

export interface ApiHarness {
  core: Core;
  server: Listening;
  owner: UserRow;
  dataDir: string;
  /** Creates a token as `actor` (the super admin by default) and returns it. */
  token(permissions: Permission[], actor?: Actor): Promise<string>;
  call(
    method: string,
    path: string,
    token: string | null,
    body?: unknown,
  ): Promise<{ status: number; body: ApiBody; headers: Headers }>;
  close(): Promise<void>;
}

export interface ApiBody {
  data?: unknown;
  paging?: { page: number; pageSize: number; total: number; next?: string | null };
  error?: { code: string; message: string; fields?: { field: string }[]; retryAfterSeconds?: number };
  [key: string]: unknown;
}

/** A core on a temp data folder with its public listener on a free loopback port. */
export async function startApiHarness(
  options: {
    integrations?: boolean;
    perSecond?: number;
    burst?: number;
    limiters?: ApiLimiters;
    /** Changes to the bundled config.toml's text. */
    editConfig?: (text: string) => string;
  } = {},
): Promise<ApiHarness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'wapidesk-api-'));
  let text = readFileSync('config.toml', 'utf8');
  if (options.integrations === false)
    text = text.replace('IS_INTEGRATIONS_ENABLED = true', 'IS_INTEGRATIONS_ENABLED = false');
  if (options.editConfig) text = options.editConfig(text);
  const config = parseConfig(text, 'test config');
  const core = await createCore({
    passwordCost: TEST_PASSWORD_COST,
    config,
    dataDir,
    secrets: new SecretStore(null, {}),
    logger: silentLogger,
  });
  const server = await startPublicServer(core, {
    host: '127.0.0.1',
    port: 0,
    api: { perSecond: options.perSecond ?? 1000, burst: options.burst ?? 1000, limiters: options.limiters },
  });
  const owner = await core.ctx.db.getRepository(UserEntity).findOneByOrFail({ kind: 'super_admin' });
  const ownerActor: Actor = { user: owner, sessionId: null, permissions: new Set(ALL_PERMISSIONS) };
  return {
    core,
    server,
    owner,
    dataDir,
    async token(permissions, actor = ownerActor) {
      return (await core.services.tokens.create(actor, `t-${Math.random()}`, permissions)).token;
    },
    async call(method, path, token, body) {
      const response = await fetch(`${server.url}${path}`, {
        method,
        headers: {
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as ApiBody, headers: response.headers };
    },
    async close() {
      await server.close();
      await core.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
