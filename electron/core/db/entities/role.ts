import { EntitySchema } from 'typeorm';

export interface RoleRow {
  id: number;
  name: string;
  description: string;
  createdAt: Date;
  updatedAt: Date;
}

export const RoleEntity = new EntitySchema<RoleRow>({
  name: 'Role',
  tableName: 'roles',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    name: { type: 'varchar', unique: true },
    description: { type: 'varchar' },
    createdAt: { type: 'datetime', name: 'created_at' },
    updatedAt: { type: 'datetime', name: 'updated_at' },
  },
});

/** One granted permission of a role. */
export interface RolePermissionRow {
  roleId: number;
  permission: string;
}

export const RolePermissionEntity = new EntitySchema<RolePermissionRow>({
  name: 'RolePermission',
  tableName: 'role_permissions',
  columns: {
    roleId: { type: 'integer', primary: true, name: 'role_id' },
    permission: { type: 'varchar', primary: true },
  },
  // Declared as the migrations made them; tests/integration/foundation/schema-drift.test.ts compares.
  foreignKeys: [
    { target: 'Role', columnNames: ['role_id'], referencedColumnNames: ['id'], onDelete: 'CASCADE' },
  ],
});

export interface UserRoleRow {
  userId: number;
  roleId: number;
}

export const UserRoleEntity = new EntitySchema<UserRoleRow>({
  name: 'UserRole',
  tableName: 'user_roles',
  columns: {
    userId: { type: 'integer', primary: true, name: 'user_id' },
    roleId: { type: 'integer', primary: true, name: 'role_id' },
  },
  // Declared as the migrations made them; tests/integration/foundation/schema-drift.test.ts compares.
  foreignKeys: [
    { target: 'Role', columnNames: ['role_id'], referencedColumnNames: ['id'], onDelete: 'CASCADE' },
    { target: 'User', columnNames: ['user_id'], referencedColumnNames: ['id'], onDelete: 'CASCADE' },
  ],
});

/** A permission the super admin has taken away from one admin. */
export interface WithdrawnPermissionRow {
  userId: number;
  permission: string;
}

export const WithdrawnPermissionEntity = new EntitySchema<WithdrawnPermissionRow>({
  name: 'WithdrawnPermission',
  tableName: 'admin_withdrawn_permissions',
  columns: {
    userId: { type: 'integer', primary: true, name: 'user_id' },
    permission: { type: 'varchar', primary: true },
  },
  // Declared as the migrations made them; tests/integration/foundation/schema-drift.test.ts compares.
  foreignKeys: [
    { target: 'User', columnNames: ['user_id'], referencedColumnNames: ['id'], onDelete: 'CASCADE' },
  ],
});
