import { z } from 'zod';

/**
 * The sandbox's behaviour that tests and the control API may change while it runs. Every delay and
 * limit is here so a test can make the sandbox fast, strict or lenient; `limits: false` in the options
 * turns every rate limit off for benchmarks.
 */
const rate = z.number().min(0).max(1);
const millis = z.number().int().min(0);

export const sandboxConfigSchema = z.object({
  /**
   * Where signed webhooks go (the callback URL of Meta's app dashboard); null keeps them in the
   * delivery log only. An override registered through `POST /{waba-id}/subscribed_apps` wins.
   */
  callbackUrl: z.url().nullable(),
  /**
   * The `facebook-api-version` header of every answer: null answers with the version asked for, a
   * version answers with that one, as Meta does once the version asked for has expired.
   */
  answerApiVersion: z
    .string()
    .regex(/^v\d+\.\d+$/, 'must look like "v25.0"')
    .nullable(),
  appSecret: z.string().min(1),
  statuses: z.object({
    sentDelayMs: millis,
    deliveredDelayMs: millis,
    readDelayMs: millis,
    deliveredProbability: rate,
    readProbability: rate,
  }),
  /** PENDING → APPROVED/REJECTED after this long. */
  templateReviewDelayMs: millis,
  /** Simulated customers answering what they read: quick-reply buttons when offered, text otherwise. */
  customerReplies: z.object({ probability: rate, delayMs: millis, optOutProbability: rate }),
  /**
   * Free-form sends more than 24 h after the customer's last message: `async` answers 200 then a failed
   * status with 131047 (what integrators report), `sync` answers 400, `off` allows them.
   */
  customerServiceWindow: z.enum(['async', 'sync', 'off']),
  limits: z.object({
    /** Each number's messages per second (its `throughputMps`), answered with 130429. */
    throughput: z.boolean(),
    /** Messages to one customer from one number: a bucket of `burst`, one more every `intervalMs` (131056). */
    pairRate: z.union([z.literal(false), z.object({ burst: z.number().int().min(1), intervalMs: millis })]),
    /** Unique customers reached outside a service window per moving 24 h: from the tier, a number, or off. */
    dailyUniqueRecipients: z.union([z.literal(false), z.literal('tier'), z.number().int().min(0)]),
  }),
  /** Each fault strikes a request or webhook at this rate (0 = never, 1 = always). */
  faults: z.object({
    serverError: rate,
    hang: rate,
    drop: rate,
    duplicateWebhook: rate,
    outOfOrderWebhook: rate,
  }),
  webhookRetry: z.object({
    maxAttempts: z.number().int().min(1).max(20),
    initialDelayMs: millis,
    backoffFactor: z.number().min(1),
    timeoutMs: z.number().int().min(1),
  }),
  /** How long every Graph request takes to be answered (a slow network; quit-while-sending tests). */
  latencyMs: millis,
  /** Media URLs expire like Meta's (5 minutes). */
  mediaUrlTtlMs: z.number().int().min(1),
  /** The reference is unsure whether `file_size` is a string or a number; produce either. */
  mediaFileSizeAs: z.enum(['string', 'number']),
});

export type SandboxConfig = z.infer<typeof sandboxConfigSchema>;

/** What POST /_sandbox/config and `configure()` take: any part, one level deep. */
export const sandboxConfigPatchSchema = z
  .object({
    callbackUrl: sandboxConfigSchema.shape.callbackUrl,
    appSecret: sandboxConfigSchema.shape.appSecret,
    answerApiVersion: sandboxConfigSchema.shape.answerApiVersion,
    statuses: sandboxConfigSchema.shape.statuses.partial(),
    templateReviewDelayMs: sandboxConfigSchema.shape.templateReviewDelayMs,
    customerReplies: sandboxConfigSchema.shape.customerReplies.partial(),
    customerServiceWindow: sandboxConfigSchema.shape.customerServiceWindow,
    limits: z.union([z.literal(false), sandboxConfigSchema.shape.limits.partial()]),
    faults: sandboxConfigSchema.shape.faults.partial(),
    webhookRetry: sandboxConfigSchema.shape.webhookRetry.partial(),
    latencyMs: sandboxConfigSchema.shape.latencyMs,
    mediaUrlTtlMs: sandboxConfigSchema.shape.mediaUrlTtlMs,
    mediaFileSizeAs: sandboxConfigSchema.shape.mediaFileSizeAs,
  })
  .partial()
  .strict();

export type SandboxConfigPatch = z.input<typeof sandboxConfigPatchSchema>;

const NO_LIMITS: SandboxConfig['limits'] = {
  throughput: false,
  pairRate: false,
  dailyUniqueRecipients: false,
};

/** Defaults for a person clicking around: statuses within seconds, Meta's limits, no faults. */
export function defaultConfig(appSecret: string): SandboxConfig {
  return {
    callbackUrl: null,
    appSecret,
    answerApiVersion: null,
    statuses: {
      sentDelayMs: 300,
      deliveredDelayMs: 1_000,
      readDelayMs: 3_000,
      deliveredProbability: 0.95,
      readProbability: 0.6,
    },
    templateReviewDelayMs: 5_000,
    customerReplies: { probability: 0, delayMs: 2_000, optOutProbability: 0.05 },
    customerServiceWindow: 'async',
    limits: { throughput: true, pairRate: { burst: 45, intervalMs: 6_000 }, dailyUniqueRecipients: 'tier' },
    faults: { serverError: 0, hang: 0, drop: 0, duplicateWebhook: 0, outOfOrderWebhook: 0 },
    webhookRetry: { maxAttempts: 6, initialDelayMs: 1_000, backoffFactor: 4, timeoutMs: 10_000 },
    latencyMs: 0,
    mediaUrlTtlMs: 5 * 60_000,
    mediaFileSizeAs: 'string',
  };
}

/** Applies a validated patch; nested groups merge, so `{ faults: { drop: 1 } }` leaves other faults be. */
export function applyConfigPatch(
  config: SandboxConfig,
  patch: z.output<typeof sandboxConfigPatchSchema>,
): SandboxConfig {
  const { limits, statuses, customerReplies, faults, webhookRetry, ...flat } = patch;
  return sandboxConfigSchema.parse({
    ...config,
    ...definedOnly(flat),
    statuses: { ...config.statuses, ...definedOnly(statuses) },
    customerReplies: { ...config.customerReplies, ...definedOnly(customerReplies) },
    faults: { ...config.faults, ...definedOnly(faults) },
    webhookRetry: { ...config.webhookRetry, ...definedOnly(webhookRetry) },
    limits: limits === false ? NO_LIMITS : { ...config.limits, ...definedOnly(limits) },
  });
}

/** `{ appSecret: undefined }` means "not given", not "erase". */
function definedOnly<T extends object>(object: T | undefined): Partial<T> {
  return Object.fromEntries(
    Object.entries(object ?? {}).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}
