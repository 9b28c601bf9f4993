import { In } from 'typeorm';
import type { Permission } from '@shared/permissions';
import type { MemberDto, RoleSummary } from '@shared/types/people';
import { resolvePermissions } from '../auth/resolve-permissions';
import {
  RoleEntity,
  RolePermissionEntity,
  UserRoleEntity,
  WithdrawnPermissionEntity,
} from '../db/entities/role';
import type { UserRow } from '../db/entities/user';
import type { ReadManager } from '../db/read-db';

/** Reads what a user holds: roles, withdrawn permissions and the effective set. */
export async function loadPermissions(
  manager: ReadManager,
  user: UserRow,
  rbacEnabled: boolean,
): Promise<Permission[]> {
  const [roleIds, withdrawn] = await Promise.all([
    manager.getRepository(UserRoleEntity).findBy({ userId: user.id }),
    manager.getRepository(WithdrawnPermissionEntity).findBy({ userId: user.id }),
  ]);
  const rolePermissions = roleIds.length
    ? await manager.getRepository(RolePermissionEntity).findBy({ roleId: In(roleIds.map((r) => r.roleId)) })
    : [];
  return resolvePermissions({
    kind: user.kind,
    rbacEnabled,
    rolePermissions: rolePermissions.map((p) => p.permission),
    withdrawn: withdrawn.map((w) => w.permission),
  });
}

/** Builds member DTOs for many users with four queries, not four per user. */
export async function toMemberDtos(
  manager: ReadManager,
  users: UserRow[],
  rbacEnabled: boolean,
): Promise<MemberDto[]> {
  if (users.length === 0) return [];
  const ids = users.map((u) => u.id);
  const links = await manager.getRepository(UserRoleEntity).findBy({ userId: In(ids) });
  const roleIds = [...new Set(links.map((l) => l.roleId))];
  const [roles, grants, withdrawals] = await Promise.all([
    roleIds.length ? manager.getRepository(RoleEntity).findBy({ id: In(roleIds) }) : [],
    roleIds.length ? manager.getRepository(RolePermissionEntity).findBy({ roleId: In(roleIds) }) : [],
    manager.getRepository(WithdrawnPermissionEntity).findBy({ userId: In(ids) }),
  ]);
  const roleById = new Map(roles.map((r) => [r.id, r]));
  return users.map((user) => {
    const userRoleIds = links.filter((l) => l.userId === user.id).map((l) => l.roleId);
    const userRoles: RoleSummary[] = userRoleIds
      .map((id) => roleById.get(id))
      .filter((r) => r !== undefined)
      .map((r) => ({ id: r.id, name: r.name }))
      .sort((a, b) => a.name.localeCompare(b.name));
    const withdrawn = withdrawals.filter((w) => w.userId === user.id).map((w) => w.permission as Permission);
    return {
      id: user.id,
      username: user.username,
      name: user.name,
      email: user.email,
      phone: user.phone,
      kind: user.kind,
      disabled: user.disabled,
      roles: userRoles,
      withdrawnPermissions: withdrawn,
      effectivePermissions: resolvePermissions({
        kind: user.kind,
        rbacEnabled,
        rolePermissions: grants.filter((g) => userRoleIds.includes(g.roleId)).map((g) => g.permission),
        withdrawn,
      }),
      lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
      createdAt: user.createdAt.toISOString(),
    };
  });
}
