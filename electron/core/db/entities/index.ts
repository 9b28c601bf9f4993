import { AuditEntryEntity } from './audit-entry';
import { OrganizationEntity } from './organization';
import { RoleEntity, RolePermissionEntity, UserRoleEntity, WithdrawnPermissionEntity } from './role';
import { SessionEntity } from './session';
import { UserEntity } from './user';

export const ENTITIES = [
  OrganizationEntity,
  UserEntity,
  RoleEntity,
  RolePermissionEntity,
  UserRoleEntity,
  WithdrawnPermissionEntity,
  SessionEntity,
  AuditEntryEntity,
];
