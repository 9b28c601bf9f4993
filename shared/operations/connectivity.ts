import { z } from 'zod';
import { needs, operation } from './define';
import { empty } from './fields';
import type { CallbackDto, ConnectivityDto } from '../types/connectivity';
import { TUNNEL_PROVIDERS, type TunnelSettingsDto } from '../types/tunnel';

const DOMAIN = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i;

/** A public base URL: http(s), no credentials, query or fragment (it is shown, logged and given to Meta). */
const publicUrlField = z
  .string()
  .trim()
  .max(300)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (
        (url.protocol === 'https:' || url.protocol === 'http:') &&
        !url.username &&
        !url.password &&
        !url.search &&
        !url.hash
      );
    } catch {
      return false;
    }
  }, 'An https:// address without a user name, password or query');

/** Fields left out keep their current value. */
const tunnelChoiceInput = z
  .object({
    enabled: z.boolean(),
    provider: z.enum(TUNNEL_PROVIDERS),
    localtunnelHost: publicUrlField.optional(),
    localtunnelSubdomain: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^$|^[a-z0-9][a-z0-9-]{2,61}[a-z0-9]$/, '4 to 63 letters, digits or dashes')
      .optional(),
    fixedUrl: z
      .union([z.literal(''), publicUrlField])
      .refine(
        (url) =>
          url === '' ||
          url.startsWith('https://') ||
          /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])[:/]/.test(url),
        'Meta sends webhooks to https addresses only',
      )
      .optional(),
    ngrokDomain: z
      .string()
      .trim()
      .toLowerCase()
      .refine((domain) => domain === '' || DOMAIN.test(domain), 'A domain name such as myshop.ngrok-free.app')
      .optional(),
    cloudflaredPath: z
      .string()
      .trim()
      .max(500)
      .refine(
        (path) => path === '' || /^(\/|[a-z]:[\\/])/i.test(path),
        'A full path, or empty to look on PATH',
      )
      .optional(),
  })
  .strict();

export const connectivityOperations = {
  'connectivity.status': operation<ConnectivityDto>()({
    summary: 'How Meta reaches this computer: API version, tunnel, webhook URL registration, webhooks seen',
    access: needs('settings.read'),
    input: empty,
  }),
  'connectivity.configureTunnel': operation<TunnelSettingsDto>()({
    summary: 'Choose the tunnel (replaces [tunnel] of config.toml) and restart it',
    access: needs('settings.write'),
    input: tunnelChoiceInput,
  }),
  'connectivity.setNgrokAuthtoken': operation<TunnelSettingsDto>()({
    summary: 'Save the shop’s ngrok authtoken in the secret store; it is never shown again',
    access: needs('settings.write'),
    input: z
      .object({
        authtoken: z
          .string()
          .trim()
          .min(20, 'Too short to be an ngrok authtoken')
          .max(200)
          .regex(/^[A-Za-z0-9_-]+$/, 'Letters, digits, _ and - only: copy it again from ngrok'),
      })
      .strict(),
  }),
  'connectivity.restartTunnel': operation<TunnelSettingsDto>()({
    summary: 'Reconnect the tunnel now, with the provider chosen (ends a fallback)',
    access: needs('settings.write'),
    input: empty,
  }),
  'connectivity.registerCallback': operation<CallbackDto>()({
    summary: 'Register the public webhook URL with Meta now',
    access: needs('settings.write'),
    input: empty,
  }),
  'connectivity.setAutomaticCallback': operation<CallbackDto>()({
    summary: 'Turn on or off the automatic registration of the webhook URL with Meta',
    access: needs('settings.write'),
    input: z.object({ automatic: z.boolean() }).strict(),
  }),
};
