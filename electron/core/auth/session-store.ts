import { LessThan, Not, type EntityManager } from 'typeorm';
import { SessionEntity, type SessionRow } from '../db/entities/session';
import type { UserRow } from '../db/entities/user';
import type { CoreContext } from '../core-context';
import type { Audience } from '../events/event-access';
import { loadPermissions } from '../people/user-directory';
import { userById } from '../people/user-rows';
import { hashToken, newSecretToken } from '../util/tokens';

/** A session ends after this long without a call; an open window keeps it alive. */
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
/**
 * And after this long whatever happens: a session token that leaked (a copied bridge token, a
 * machine left signed in) does not stay good for ever by being used. One signs in again.
 */
export const SESSION_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;
/** lastSeenAt is written at most this often, so every call is not a write. */
const TOUCH_INTERVAL_MS = 60 * 1000;

export class SessionStore {
  constructor(private readonly ctx: CoreContext) {}

  async create(
    manager: EntityManager,
    userId: number,
    transport: string,
  ): Promise<{ token: string; id: string }> {
    const token = newSecretToken('ws_');
    const id = hashToken(token);
    const now = this.ctx.clock.now();
    await manager
      .getRepository(SessionEntity)
      .insert({ id, userId, transport, createdAt: now, lastSeenAt: now });
    return { token, id };
  }

  /** The session and its user for a token, or null when it is unknown, idle too long or disabled. */
  async authenticate(token: string): Promise<{ session: SessionRow; user: UserRow } | null> {
    const repo = this.ctx.db.getRepository(SessionEntity);
    const session = await repo.findOneBy({ id: hashToken(token) });
    if (!session) return null;
    const now = this.ctx.clock.now();
    if (this.expired(session, now)) {
      await this.ctx.tx.run((m) => this.end(m, session.id));
      return null;
    }
    const user = await userById(this.ctx.db, session.userId);
    if (!user || user.disabled) return null;
    if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
      // Through the one writer: a write beside another flow's open transaction would be rolled
      // back with it.
      await this.ctx.tx.run((m) =>
        m.getRepository(SessionEntity).update({ id: session.id }, { lastSeenAt: now }),
      );
    }
    return { session, user };
  }

  /** Who a live session belongs to, for deciding which events reach its window; no write. */
  async audienceOf(sessionId: string): Promise<Audience | null> {
    const session = await this.ctx.db.getRepository(SessionEntity).findOneBy({ id: sessionId });
    if (!session || this.expired(session, this.ctx.clock.now())) return null;
    const user = await userById(this.ctx.db, session.userId);
    if (!user || user.disabled) return null;
    const permissions = await loadPermissions(
      this.ctx.db.manager,
      user,
      this.ctx.config.features.IS_ROLE_BASED_ACCESS_CONTROL_ENABLED,
    );
    return { userId: user.id, permissions: new Set(permissions) };
  }

  async end(manager: EntityManager, sessionId: string): Promise<void> {
    await manager.getRepository(SessionEntity).delete({ id: sessionId });
  }

  /** Ends every session of a user but one; returns the ids ended, so their windows can be told. */
  async endAllFor(manager: EntityManager, userId: number, keep?: string | null): Promise<string[]> {
    const repo = manager.getRepository(SessionEntity);
    const where = keep ? { userId, id: Not(keep) } : { userId };
    const sessions = await repo.find({ where, select: { id: true } });
    if (sessions.length) await repo.delete(sessions.map((s) => s.id));
    return sessions.map((s) => s.id);
  }

  private expired(session: SessionRow, now: Date): boolean {
    return (
      now.getTime() - session.lastSeenAt.getTime() > SESSION_IDLE_MS ||
      now.getTime() - session.createdAt.getTime() > SESSION_MAX_AGE_MS
    );
  }

  /** Deletes sessions idle too long or older than the absolute lifetime. */
  async purgeIdle(): Promise<void> {
    const now = this.ctx.clock.now().getTime();
    await this.ctx.tx.run(async (m) => {
      const repo = m.getRepository(SessionEntity);
      await repo.delete({ lastSeenAt: LessThan(new Date(now - SESSION_IDLE_MS)) });
      await repo.delete({ createdAt: LessThan(new Date(now - SESSION_MAX_AGE_MS)) });
    });
  }
}
