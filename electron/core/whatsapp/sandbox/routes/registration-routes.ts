import { Router, type Response } from 'express';
import { z } from 'zod';
import type { SandboxContext } from '../context';
import { graphErrors, sendGraphError, type GraphErrorSpec } from '../graph-errors';
import { countRecent, type RegistrationStep } from '../registration-state';
import { REGISTRATION_CODE } from '../seed-data';
import type { SandboxPhoneNumber } from '../state';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** How long a code may be used, how many may be asked for an hour, wrong PINs a day, registrations in 72 h. */
const CODE_TTL_MS = 10 * MINUTE;
const CODES_PER_HOUR = 5;
const WRONG_PINS_PER_DAY = 5;
const REGISTRATIONS_PER_72H = 10;

/**
 * The registration errors the sandbox answers with. 1330xx are in Meta's error table; 136024 and
 * 136025 are what `request_code` and `verify_code` answer in practice (integrators report them;
 * Meta's table does not list them), so the app must explain any code it does not know by its details.
 */
export const REGISTRATION_ERRORS: Record<number, GraphErrorSpec> = {
  133000: { code: 133000, title: 'Incomplete deregistration', httpStatus: 500 },
  133004: { code: 133004, title: 'Server temporarily unavailable', httpStatus: 503 },
  133005: { code: 133005, title: 'Two step verification PIN Mismatch' },
  133006: { code: 133006, title: 'Phone number re-verification needed' },
  133008: { code: 133008, title: 'Too many two step verification PIN guesses for this phone number' },
  133009: { code: 133009, title: 'Two step verification PIN guessed too fast' },
  133010: { code: 133010, title: 'Phone number Not registered' },
  133015: {
    code: 133015,
    title: 'Please wait a few minutes before attempting to register this phone number',
  },
  133016: { code: 133016, title: 'Account register deregister rate limit exceeded' },
  136024: { code: 136024, title: 'Request code error' },
  136025: { code: 136025, title: 'Verify code error' },
};

function fail(res: Response, code: number, details: string): void {
  const spec = REGISTRATION_ERRORS[code] ?? { code, title: 'Registration error' };
  sendGraphError(res, { ...spec, details });
}

const requestCodeSchema = z.looseObject({
  code_method: z.enum(['SMS', 'VOICE']),
  language: z.string().min(2),
});
const verifyCodeSchema = z.looseObject({ code: z.string().min(1) });
const registerSchema = z.looseObject({
  messaging_product: z.literal('whatsapp'),
  pin: z.string().regex(/^\d{6}$/),
});
const pinSchema = z.looseObject({ pin: z.string().regex(/^\d{6}$/) });

/**
 * Registering a number of the account on the Cloud API (Meta's "Register a business phone number"):
 * `request_code` "sends" the fixed code (shown by the control API), `verify_code` checks it,
 * `register` puts the number on the Cloud API with a two-step PIN; `POST /{id}` with `pin` changes
 * that PIN. Meta's limits are enforced in small: codes an hour, wrong PINs a day, registrations in 72 h.
 */
