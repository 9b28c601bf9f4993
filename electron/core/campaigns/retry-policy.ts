import type { WhatsAppApiError } from '../whatsapp';

export interface RetryPolicy {
  /** Tries of a message that keeps meeting transient errors before it counts as failed. */
  maxAttempts: number;
  /** First backoff for transient errors; doubles each try, with jitter. */
  retryBaseMs: number;
  /** How soon a throttled message goes back in line (the number is slowed down meanwhile). */
  throttleRequeueMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  retryBaseMs: 1_000,
  throttleRequeueMs: 1_000,
};

/** Meta's pair rate limit: that customer only, 4^X seconds (reference §7), X capped at 5 (17 min). */
const PAIR_RATE_LIMIT = 131056;
const PAIR_RATE_MAX_EXPONENT = 5;

/**
 * How long a marketing message WhatsApp held back (131049) waits before it is tried again: Meta
 * asks for no retry within 24 hours; a minute more keeps clear of the edge.
 */
export const HELD_BACK_MS = 24 * 60 * 60 * 1000 + 60_000;

/** What the runner does with a refused send. */
export type Decision =
  | { kind: 'retry'; delayMs: number }
  | { kind: 'defer'; delayMs: number }
  /** WhatsApp held it back (131049): tried again after `delayMs`, the customer held from marketing meanwhile. */
  | { kind: 'hold'; delayMs: number; title: string }
  /** The customer stopped marketing in WhatsApp (131050): failed for good, and they are opted out. */
  | { kind: 'opted_out'; code: number | null; title: string; details: string | null }
  | { kind: 'throttle'; delayMs: number }
  | { kind: 'pause'; notice: string }
  /** Meta may have accepted it: never resent silently; a status webhook or the user settles it. */
  | { kind: 'unconfirmed'; title: string }
  | { kind: 'fail'; code: number | null; title: string; details: string | null };

/** `attempts` counts this try. Pure, so the table of treatments is tested without a network. */
export function decide(
  error: WhatsAppApiError,
  attempts: number,
  policy: RetryPolicy,
  random = Math.random,
): Decision {
  if (mayHaveBeenAccepted(error)) {
    return { kind: 'unconfirmed', title: `${error.title}: WhatsApp may have accepted it` };
  }
  switch (error.errorClass) {
    case 'retry': {
      if (attempts >= policy.maxAttempts) return failed(error, `Gave up after ${attempts} tries: `);
      // Full jitter: many messages failing together must not come back together.
      const ceiling = policy.retryBaseMs * 2 ** (attempts - 1);
      return { kind: 'retry', delayMs: Math.round(ceiling / 2 + (random() * ceiling) / 2) };
    }
    case 'throttle':
      if (error.code === PAIR_RATE_LIMIT) {
        return { kind: 'defer', delayMs: 4 ** Math.min(attempts - 1, PAIR_RATE_MAX_EXPONENT) * 1000 };
      }
      return { kind: 'throttle', delayMs: policy.throttleRequeueMs };
    case 'pause':
      return {
        kind: 'pause',
        notice:
          `Paused: WhatsApp refused with error ${error.code ?? '?'} (${error.title}). ${error.reason} ` +
          'Resume once it is fixed.',
      };
    case 'permanent':
      return failed(error, '');
    case 'opted_out':
      return {
        kind: 'opted_out',
        code: error.code,
        title: error.title || error.reason,
        details: error.details ?? null,
      };
    case 'held':
      if (attempts >= policy.maxAttempts) return failed(error, `Held back ${attempts} times: `);
      return { kind: 'hold', delayMs: HELD_BACK_MS, title: error.title || error.reason };
  }
}

/** Connection errors that prove the request never reached WhatsApp: safe to send again. */
const NEVER_SENT = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ENETUNREACH|EHOSTUNREACH|certificate|CERT_/i;

/**
 * A request that timed out, or whose connection broke without an answer, may have been accepted
 * by Meta before the answer was lost: sending it again could reach the customer twice. Only an
 * answer from WhatsApp (a 5xx, an error code) or a connection that never opened proves otherwise.
 */
export function mayHaveBeenAccepted(error: WhatsAppApiError): boolean {
  if (error.failure === 'timeout') return true;
  if (error.failure !== 'network') return false;
  return !NEVER_SENT.test(`${error.details ?? ''} ${error.title}`);
}

function failed(error: WhatsAppApiError, prefix: string): Decision {
  return {
    kind: 'fail',
    code: error.code,
    title: `${prefix}${error.title || error.reason}`,
    details: error.details ?? null,
  };
}
