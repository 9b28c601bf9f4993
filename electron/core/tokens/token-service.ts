import { IsNull, type FindOptionsWhere } from 'typeorm';
import { AppError } from '@shared/errors';
import { isPermission, type Permission } from '@shared/permissions';
import type { ApiTokenDto, CreatedApiToken } from '@shared/types/tokens';
import type { Actor } from '../auth/actor';
import { assertMayGrant } from '../auth/grant-guard';
import type { CoreContext } from '../core-context';
import { ApiTokenEntity, type ApiTokenRow } from '../db/entities/api-token';
import type { UserRow } from '../db/entities/user';
import { loadPermissions } from '../people/user-directory';
import { userById, usersByIds } from '../people/user-rows';
import { hashToken, newSecretToken } from '../util/tokens';
import { endOfDayInZone } from '../util/zoned-date';

const TOKEN_PREFIX = 'wdk_';
/** lastUsedAt is written at most this often, so a busy integration is not a write per call. */
const TOUCH_INTERVAL_MS = 60_000;

export class TokenService {
  constructor(private readonly ctx: CoreContext) {}

  /** One's own tokens; everyone's with tokens.manage. */
  async list(actor: Actor): Promise<ApiTokenDto[]> {
    const where: FindOptionsWhere<ApiTokenRow> = managesAll(actor) ? {} : { createdByUserId: actor.user.id };
    const rows = await this.ctx.db.getRepository(ApiTokenEntity).find({ where, order: { id: 'DESC' } });
    const users = await usersByIds(
      this.ctx.db,
      rows.map((row) => row.createdByUserId).filter((id) => id !== null),
    );
    const names = new Map(users.map((u) => [u.id, u.username]));
    return rows.map((row) =>
      toDto(row, row.createdByUserId === null ? null : (names.get(row.createdByUserId) ?? null)),
    );
  }

  /**
   * A token never holds more than its creator: asking for more is refused, naming what. It may
   * expire: a date means the end of that day in the shop's time zone.
   */
  async create(
    actor: Actor,
    name: string,
    permissions: Permission[],
    expires: string | null = null,
  ): Promise<CreatedApiToken> {
    assertMayGrant(actor, permissions, 'make an API token');
    const now = this.ctx.clock.now();
    const expiresAt = expires === null ? null : this.expiryOf(expires, now);
    const token = newSecretToken(TOKEN_PREFIX);
    const id = await this.ctx.tx.run(async (m) => {
      const result = await m.getRepository(ApiTokenEntity).insert({
        name,
        tokenHash: hashToken(token),
        prefix: token.slice(0, TOKEN_PREFIX.length + 6),
        permissions: JSON.stringify(permissions),
        createdByUserId: actor.user.id,
        createdAt: now,
        lastUsedAt: null,
        revokedAt: null,
        expiresAt,
      });
      const tokenId = result.identifiers[0]!.id as number;
      await this.ctx.audit.record(m, {
        actorUserId: actor.user.id,
        action: 'token.created',
        targetType: 'api_token',
        targetId: tokenId,
        details: { name, permissions, expiresAt: expiresAt?.toISOString() ?? null },
      });
      return tokenId;
    });
    const row = await this.ctx.db.getRepository(ApiTokenEntity).findOneByOrFail({ id });
    return { token, info: toDto(row, actor.user.username) };
  }

  /** One's own token; anyone's with tokens.manage. */
  async revoke(actor: Actor, id: number): Promise<ApiTokenDto> {
    await this.ctx.tx.run(async (m) => {
      const repo = m.getRepository(ApiTokenEntity);
      const row = await repo.findOneBy({ id });
      if (!row) throw new AppError('NOT_FOUND', `No API token with id ${id}`);
      if (row.createdByUserId !== actor.user.id && !managesAll(actor)) {
        throw new AppError(
          'FORBIDDEN',
          'You may revoke only your own API tokens; revoking others’ needs the “tokens.manage” permission',
        );
      }
      if (row.revokedAt) return;
      await repo.update({ id }, { revokedAt: this.ctx.clock.now() });
      await this.ctx.audit.record(m, {
        actorUserId: actor.user.id,
        action: 'token.revoked',
        targetType: 'api_token',
        targetId: id,
        details: { name: row.name },
      });
    });
    const row = await this.ctx.db.getRepository(ApiTokenEntity).findOneByOrFail({ id });
    const creator = row.createdByUserId ? await userById(this.ctx.db, row.createdByUserId) : null;
    return toDto(row, creator?.username ?? null);
  }

  /**
   * The actor behind a token: its creator, holding what the token names and the creator still
   * holds, so a creator who loses a permission (or is disabled) takes it from their tokens too.
   */
  async authenticate(token: string): Promise<Actor | null> {
    if (!token.startsWith(TOKEN_PREFIX)) return null;
    const repo = this.ctx.db.getRepository(ApiTokenEntity);
    const row = await repo.findOneBy({ tokenHash: hashToken(token), revokedAt: IsNull() });
    if (!row || row.createdByUserId === null) return null;
    const now = this.ctx.clock.now();
    // Expired is refused exactly as revoked is: the caller learns nothing more.
    if (row.expiresAt && row.expiresAt.getTime() <= now.getTime()) return null;
    const creator: UserRow | null = await userById(this.ctx.db, row.createdByUserId);
    if (!creator || creator.disabled) return null;
    const held = new Set(
      await loadPermissions(
        this.ctx.db.manager,
        creator,
        this.ctx.config.features.IS_ROLE_BASED_ACCESS_CONTROL_ENABLED,
      ),
    );
    const granted = (JSON.parse(row.permissions) as string[]).filter(isPermission).filter((p) => held.has(p));
    if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
      await this.ctx.tx.run((m) =>
        m.getRepository(ApiTokenEntity).update({ id: row.id }, { lastUsedAt: now }),
      );
    }
    return { user: creator, sessionId: null, permissions: new Set(granted), apiTokenId: row.id };
  }

  private expiryOf(expires: string, now: Date): Date {
    const at = /^\d{4}-\d{2}-\d{2}$/.test(expires)
      ? endOfDayInZone(expires, this.ctx.config.organization.time_zone)
      : new Date(expires);
    if (at.getTime() <= now.getTime()) {
      throw new AppError('VALIDATION', 'Choose an expiry date in the future', {
        fields: [{ field: 'expiresAt', message: 'Choose a date in the future' }],
      });
    }
    return at;
  }
}

function managesAll(actor: Actor): boolean {
  return actor.permissions.has('tokens.manage');
}

function toDto(row: ApiTokenRow, createdBy: string | null): ApiTokenDto {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    permissions: (JSON.parse(row.permissions) as string[]).filter(isPermission),
    createdBy,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
  };
}
