import { z } from 'zod';
import { needs, operation, SIGNED_IN } from './define';
import type { DemoCustomerDto, GettingStartedDto, OrganizationDto } from '../types/organization';

export const organizationOperations = {
  'organization.get': operation<OrganizationDto>()({
    summary: 'The organization: name, default country, time zone and locale',
    access: SIGNED_IN,
    input: z.object({}).strict(),
  }),
  'organization.update': operation<OrganizationDto>()({
    summary: 'Change the organization’s name, default country, time zone or locale (null: from the country)',
    access: needs('settings.write'),
    input: z
      .object({
        name: z.string().trim().min(1, 'Required').max(100).optional(),
        defaultCountry: z
          .string()
          .trim()
          .toUpperCase()
          .regex(/^[A-Z]{2}$/, 'Two letters, e.g. IN')
          .optional(),
        timeZone: z.string().trim().min(1, 'Required').max(64).optional(),
        locale: z.string().trim().min(2).max(35).nullable().optional(),
      })
      .strict(),
  }),
  'gettingStarted.status': operation<GettingStartedDto>()({
    summary: 'Which first steps are done: WhatsApp (or the sandbox kept), contacts, a test, a campaign',
    access: SIGNED_IN,
    input: z.object({}).strict(),
  }),
  'gettingStarted.mark': operation<GettingStartedDto>()({
    summary: 'Mark by hand that the sandbox is kept for now, or that the page is dismissed (or undo)',
    access: needs('settings.write'),
    input: z.object({ mark: z.enum(['sandbox_kept', 'dismissed']), done: z.boolean() }).strict(),
  }),
  'sandbox.customers': operation<DemoCustomerDto[]>()({
    summary: 'The sandbox’s demo customers with their numbers (sandbox mode only)',
    access: needs('contacts.read'),
    input: z.object({}).strict(),
  }),
  'sandbox.addDemoContacts': operation<{ created: number; listId: number | null }>()({
    summary: 'Add the sandbox’s demo customers as contacts, on a list of their own when allowed',
    access: needs('contacts.write'),
    input: z.object({}).strict(),
  }),
};
