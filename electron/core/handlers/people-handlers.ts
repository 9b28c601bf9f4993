import type { AuditLog } from '../audit/audit-log';
import { actorOf, type HandlerMap } from '../dispatcher/handler';
import type { MemberService } from '../people/member-service';
import type { RoleService } from '../people/role-service';

type PeopleHandlers = Pick<
  HandlerMap,
  | 'members.list'
  | 'members.create'
  | 'members.update'
  | 'members.setRoles'
  | 'members.resetPassword'
  | 'members.setAdmin'
  | 'members.setWithdrawnPermissions'
  | 'audit.list'
  | 'audit.actors'
  | 'roles.list'
  | 'roles.create'
  | 'roles.update'
  | 'roles.delete'
>;

export function peopleHandlers(members: MemberService, roles: RoleService, audit: AuditLog): PeopleHandlers {
  return {
    'members.list': () => members.list(),
    'members.create': (input, c) => members.create(actorOf(c), input),
    'members.update': (input, c) => members.update(actorOf(c), input),
    'members.setRoles': (input, c) => members.setRoles(actorOf(c), input.id, input.roleIds),
    'members.resetPassword': (input, c) => members.resetPassword(actorOf(c), input.id, input.password),
    'members.setAdmin': (input, c) => members.setAdmin(actorOf(c), input.id, input.admin),
    'members.setWithdrawnPermissions': (input, c) =>
      members.setWithdrawn(actorOf(c), input.id, input.withdrawn),
    'audit.list': (input) => audit.list(input),
    'audit.actors': () => audit.actors(),
    'roles.list': () => roles.list(),
    'roles.create': (input, c) => roles.create(actorOf(c), input),
    'roles.update': (input, c) => roles.update(actorOf(c), input),
    'roles.delete': async (input, c) => {
      await roles.delete(actorOf(c), input.id);
      return { ok: true };
    },
  };
}
