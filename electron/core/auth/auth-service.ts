import { AppError } from '@shared/errors';
import type { LoginResult, SessionInfo } from '@shared/types/people';
import type { CoreContext } from '../core-context';
import type { UserRow } from '../db/entities/user';
import { countFailedSignIn, lockedUntilNow, lockUser, recordSignIn } from '../people/sign-in-lockout';
import { setOwnPassword, userBySignInName } from '../people/user-credentials';
import { loadPermissions } from '../people/user-directory';
import { userById } from '../people/user-rows';
import type { Actor } from './actor';
import { lockoutSeconds } from './lockout';
import { UnknownLoginLockout } from './unknown-login-lockout';
import type { SessionStore } from './session-store';

const WRONG_LOGIN = 'Wrong username or password';

export class AuthService {
  private readonly unknownNames = new UnknownLoginLockout();

  constructor(
    private readonly ctx: CoreContext,
    private readonly sessions: SessionStore,
  ) {}

  /**
   * Signs in. Whether the name belongs to anyone never shows: an unknown name pays a scrypt hash
   * like a known one, and its failures lock it out after the same number of tries and for the same
   * time (unknown-login-lockout.ts), with the same words. A locked account still pays the hash
   * before it answers, so the wait cannot be told from the time either.
   */
  async login(login: string, password: string, transport: string): Promise<LoginResult> {
    const key = login.trim().toLowerCase();
    const user = await userBySignInName(this.ctx.db, key);
    const matches = await this.ctx.passwords.verify(
      password,
      user?.passwordHash ?? (await this.ctx.passwords.decoyHash()),
    );
    const now = this.ctx.clock.now();
    if (!user) {
      const locked = this.unknownNames.lockedUntil(key, now) ?? this.unknownNames.fail(key, now);
      if (locked) throw this.lockedError(locked, now);
      throw new AppError('UNAUTHENTICATED', WRONG_LOGIN);
    }
    if (user.lockedUntil && user.lockedUntil > now) throw this.lockedError(user.lockedUntil, now);

    if (!matches) {
      // Counted in the database, not from the row read before the slow hash: guesses sent all at
      // once must each count.
      const { lockedUntil } = await this.ctx.tx.run(async (m) => {
        const failures = await countFailedSignIn(m, user.id);
        const wait = lockoutSeconds(failures);
        const lockedUntil = wait ? new Date(now.getTime() + wait * 1000) : null;
        if (!lockedUntil) return { lockedUntil };
        await lockUser(m, user.id, lockedUntil);
        await this.ctx.audit.record(m, {
          actorUserId: null,
          action: 'auth.locked',
          targetType: 'user',
          targetId: user.id,
          details: { failures, seconds: wait },
        });
        return { lockedUntil };
      });
      if (lockedUntil) throw this.lockedError(lockedUntil, now);
      throw new AppError('UNAUTHENTICATED', WRONG_LOGIN);
    }
    if (user.disabled) throw new AppError('UNAUTHENTICATED', 'This account is disabled; ask an admin');

    const { token } = await this.ctx.tx.run(async (m) => {
      // A guess that failed while this one was hashing may have locked the account meanwhile.
      const lockedUntil = await lockedUntilNow(m, user.id);
      if (lockedUntil && lockedUntil > now) throw this.lockedError(lockedUntil, now);
      await recordSignIn(m, user.id, now);
      return this.sessions.create(m, user.id, transport);
    });
    return { token, session: await this.sessionInfo(user) };
  }

  async logout(actor: Actor): Promise<void> {
    if (!actor.sessionId) return;
    const sessionId = actor.sessionId;
    await this.ctx.tx.run((m) => this.sessions.end(m, sessionId));
    this.ctx.events.publish('session.ended', { reason: 'logout' }, [sessionId]);
  }

  /** Changes one's own password and ends one's other sessions (another window, another browser). */
  async changePassword(actor: Actor, currentPassword: string, newPassword: string): Promise<SessionInfo> {
    const user = actor.user;
    if (!(await this.ctx.passwords.verify(currentPassword, user.passwordHash))) {
      throw new AppError('VALIDATION', 'The current password is wrong', {
        fields: [{ field: 'currentPassword', message: 'Wrong password' }],
      });
    }
    const passwordHash = await this.ctx.passwords.hash(newPassword);
    const ended = await this.ctx.tx.run(async (m) => {
      await setOwnPassword(m, user.id, passwordHash, this.ctx.clock.now());
      await this.ctx.audit.record(m, {
        actorUserId: user.id,
        action: 'user.password_changed',
        targetType: 'user',
        targetId: user.id,
      });
      return this.sessions.endAllFor(m, user.id, actor.sessionId);
    });
    if (ended.length) this.ctx.events.publish('session.ended', { reason: 'password_changed' }, ended);
    // Members are never deleted: the row is there, read back as the password change left it.
    const updated = await userById(this.ctx.db, user.id);
    if (!updated) throw new AppError('NOT_FOUND', `No member with id ${user.id}`);
    return this.sessionInfo(updated);
  }

  async sessionInfo(user: UserRow): Promise<SessionInfo> {
    const config = this.ctx.config;
    const org = this.ctx.organization.current();
    const permissions = await loadPermissions(
      this.ctx.db.manager,
      user,
      config.features.IS_ROLE_BASED_ACCESS_CONTROL_ENABLED,
    );
    return {
      user: {
        id: user.id,
        username: user.username,
        name: user.name,
        email: user.email,
        kind: user.kind,
        mustChangePassword: user.mustChangePassword,
        permissions,
      },
      organization: {
        name: org.name,
        timeZone: org.timeZone,
        defaultCountry: org.defaultCountry,
        locale: org.locale,
      },
      features: { ...config.features },
      whatsappMode: config.whatsapp.mode,
    };
  }

  private lockedError(until: Date, now: Date): AppError {
    const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
    return new AppError('RATE_LIMITED', `Too many failed attempts. Try again in ${seconds} seconds.`, {
      retryAfterSeconds: seconds,
    });
  }
}
