import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operations } from '@shared/operations';
import { ALL_PERMISSIONS, type Permission } from '@shared/permissions';
import { ApiTokenEntity } from '../../../electron/core/db/entities/api-token';
import { UserEntity } from '../../../electron/core/db/entities/user';
import { RateLimiter } from '../../../electron/core/server/api/rate-limiter';
import { API_ROUTES } from '../../../electron/core/server/api/routes';
import { startApiHarness, type ApiHarness } from './api-test-core';

let api: ApiHarness;
beforeAll(async () => {
  api = await startApiHarness();
});
afterAll(() => api.close());

/** The super admin, holding every permission. */
function everything() {
  return { user: api.owner, sessionId: null, permissions: new Set<Permission>(ALL_PERMISSIONS) };
}

/** A path for a route, with its parameters filled by an id that need not exist. */
function pathOf(path: string) {
  return `/api/v1${path.replace(/:\w+/g, '1')}`;
}

describe('API tokens', () => {
  it('are shown once and stored only as a hash', async () => {
    const token = await api.token(['lists.read']);
    expect(token).toMatch(/^wdk_/);
    const rows = await api.core.ctx.db.getRepository(ApiTokenEntity).find();
    expect(rows.some((r) => r.tokenHash.includes(token) || token.includes(r.tokenHash))).toBe(false);
    const listed = await api.core.services.tokens.list(everything());
    expect(JSON.stringify(listed)).not.toContain(token);
    expect(listed.some((t) => token.startsWith(t.prefix))).toBe(true);
  });

  it('cannot hold more than their creator', async () => {
    const owner = api.owner;
    const limited = {
      user: { ...owner, kind: 'member' as const },
      sessionId: null,
      permissions: new Set<Permission>(['lists.read']),
    };
    await expect(
      api.core.services.tokens.create(limited, 'too much', ['lists.read', 'lists.write']),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('record their last use', async () => {
    const token = await api.token(['lists.read']);
    await api.call('GET', '/api/v1/lists', token);
    const listed = await api.core.services.tokens.list(everything());
    const info = listed.find((t) => token.startsWith(t.prefix));
    expect(info?.lastUsedAt).not.toBeNull();
  });
});

describe('/api/v1 authentication', () => {
  it('refuses a call without a token, with a bad one, and with a revoked one', async () => {
    const none = await api.call('GET', '/api/v1/lists', null);
    expect(none.status).toBe(401);
    expect(none.body.error?.code).toBe('UNAUTHENTICATED');
    const bad = await api.call('GET', '/api/v1/lists', 'wdk_not-a-real-token');
    expect(bad.status).toBe(401);
    const token = await api.token(['lists.read']);
    expect((await api.call('GET', '/api/v1/lists', token)).status).toBe(200);
    const info = (await api.core.services.tokens.list(everything())).find((t) => token.startsWith(t.prefix))!;
    await api.core.services.tokens.revoke(
      { user: api.owner, sessionId: null, permissions: new Set(ALL_PERMISSIONS) },
      info.id,
    );
    expect((await api.call('GET', '/api/v1/lists', token)).status).toBe(401);
  });

  it('does not accept a signed-in window’s session token', async () => {
    const login = await api.core.services.auth.login('admin', 'change-me-now', 'bridge');
    const response = await api.call('GET', '/api/v1/lists', login.token!);
    expect(response.status).toBe(401);
  });
});

describe('/api/v1 permission matrix', () => {
  // Every route of the token API, with a token lacking exactly its permission and one holding only it.
  for (const route of API_ROUTES) {
    const access = operations[route.operation].access;
    if (access.kind !== 'permission')
      throw new Error(`${route.operation} must need a permission to be on the API`);
    const permission = access.permission;

    it(`${route.method.toUpperCase()} ${route.path} needs ${permission}`, async () => {
      const without = await api.token(ALL_PERMISSIONS.filter((p) => p !== permission));
      const refused = await api.call(
        route.method.toUpperCase(),
        pathOf(route.path),
        without,
        route.body ? {} : undefined,
      );
      expect(refused.status).toBe(403);
      expect(refused.body.error?.code).toBe('FORBIDDEN');

      const only = await api.token([permission]);
      const allowed = await api.call(
        route.method.toUpperCase(),
        pathOf(route.path),
        only,
        route.body ? {} : undefined,
      );
      expect(allowed.status).not.toBe(403);
      expect(allowed.status).not.toBe(401);
    });
  }
});

describe('/api/v1 behaviour', () => {
  it('answers bad input with a typed 400 naming the field, and changes nothing', async () => {
    const token = await api.token(['lists.read', 'lists.write']);
    const before = (await api.call('GET', '/api/v1/lists', token)).body.data as unknown[];
    const response = await api.call('POST', '/api/v1/lists', token, { name: '' });
    expect(response.status).toBe(400);
    expect(response.body.error?.code).toBe('VALIDATION');
    expect(response.body.error?.fields?.[0]?.field).toBe('name');
    const after = (await api.call('GET', '/api/v1/lists', token)).body.data as unknown[];
    expect(after.length).toBe(before.length);
  });

  it('answers malformed JSON with a 400 envelope and keeps serving', async () => {
    const token = await api.token(['lists.write']);
    const response = await api.call('POST', '/api/v1/lists', token, '{"name": ');
    expect(response.status).toBe(400);
    expect(response.body.error?.code).toBe('VALIDATION');
    expect((await api.call('GET', '/health', null)).status).toBe(200);
  });

  it('creates a list with 201 and returns it', async () => {
    const token = await api.token(['lists.write']);
    const response = await api.call('POST', '/api/v1/lists', token, { name: 'Website sign-ups' });
    expect(response.status).toBe(201);
    expect(response.body.data).toMatchObject({ name: 'Website sign-ups', subscribedCount: 0 });
  });

  it('takes from a token what its creator loses', async () => {
    const { core } = api;
    const ownerActor = {
      user: api.owner,
      sessionId: null,
      permissions: new Set<Permission>(ALL_PERMISSIONS),
    };
    const role = await core.services.roles.create(ownerActor, {
      name: 'List reader',
      description: '',
      permissions: ['lists.read'],
    });
    const member = await core.services.members.create(ownerActor, {
      username: 'integrator',
      name: 'Integrator',
      email: 'integrator@example.com',
      phone: null,
      password: 'integrator-pass-1',
      roleIds: [role.id],
    });
    const memberRow = await core.ctx.db.getRepository(UserEntity).findOneByOrFail({ id: member.id });
    const token = await api.token(['lists.read'], {
      user: memberRow,
      sessionId: null,
      permissions: new Set<Permission>(['lists.read']),
    });
    expect((await api.call('GET', '/api/v1/lists', token)).status).toBe(200);

    await core.services.members.setRoles(ownerActor, member.id, []);
    expect((await api.call('GET', '/api/v1/lists', token)).status).toBe(403);

    await core.services.members.setRoles(ownerActor, member.id, [role.id]);
    await core.services.members.update(ownerActor, { id: member.id, disabled: true });
    expect((await api.call('GET', '/api/v1/lists', token)).status).toBe(401);
  });

  it('answers an unknown route with a 404 envelope', async () => {
    const token = await api.token(['lists.read']);
    const response = await api.call('GET', '/api/v1/nothing-here', token);
    expect(response.status).toBe(404);
    expect(response.body.error?.code).toBe('NOT_FOUND');
  });

  it('publishes an OpenAPI document of every route from the same schemas', async () => {
    const response = await api.call('GET', '/api/v1/openapi.json', null);
    expect(response.status).toBe(200);
    const doc = response.body as {
      openapi: string;
      paths: Record<string, Record<string, { operationId: string; requestBody?: unknown }>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    for (const route of API_ROUTES) {
      const entry = doc.paths[route.path.replace(/:(\w+)/g, '{$1}')]?.[route.method];
      expect(entry?.operationId).toBe(route.operation);
      if (route.body) expect(entry?.requestBody).toBeDefined();
    }
    const createList = doc.paths['/lists']!.post!.requestBody as {
      content: { 'application/json': { schema: { properties: Record<string, unknown> } } };
    };
    expect(Object.keys(createList.content['application/json'].schema.properties)).toEqual(
      expect.arrayContaining(['name', 'description', 'tags']),
    );
  });
});

describe('rate limiting and the feature flag', () => {
  it('answers 429 with Retry-After once a token exceeds its rate', async () => {
    const limited = await startApiHarness({ perSecond: 1, burst: 3 });
    try {
      const token = await limited.token(['lists.read']);
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let i = 0; i < 5; i++) {
        const response = await limited.call('GET', '/api/v1/lists', token);
        statuses.push(response.status);
        if (response.status === 429) retryAfter = response.headers.get('retry-after');
      }
      expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
      expect(statuses.slice(3)).toEqual([429, 429]);
      expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
      // Another token has its own allowance.
      const other = await limited.token(['lists.read']);
      expect((await limited.call('GET', '/api/v1/lists', other)).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('keeps no bucket per made-up token: 1,000 random tokens leave one bucket, for their address', async () => {
    const limiters = { tokens: new RateLimiter(1000, 1000), addresses: new RateLimiter(1, 10) };
    const flooded = await startApiHarness({ limiters });
    try {
      const statuses = new Map<number, number>();
      for (let round = 0; round < 10; round++) {
        const answers = await Promise.all(
          Array.from({ length: 100 }, () =>
            flooded.call('GET', '/api/v1/lists', `wdk_${randomBytes(24).toString('base64url')}`),
          ),
        );
        for (const a of answers) statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
      }
      expect(limiters.addresses.size).toBe(1);
      expect(limiters.tokens.size).toBe(0);
      expect(statuses.get(429)).toBeGreaterThan(900);
      expect([...statuses.keys()].sort()).toEqual([401, 429]);
    } finally {
      await flooded.close();
    }
  }, 60_000);

  it('answers a flood of bad tokens from one address with 429, and a good token from there still works', async () => {
    const limiters = { tokens: new RateLimiter(1000, 1000), addresses: new RateLimiter(1, 10) };
    const flooded = await startApiHarness({ limiters });
    try {
      const good = await flooded.token(['lists.read']);
      const answers: { status: number; retryAfter: string | null }[] = [];
      for (let i = 0; i < 15; i++) {
        const response = await flooded.call('GET', '/api/v1/lists', `wdk_guess-${i}`);
        answers.push({ status: response.status, retryAfter: response.headers.get('retry-after') });
      }
      expect(answers.slice(0, 10).map((a) => a.status)).toEqual(Array(10).fill(401));
      expect(answers.slice(10).map((a) => a.status)).toEqual(Array(5).fill(429));
      expect(Number(answers.at(-1)!.retryAfter)).toBeGreaterThanOrEqual(1);
      // No token at all counts the same as a bad one.
      expect((await flooded.call('GET', '/api/v1/lists', null)).status).toBe(429);
      // The shop's own integration (behind the tunnel it shares the address) is not locked out.
      expect((await flooded.call('GET', '/api/v1/lists', good)).status).toBe(200);
    } finally {
      await flooded.close();
    }
  });

  it('answers 404 for /api/v1 when IS_INTEGRATIONS_ENABLED is off', async () => {
    const off = await startApiHarness({ integrations: false });
    try {
      const token = await off.token(['lists.read']);
      expect((await off.call('GET', '/api/v1/lists', token)).status).toBe(404);
      expect((await off.call('GET', '/api/v1/openapi.json', null)).status).toBe(404);
      expect((await off.call('GET', '/health', null)).status).toBe(200);
    } finally {
      await off.close();
    }
  });
});
