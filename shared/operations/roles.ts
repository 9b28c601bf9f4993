import { z } from 'zod';
import { needs, operation } from './define';
import { idField, permissionListField } from './fields';
import type { RoleDto } from '../types/people';

const roleName = z.string().trim().min(1, 'Required').max(60);
const roleDescription = z.string().trim().max(300);

export const roleOperations = {
  'roles.list': operation<RoleDto[]>()({
    summary: 'Every role with its permissions',
    access: needs('roles.read'),
    input: z.object({}).strict(),
  }),
  'roles.create': operation<RoleDto>()({
    summary: 'Create a role from granular permissions',
    access: needs('roles.write'),
    input: z
      .object({
        name: roleName,
        description: roleDescription.default(''),
        permissions: permissionListField,
      })
      .strict(),
  }),
  'roles.update': operation<RoleDto>()({
    summary: 'Rename a role or change its permissions',
    access: needs('roles.write'),
    input: z
      .object({
        id: idField,
        name: roleName.optional(),
        description: roleDescription.optional(),
        permissions: permissionListField.optional(),
      })
      .strict(),
  }),
  'roles.delete': operation<{ ok: true }>()({
    summary: 'Delete a role; its members lose its permissions',
    access: needs('roles.write'),
    input: z.object({ id: idField }).strict(),
  }),
};
