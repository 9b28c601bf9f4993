import { EntitySchema } from 'typeorm';
import type { UserKind } from '@shared/types/people';

export interface UserRow {
  id: number;
  username: string;
  name: string;
  email: string;
  phone: string | null;
  kind: UserKind;
  passwordHash: string;
  mustChangePassword: boolean;
  disabled: boolean;
  failedLogins: number;
  lockedUntil: Date | null;
  lastLoginAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export const UserEntity = new EntitySchema<UserRow>({
  name: 'User',
  tableName: 'users',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    username: { type: 'varchar', unique: true },
    name: { type: 'varchar' },
    email: { type: 'varchar', unique: true },
    phone: { type: 'varchar', nullable: true },
    kind: { type: 'varchar' },
    passwordHash: { type: 'varchar', name: 'password_hash' },
    mustChangePassword: { type: 'boolean', name: 'must_change_password' },
    disabled: { type: 'boolean' },
    failedLogins: { type: 'integer', name: 'failed_logins' },
    lockedUntil: { type: 'datetime', name: 'locked_until', nullable: true },
    lastLoginAt: { type: 'datetime', name: 'last_login_at', nullable: true },
    createdAt: { type: 'datetime', name: 'created_at' },
    updatedAt: { type: 'datetime', name: 'updated_at' },
  },
});
