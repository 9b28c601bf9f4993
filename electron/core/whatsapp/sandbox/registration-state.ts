/**
 * What the sandbox remembers of a number's registration: whether it proved it is the business's
 * (a code by SMS or voice), whether it is on the Cloud API, its two-step PIN, and the recent
 * attempts behind the limits Meta enforces (codes asked for, wrong PINs, registrations).
 */
export interface RegistrationState {
  registered: boolean;
  codeVerification: 'VERIFIED' | 'NOT_VERIFIED';
  /** Null until the first registration sets it (or `POST /{id}` with a `pin`). */
  pin: string | null;
  /** The code last sent and until when (sandbox ms) it may be used. */
  code: { value: string; expiresAt: number } | null;
  /** When codes were asked for (sandbox ms). */
  codeRequests: number[];
  /** When a wrong PIN was given to `register`. */
  pinFailures: number[];
  /** When `register` succeeded. */
  registrations: number[];
}

export function newRegistrationState(registered: boolean): RegistrationState {
  return {
    registered,
    codeVerification: registered ? 'VERIFIED' : 'NOT_VERIFIED',
    pin: null,
    code: null,
    codeRequests: [],
    pinFailures: [],
    registrations: [],
  };
}

/** Keeps only the times within the last `windowMs` (sandbox ms), and returns how many remain. */
export function countRecent(times: number[], now: number, windowMs: number): number {
  const kept = times.filter((t) => now - t < windowMs);
  times.splice(0, times.length, ...kept);
  return kept.length;
}

/** A step that a test wants to fail once, with a Graph error code (see `POST /_sandbox/registration-fault`). */
export type RegistrationStep = 'request_code' | 'verify_code' | 'register';
