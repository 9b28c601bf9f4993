import { z } from 'zod';
import { needs, operation } from './define';
import { idField, permissionListField } from './fields';
import type { ApiTokenDto, CreatedApiToken } from '../types/tokens';

const isoDate = z.iso.date();
const isoTime = z.iso.datetime({ offset: true });

export const tokenOperations = {
  'tokens.list': operation<ApiTokenDto[]>()({
    summary: 'Your API tokens (everyone’s with tokens.manage), with their permissions, expiry and last use',
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
        /**
         * Optional. A date (`2027-06-30`): the token works until the end of that day in the shop's
         * time zone; or an exact ISO 8601 time with its offset.
         */
        expiresAt: z
          .string()
          .trim()
          .refine(
            (value) => isoDate.safeParse(value).success || isoTime.safeParse(value).success,
            'A date such as 2027-06-30',
          )
          .nullable()
          .optional(),
      })
      .strict(),
  }),
  'tokens.revoke': operation<ApiTokenDto>()({
    summary: 'Revoke one of your API tokens (anyone’s with tokens.manage); calls with it fail from now on',
    access: needs('tokens.write'),
    input: z.object({ id: idField }).strict(),
  }),
};
