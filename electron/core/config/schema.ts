import { isSupportedCountry } from 'libphonenumber-js';
import { z } from 'zod';
import { FEATURE_DEFAULTS } from '@shared/features';
import { toE164 } from '../util/phone';

/** It fills in phone numbers written without a country code, so libphonenumber-js must know it. */
const countryCode = z
  .string()
  .regex(/^[A-Z]{2}$/, 'must be a two-letter country code such as "IN" or "US"')
  .refine(isSupportedCountry, 'is not a country code phone numbers know (ISO 3166-1: "GB", not "UK")');

const timeZone = z.string().refine(isKnownTimeZone, 'is not a known IANA time zone');

function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const port = z.number().int().min(0).max(65535);

const organization = z
  .object({
    name: z.string().trim().min(1, 'must not be empty').max(100),
    default_country: countryCode,
    time_zone: timeZone,
  })
  .strict();

const superAdmin = z
  .object({
    username: z.string().regex(/^[a-z0-9._-]{3,32}$/, 'must be 3 to 32 lower-case letters, digits, . _ or -'),
    name: z.string().trim().min(1, 'must not be empty').max(100),
    email: z.email('must be an email address'),
    phone: z.string().trim().max(32).default(''),
    initial_password: z.string().min(10, 'must be at least 10 characters'),
  })
  .strict();

const whatsapp = z
  .object({
    mode: z.enum(['sandbox', 'cloud']).default('sandbox'),
    graph_base_url: z.url('must be a URL').default('https://graph.facebook.com'),
    api_version: z
      .string()
      .regex(/^v\d+\.\d+$/, 'must look like "v25.0"')
      // v25.0 runs until mid-2028 (reference §10); Settings warns when Meta answers with another.
      .default('v25.0'),
    business_account_id: z.string().default(''),
    app_id: z.string().default(''),
  })
  .strict()
  .refine((w) => w.mode === 'sandbox' || w.business_account_id !== '', {
    path: ['business_account_id'],
    message: 'is required when mode = "cloud"',
  });

const server = z
  .object({
    host: z.string().default('127.0.0.1'),
    port: port.default(8787),
    ui_port: port.default(0),
  })
  .strict();

const tunnel = z
  .object({
    enabled: z.boolean().default(false),
    provider: z.enum(['localtunnel', 'ngrok', 'cloudflare', 'fixed']).default('localtunnel'),
    host: z.url('must be a URL').default('https://localtunnel.me'),
    subdomain: z.string().default(''),
    /** ngrok's free static domain (e.g. `myshop.ngrok-free.app`), so the URL never changes. */
    ngrok_domain: z
      .string()
      .trim()
      .regex(/^$|^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i, 'must be a domain name')
      .default(''),
    /** The cloudflared program; empty looks for it on PATH. */
    cloudflared_path: z.string().default(''),
  })
  .strict()
  .refine((t) => !(t.enabled && t.provider === 'fixed' && t.host === 'https://localtunnel.me'), {
    path: ['host'],
    message: 'must be your public https URL when provider = "fixed"',
  });

const database = z
  .object({
    type: z.literal('sqlite').default('sqlite'),
    // A reader and the writer open the same file; ":memory:" would give each a database of its own.
    file: z
      .string()
      .min(1)
      .refine((file) => file !== ':memory:', 'must be a file name, not ":memory:"')
      .default('wapidesk.sqlite'),
  })
  .strict();

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The desktop app's update feed: https, or http on this computer (a local test server). */
function isUpdateFeed(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || (parsed.protocol === 'http:' && LOOPBACK.has(parsed.hostname));
  } catch {
    return false;
  }
}

const updates = z
  .object({
    feed_url: z
      .string()
      .trim()
      .default('')
      .refine(
        (url) => url === '' || isUpdateFeed(url),
        'must be an https:// address, or empty to turn updates off',
      ),
    channel: z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,31}$/, 'must be a channel name such as "latest" or "beta"')
      .default('latest'),
    check_every_hours: z.number().int().min(1).max(168).default(6),
  })
  .strict();

const webhooks = z
  .object({
    // Processed deliveries are kept this long for tracing what happened, then purged daily.
    processed_retention_days: z.number().int().min(1).max(3650).default(30),
  })
  .strict();

const features = z
  .object({
    IS_ROLE_BASED_ACCESS_CONTROL_ENABLED: z
      .boolean()
      .default(FEATURE_DEFAULTS.IS_ROLE_BASED_ACCESS_CONTROL_ENABLED),
    IS_SINGLE_BINARY_MODE_ENABLED: z.boolean().default(FEATURE_DEFAULTS.IS_SINGLE_BINARY_MODE_ENABLED),
    IS_INTEGRATIONS_ENABLED: z.boolean().default(FEATURE_DEFAULTS.IS_INTEGRATIONS_ENABLED),
    IS_QUICK_KEYWORD_REPLIES_ENABLED: z.boolean().default(FEATURE_DEFAULTS.IS_QUICK_KEYWORD_REPLIES_ENABLED),
    IS_SELF_HOSTED: z.boolean().default(FEATURE_DEFAULTS.IS_SELF_HOSTED),
  })
  .strict();

/** The whole of config.toml. Unknown keys are errors, so a typo never passes silently. */
export const configSchema = z
  .object({
    organization,
    super_admin: superAdmin,
    whatsapp: whatsapp.default(() => whatsapp.parse({})),
    server: server.default(() => server.parse({})),
    tunnel: tunnel.default(() => tunnel.parse({})),
    database: database.default(() => database.parse({})),
    updates: updates.default(() => updates.parse({})),
    webhooks: webhooks.default(() => webhooks.parse({})),
    features: features.default(() => features.parse({})),
  })
  .strict()
  .superRefine((config, issues) => {
    const phone = config.super_admin.phone;
    if (phone && !toE164(phone, config.organization.default_country)) {
      issues.addIssue({
        code: 'custom',
        path: ['super_admin', 'phone'],
        message: `is not a valid phone number for ${config.organization.default_country}`,
      });
    }
  });

export type AppConfig = z.output<typeof configSchema>;
