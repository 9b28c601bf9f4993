import { z } from 'zod';
import { dashboardOutput } from '../outputs/dashboard';
import type { DashboardDto } from '../types/dashboard';
import { needs, operation } from './define';

export const dashboardOperations = {
  'dashboard.get': operation<DashboardDto>()({
    summary:
      'Quality, the messaging limit and what is left of it, campaigns, contacts, messages per day and spending over the last 7, 30 or 90 days',
    output: dashboardOutput,
    access: needs('dashboard.read'),
    input: z
      .object({
        days: z
          .number()
          .int()
          .refine((d) => d === 7 || d === 30 || d === 90, 'Choose 7, 30 or 90 days')
          .default(30),
      })
      .strict(),
  }),
};
