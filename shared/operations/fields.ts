import { z } from 'zod';
import { ALL_PERMISSIONS, type Permission } from '../permissions';

/** Field schemas shared by several operations, so a rule lives in one place. */
export const usernameField = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,32}$/, '3 to 32 letters, digits, dots, dashes or underscores');

export const passwordField = z.string().min(10, 'At least 10 characters').max(200, 'At most 200 characters');

export const nameField = z.string().trim().min(1, 'Required').max(100);
export const emailField = z.string().trim().toLowerCase().pipe(z.email('Not an email address'));
export const phoneField = z.string().trim().max(32).nullable().optional();
export const idField = z.number().int().positive();

export const permissionField = z.enum(ALL_PERMISSIONS as [Permission, ...Permission[]]);
export const permissionListField = z.array(permissionField).transform((list) => [...new Set(list)]);

export const empty = z.object({}).strict();
