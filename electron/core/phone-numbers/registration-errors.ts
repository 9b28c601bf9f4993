import { AppError, type ErrorCode } from '@shared/errors';
import { WhatsAppApiError } from '../whatsapp';

export type RegistrationStep = 'request_code' | 'verify_code' | 'register' | 'set_pin';

interface Explanation {
  code: ErrorCode;
  /** The input field the problem lies in, so the form shows it there. */
  field?: 'method' | 'code' | 'pin';
  /** What happened and what to do, in words for a shop owner. */
  text: string;
}

/**
 * WhatsApp's registration errors in plain words. 1330xx are Meta's registration codes (its error
 * table; reference §8 for 133004, 133010, 133016). 136024 and 136025 are what `request_code` and
 * `verify_code` answer in practice (integrators report them; Meta's table does not list them).
 * Anything else is shown with Meta's own title and details, which say what went wrong.
 */
const EXPLANATIONS: Record<number, Explanation> = {
  136024: {
    code: 'RATE_LIMITED',
    field: 'method',
    text: 'WhatsApp could not send a code to this number right now, usually because codes were asked for too often. Wait an hour or more and ask again, or ask for a voice call instead of an SMS.',
  },
  136025: {
    code: 'VALIDATION',
    field: 'code',
    text: 'That code is not right or has expired. Check the six digits of the latest code the number received, or ask for a new code.',
  },
  133000: {
    code: 'CONFLICT',
    text: 'An earlier attempt to take this number off WhatsApp did not finish. Remove it again in WhatsApp Manager (Phone numbers), then register it here.',
  },
  133004: {
    code: 'CONFLICT',
    text: 'WhatsApp’s registration service is briefly unavailable. Nothing changed; try again in a few minutes.',
  },
  133005: {
    code: 'VALIDATION',
    field: 'pin',
    text: 'This number already has a two-step verification PIN and this is not it. Enter the PIN set earlier; if it is lost, reset it in WhatsApp Manager (Phone numbers → Two-step verification) and use the new one.',
  },
  133006: {
    code: 'CONFLICT',
    text: 'The number has to prove it is yours first: ask for a code, enter it, then register.',
  },
  133007: {
    code: 'RATE_LIMITED',
    field: 'pin',
    text: 'Too many wrong PINs: WhatsApp blocks new tries for a while. Wait before trying again (WhatsApp’s details below say how long).',
  },
  133008: {
    code: 'RATE_LIMITED',
    field: 'pin',
    text: 'Too many wrong PINs for this number: WhatsApp blocks new tries for a while. Wait before trying again; if the PIN is lost, reset it in WhatsApp Manager.',
  },
  133009: {
    code: 'RATE_LIMITED',
    field: 'pin',
    text: 'PINs were tried too quickly. Wait a few seconds and try again.',
  },
  133010: {
    code: 'CONFLICT',
    text: 'This number is not registered on the Cloud API yet: register it first (code, then PIN).',
  },
  133015: {
    code: 'RATE_LIMITED',
    text: 'The number was removed from another account moments ago. Wait five minutes, then register it again.',
  },
  133016: {
    code: 'RATE_LIMITED',
    text: 'Too many registration attempts for this number (WhatsApp allows about ten in 72 hours). Wait a day or two before trying again.',
  },
};

/** An AppError a person can act on, for a WhatsApp failure of one registration step. */
export function explainRegistrationError(error: unknown, step: RegistrationStep): unknown {
  if (!(error instanceof WhatsAppApiError)) return error;
  if (error.failure !== 'api' || error.code === null) {
    return new AppError('CONFLICT', `WhatsApp could not be reached, so nothing changed: ${error.message}`);
  }
  const meta = [error.userMessage, error.details].filter(Boolean).join(' ');
  const known = EXPLANATIONS[error.code];
  if (error.code === 190 || error.code === 0) {
    return new AppError(
      'CONFLICT',
      'WhatsApp refused the access token. Save a valid one in Settings and try again.',
    );
  }
  if (!known) {
    const field = error.code === 100 ? fieldOf(step) : undefined;
    const text = `WhatsApp refused this step (${error.code}): ${meta || error.title}`;
    return new AppError(
      error.code === 100 ? 'VALIDATION' : 'CONFLICT',
      text,
      field ? { fields: [{ field, message: text }] } : {},
    );
  }
  const text = meta ? `${known.text} (WhatsApp says: ${meta})` : known.text;
  return new AppError(
    known.code,
    text,
    known.field ? { fields: [{ field: known.field, message: known.text }] } : {},
  );
}

function fieldOf(step: RegistrationStep): Explanation['field'] {
  if (step === 'request_code') return 'method';
  if (step === 'verify_code') return 'code';
  return 'pin';
}
