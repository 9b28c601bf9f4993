import { AppError } from '@shared/errors';

export function contactNotFound(id: number, field = 'id'): AppError {
  return new AppError('NOT_FOUND', `No contact with id ${id}`, {
    fields: [{ field, message: 'No such contact' }],
  });
}

export function invalidPhone(raw: string, field = 'phone'): AppError {
  return new AppError('VALIDATION', `“${raw}” is not a phone number`, {
    fields: [{ field, message: 'Not a phone number: add the country code, e.g. +91…' }],
  });
}

/** One contact per number: the message says who has it, so the user can open or merge them. */
export function phoneTaken(phone: string, owner: { id: number; name: string }): AppError {
  return new AppError('CONFLICT', `${phone} already belongs to “${owner.name}” (contact #${owner.id})`, {
    fields: [{ field: 'phone', message: `Already used by “${owner.name}” (contact #${owner.id})` }],
  });
}

/** One contact per WhatsApp user id, for the same reason. */
export function userIdTaken(userId: string, owner: { id: number; name: string }): AppError {
  return new AppError('CONFLICT', `${userId} already belongs to “${owner.name}” (contact #${owner.id})`, {
    fields: [{ field: 'userId', message: `Already used by “${owner.name}” (contact #${owner.id})` }],
  });
}
