import type { Permission } from '../permissions';
import type { FeatureFlags } from '../features';

export type UserKind = 'super_admin' | 'admin' | 'member';

export interface RoleSummary {
  id: number;
  name: string;
}

export interface MemberDto {
  id: number;
  username: string;
  name: string;
  email: string;
  phone: string | null;
  kind: UserKind;
  disabled: boolean;
  roles: RoleSummary[];
  /** For admins: the permissions the super admin has withdrawn. */
  withdrawnPermissions: Permission[];
  /** What this person may do now, resolved from kind, roles and withdrawals. */
  effectivePermissions: Permission[];
  lastLoginAt: string | null;
  createdAt: string;
}

export interface RoleDto {
  id: number;
  name: string;
  description: string;
  permissions: Permission[];
  memberCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface SessionUser {
  id: number;
  username: string;
  name: string;
  email: string;
  kind: UserKind;
  mustChangePassword: boolean;
  permissions: Permission[];
}

export interface SessionInfo {
  user: SessionUser;
  organization: { name: string; timeZone: string; defaultCountry: string; locale: string };
  features: FeatureFlags;
  whatsappMode: 'sandbox' | 'cloud';
}

export interface LoginResult {
  /** Only the HTTP bridge hands the token to the page; over Electron IPC the main process keeps it. */
  token?: string;
  session: SessionInfo;
}

export interface SystemInfo {
  appName: string;
  version: string;
  organizationName: string;
  whatsappMode: 'sandbox' | 'cloud';
}

export interface AuditEntryDto {
  id: number;
  at: string;
  /** The username of who did it; null when Wapidesk did it by itself. */
  actor: string | null;
  actorUserId: number | null;
  /** Their full name, for the screen. */
  actorName: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  details: Record<string, unknown>;
}

export interface AuditActorDto {
  id: number;
  username: string;
  name: string;
}
