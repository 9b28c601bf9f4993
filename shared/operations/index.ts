import type { z } from 'zod';
import { authOperations } from './auth';
import { contactOperations } from './contacts';
import { listOperations } from './lists';
import { memberOperations } from './members';
import { roleOperations } from './roles';
import { tokenOperations } from './tokens';
import { messageOperations } from './messages';
import { settingsOperations } from './settings';
import { templateOperations } from './templates';
import { phoneNumberOperations } from './phone-numbers';
import { campaignOperations } from './campaigns';
import { mediaOperations } from './media';
import { conversationOperations } from './conversations';
import { replyOperations } from './replies';
import { organizationOperations } from './organization';
import { logOperations } from './logs';
import { desktopOperations } from './desktop';
import { connectivityOperations } from './connectivity';
import { businessProfileOperations } from './business-profile';
import { pricingOperations } from './pricing';
import { dashboardOperations } from './dashboard';
import type { OperationDef } from './define';

/** Every operation the UI, the HTTP bridge or the token API can call: one map, imported by both ends. */
export const operations = {
  ...authOperations,
  ...memberOperations,
  ...roleOperations,
  ...contactOperations,
  ...listOperations,
  ...tokenOperations,
  ...messageOperations,
  ...settingsOperations,
  ...templateOperations,
  ...phoneNumberOperations,
  ...campaignOperations,
  ...mediaOperations,
  ...conversationOperations,
  ...replyOperations,
  ...organizationOperations,
  ...logOperations,
  ...desktopOperations,
  ...connectivityOperations,
  ...businessProfileOperations,
  ...pricingOperations,
  ...dashboardOperations,
};

export type Operations = typeof operations;
export type OperationName = keyof Operations;
export type InputOf<N extends OperationName> = z.input<Operations[N]['input']>;
export type ParsedInputOf<N extends OperationName> = z.output<Operations[N]['input']>;
export type ResultOf<N extends OperationName> =
  Operations[N] extends OperationDef<z.ZodType, infer R> ? R : never;

export const OPERATION_NAMES = Object.keys(operations) as OperationName[];

export function isOperationName(name: string): name is OperationName {
  return Object.prototype.hasOwnProperty.call(operations, name);
}

export type { Access, OperationDef } from './define';
