/** The typed errors every transport (Electron IPC, the HTTP bridge, the token API) returns. */
export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'VALIDATION',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface FieldError {
  /** Dotted path of the field, e.g. `password` or `permissions.2`. */
  field: string;
  message: string;
}

export interface AppErrorPayload {
  code: ErrorCode;
  message: string;
  fields?: FieldError[];
  /** Seconds to wait before trying again, with RATE_LIMITED. */
  retryAfterSeconds?: number;
}

export type Outcome<T> = { ok: true; result: T } | { ok: false; error: AppErrorPayload };

/** An error with a code, thrown by core services and carried unchanged to the caller. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields?: FieldError[];
  readonly retryAfterSeconds?: number;

  constructor(
    code: ErrorCode,
    message: string,
    extra: { fields?: FieldError[]; retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.fields = extra.fields;
    this.retryAfterSeconds = extra.retryAfterSeconds;
  }

  toPayload(): AppErrorPayload {
    const payload: AppErrorPayload = { code: this.code, message: this.message };
    if (this.fields) payload.fields = this.fields;
    if (this.retryAfterSeconds !== undefined) payload.retryAfterSeconds = this.retryAfterSeconds;
    return payload;
  }

  static fromPayload(payload: AppErrorPayload): AppError {
    return new AppError(payload.code, payload.message, {
      fields: payload.fields,
      retryAfterSeconds: payload.retryAfterSeconds,
    });
  }
}