export function registrationRoutes(ctx: SandboxContext): Router {
  const router = Router();

  router.post('/:node/request_code', (req, res) => {
    const number = numberOr404(ctx, req.params.node, res);
    if (!number || injectedFault(ctx, 'request_code', res)) return;
    const parsed = requestCodeSchema.safeParse(req.body);
    if (!parsed.success) {
      return sendGraphError(
        res,
        graphErrors.invalidParameter('code_method must be SMS or VOICE, with a language'),
      );
    }
    const state = number.registration;
    const now = ctx.clock.now();
    if (countRecent(state.codeRequests, now, HOUR) >= CODES_PER_HOUR) {
      return fail(res, 136024, 'Too many codes were requested for this number. Try again later.');
    }
    state.codeRequests.push(now);
    state.code = { value: REGISTRATION_CODE, expiresAt: now + CODE_TTL_MS };
    ctx.logger.info(
      `sandbox: code for ${number.displayPhoneNumber} by ${parsed.data.code_method} is ${REGISTRATION_CODE}`,
    );
    res.json({ success: true });
  });

  router.post('/:node/verify_code', (req, res) => {
    const number = numberOr404(ctx, req.params.node, res);
    if (!number || injectedFault(ctx, 'verify_code', res)) return;
    const parsed = verifyCodeSchema.safeParse(req.body);
    if (!parsed.success) return sendGraphError(res, graphErrors.invalidParameter('code is required'));
    const state = number.registration;
    const now = ctx.clock.now();
    if (!state.code) return fail(res, 136025, 'No code was requested for this number. Request a code first.');
    if (now > state.code.expiresAt) {
      state.code = null;
      return fail(res, 136025, 'The code has expired. Request a new code.');
    }
    if (parsed.data.code.replace(/\D/g, '') !== state.code.value) {
      return fail(res, 136025, "Code couldn't be verified, you have entered a wrong code.");
    }
    state.code = null;
    state.codeVerification = 'VERIFIED';
    res.json({ success: true });
  });

  router.post('/:node/register', (req, res) => {
    const number = numberOr404(ctx, req.params.node, res);
    if (!number || injectedFault(ctx, 'register', res)) return;
    const parsed = registerSchema.safeParse(req.body);
    if (!parsed.success) {
      return sendGraphError(
        res,
        graphErrors.invalidParameter('pin must be 6 digits; messaging_product must be whatsapp'),
      );
    }
    const state = number.registration;
    const now = ctx.clock.now();
    if (state.codeVerification !== 'VERIFIED') {
      return fail(
        res,
        133006,
        'The phone number must be verified (request_code, verify_code) before it is registered.',
      );
    }
    if (countRecent(state.registrations, now, 72 * HOUR) >= REGISTRATIONS_PER_72H) {
      return fail(
        res,
        133016,
        'Too many registration attempts for this phone number in a short period of time.',
      );
    }
    if (countRecent(state.pinFailures, now, 24 * HOUR) >= WRONG_PINS_PER_DAY) {
      return fail(res, 133008, 'Too many wrong PINs for this phone number. Try again in 24 hours.');
    }
    if (state.pin !== null && state.pin !== parsed.data.pin) {
      state.pinFailures.push(now);
      return fail(res, 133005, 'The PIN does not match the two-step verification PIN of this phone number.');
    }
    state.pin = parsed.data.pin;
    state.registered = true;
    state.registrations.push(now);
    res.json({ success: true });
  });
  return router;
}

/** `POST /{phone-number-id}` with `pin`: sets the two-step verification PIN (Meta's Two-Step Verification). */
export function setPin(ctx: SandboxContext, number: SandboxPhoneNumber, body: unknown, res: Response): void {
  const parsed = pinSchema.safeParse(body);
  if (!parsed.success) return sendGraphError(res, graphErrors.invalidParameter('pin must be 6 digits'));
  if (!number.registration.registered) {
    return fail(res, 133010, 'The phone number is not registered on the Cloud API.');
  }
  number.registration.pin = parsed.data.pin;
  res.json({ success: true });
}

function numberOr404(ctx: SandboxContext, node: string, res: Response): SandboxPhoneNumber | null {
  const number = ctx.state.phoneNumbers.get(node);
  if (!number) sendGraphError(res, graphErrors.unknownObject('POST', node));
  return number ?? null;
}

/** A fault a test set with `POST /_sandbox/registration-fault`: answered once, then forgotten. */
function injectedFault(ctx: SandboxContext, step: RegistrationStep, res: Response): boolean {
  const code = ctx.state.registrationFaults.get(step);
  if (code === undefined) return false;
  ctx.state.registrationFaults.delete(step);
  fail(res, code, `Injected by the sandbox for ${step}.`);
  return true;
}
