import type { z } from 'zod';
import { AppError, type AppErrorPayload, type Outcome } from '@shared/errors';
import { isOperationName, operations, type Access, type OperationName } from '@shared/operations';
import { isAdminOrAbove, type Actor } from '../auth/actor';
import type { SessionStore } from '../auth/session-store';
import type { TokenService } from '../tokens/token-service';
import type { CoreContext } from '../core-context';
import { loadPermissions } from '../people/user-directory';
import type { Caller, Handler, HandlerMap } from './handler';

/**
 * The one door to the core for Electron IPC, the HTTP bridge and the token API: it authenticates
 * the caller, checks the operation's access rule, validates the input, runs the handler and turns
 * every failure into a typed error. Handlers never check permissions themselves.
 */
export class Dispatcher {
  constructor(
    private readonly ctx: CoreContext,
    private readonly sessions: SessionStore,
    private readonly handlers: HandlerMap,
    private readonly tokens: TokenService,
  ) {}

  async dispatch(name: string, input: unknown, caller: Caller): Promise<Outcome<unknown>> {
    try {
      if (!isOperationName(name)) throw new AppError('NOT_FOUND', `Unknown operation “${name}”`);
      const operation = operations[name];
      const actor = operation.access.kind === 'public' ? null : await this.authenticate(caller);
      if (actor) this.authorize(operation.access, actor);
      const parsed = (operation.input as z.ZodType).safeParse(input ?? {});
      if (!parsed.success) throw validationError(parsed.error);
      const handler = this.handlers[name] as Handler<OperationName>;
      const result = await handler(parsed.data as never, { actor, caller });
      return { ok: true, result };
    } catch (error) {
      return { ok: false, error: this.toPayload(name, error) };
    }
  }

  private async authenticate(caller: Caller): Promise<Actor> {
    if (caller.transport === 'api') {
      const actor =
        caller.apiActor ?? (caller.apiToken ? await this.tokens.authenticate(caller.apiToken) : null);
      if (!actor) throw new AppError('UNAUTHENTICATED', 'A valid API token is required');
      return actor;
    }
    const found = caller.sessionToken ? await this.sessions.authenticate(caller.sessionToken) : null;
    if (!found) throw new AppError('UNAUTHENTICATED', 'Sign in first');
    const permissions = await loadPermissions(
      this.ctx.db.manager,
      found.user,
      this.ctx.config.features.IS_ROLE_BASED_ACCESS_CONTROL_ENABLED,
    );
    return { user: found.user, sessionId: found.session.id, permissions: new Set(permissions) };
  }

  private authorize(access: Access, actor: Actor): void {
    // A token acts only through permissions it was given, never as a signed-in person.
    if (actor.apiTokenId !== undefined && access.kind !== 'permission') {
      throw new AppError('FORBIDDEN', 'This operation is not open to API tokens');
    }
    if (access.kind === 'signedIn') return;
    // An integration's token is not held back by its creator's pending password change.
    if (actor.user.mustChangePassword && actor.apiTokenId === undefined) {
      throw new AppError('FORBIDDEN', 'Change your initial password first');
    }
    if (access.kind === 'superAdmin') {
      if (actor.user.kind !== 'super_admin')
        throw new AppError('FORBIDDEN', 'Only the super admin may do this');
      return;
    }
    if (access.kind === 'permission') {
      if (!actor.permissions.has(access.permission)) {
        throw new AppError('FORBIDDEN', `You need the “${access.permission}” permission`);
      }
      if (access.adminOnly && !isAdminOrAbove(actor)) {
        throw new AppError('FORBIDDEN', 'Only an admin may do this');
      }
    }
  }

  private toPayload(name: string, error: unknown): AppErrorPayload {
    if (error instanceof AppError) return error.toPayload();
    // Internals stay in the log; the caller gets a plain message.
    this.ctx.logger.error(`operation ${name} failed`, error);
    return { code: 'INTERNAL', message: 'Something went wrong; the details are in the log' };
  }
}

export function validationError(error: z.ZodError): AppError {
  const fields = error.issues.map((issue) => ({
    field: issue.path.map(String).join('.') || '(input)',
    message: issue.message,
  }));
  const first = fields[0];
  return new AppError('VALIDATION', first ? `${first.field}: ${first.message}` : 'Invalid input', { fields });
}
