import { z } from 'zod';
import { needs, operation } from './define';
import { idField, permissionListField } from './fields';
import type { ApiTokenDto, CreatedApiToken } from '../types/tokens';

export const tokenOperations = {
  'tokens.list': operation<ApiTokenDto[]>()({
    summary: 'API tokens with their permissions and last use',
    access: needs('tokens.read'),
    input: z.object({}).strict(),
  }),
  'tokens.create': operation<CreatedApiToken>()({
    summary: 'Create an API token holding some of your own permissions; the token is shown once',
    access: needs('tokens.write'),
    input: z
      .object({
        name: z.string().trim().min(1, 'Required').max(80),
        permissions: permissionListField.refine((list) => list.length > 0, 'Choose at least one permission'),
      })
      .strict(),
  }),
  'tokens.revoke': operation<ApiTokenDto>()({
    summary: 'Revoke an API token; calls with it fail from now on',
    access: needs('tokens.write'),
    input: z.object({ id: idField }).strict(),
  }),
};
