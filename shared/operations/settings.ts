import { z } from 'zod';
import { needs, operation } from './define';
import type { ConnectionSettingsDto } from '../types/settings';

export const settingsOperations = {
  'settings.connection': operation<ConnectionSettingsDto>()({
    summary: 'WhatsApp connection, secrets set (never their values), webhooks and tunnel',
    access: needs('settings.read'),
    input: z.object({}).strict(),
  }),
  'settings.setSecret': operation<ConnectionSettingsDto>()({
    summary: 'Store a WhatsApp secret in the system keychain; it is never shown again',
    access: needs('settings.write'),
    input: z
      .object({
        name: z.enum(['access_token', 'app_secret', 'verify_token']),
        value: z.string().trim().min(8, 'Too short to be right').max(1000),
      })
      .strict(),
  }),
  'settings.revealVerifyToken': operation<{ verifyToken: string | null }>()({
    summary: 'The webhook verify token, to paste into Meta’s app dashboard',
    access: needs('settings.write'),
    input: z.object({}).strict(),
  }),
  'settings.retryWebhooks': operation<{ retried: number }>()({
    summary: 'Apply again the webhook deliveries that failed',
    access: needs('settings.write'),
    input: z.object({}).strict(),
  }),
  'settings.acknowledgeTunnelUrl': operation<ConnectionSettingsDto>()({
    summary: 'Say the new public webhook URL has been entered in Meta’s dashboard',
    access: needs('settings.write'),
    input: z.object({}).strict(),
  }),
};
