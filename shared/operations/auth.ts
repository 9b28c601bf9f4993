import { z } from 'zod';
import { operation, PUBLIC, SIGNED_IN } from './define';
import { passwordField } from './fields';
import type { LoginResult, SessionInfo, SystemInfo } from '../types/people';

export const authOperations = {
  'system.info': operation<SystemInfo>()({
    summary: 'Name, version and WhatsApp mode, for the login screen',
    access: PUBLIC,
    input: z.object({}).strict(),
  }),
  'auth.login': operation<LoginResult>()({
    summary: 'Sign in with username or email and password',
    access: PUBLIC,
    input: z
      .object({
        login: z.string().trim().min(1, 'Required').max(200),
        password: z.string().min(1, 'Required').max(200),
      })
      .strict(),
  }),
  'auth.session': operation<SessionInfo>()({
    summary: 'The signed-in user, permissions and organization',
    access: SIGNED_IN,
    input: z.object({}).strict(),
  }),
  'auth.logout': operation<{ ok: true }>()({
    summary: 'End this window’s session',
    access: SIGNED_IN,
    input: z.object({}).strict(),
  }),
  'auth.changePassword': operation<SessionInfo>()({
    summary: 'Change one’s own password; ends one’s other sessions',
    access: SIGNED_IN,
    input: z
      .object({ currentPassword: z.string().min(1, 'Required'), newPassword: passwordField })
      .strict()
      .refine((v) => v.currentPassword !== v.newPassword, {
        path: ['newPassword'],
        message: 'Choose a password different from the current one',
      }),
  }),
};
