import {
  ALL_PERMISSIONS,
  isPermission,
  PEOPLE_MANAGEMENT_PERMISSIONS,
  type Permission,
} from '@shared/permissions';
import type { UserKind } from '@shared/types/people';

export interface PermissionSources {
  kind: UserKind;
  /** Union of the permissions of the member's roles. */
  rolePermissions: readonly string[];
  /** For an admin: what the super admin withdrew. */
  withdrawn: readonly string[];
  rbacEnabled: boolean;
}

/**
 * The product design's rules: the super admin holds everything and cannot be limited; an admin holds
 * everything but what the super admin withdrew; a member holds what their roles give. With role-based
 * access control off, every signed-in user holds everything but managing members and roles.
 */
export function resolvePermissions(sources: PermissionSources): Permission[] {
  if (sources.kind === 'super_admin') return [...ALL_PERMISSIONS];
  if (!sources.rbacEnabled) {
    return ALL_PERMISSIONS.filter((p) => !PEOPLE_MANAGEMENT_PERMISSIONS.includes(p));
  }
  if (sources.kind === 'admin') {
    const withdrawn = new Set(sources.withdrawn);
    return ALL_PERMISSIONS.filter((p) => !withdrawn.has(p));
  }
  const granted = new Set(sources.rolePermissions.filter(isPermission));
  return ALL_PERMISSIONS.filter((p) => granted.has(p));
}
