/** The typed errors every transport (Electron IPC, the HTTP bridge, the token API) returns. */
export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'VALIDATION',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  /** A free-form message outside the 24-hour customer service window: only a template may go. */
  'WINDOW_CLOSED',
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
  /** With WINDOW_CLOSED: when the window closed (ISO), or null when the customer never wrote. */
  windowClosedAt?: string | null;
}

export type Outcome<T> = { ok: true; result: T } | { ok: false; error: AppErrorPayload };

/** An error with a code, thrown by core services and carried unchanged to the caller. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields?: FieldError[];
  readonly retryAfterSeconds?: number;
  readonly windowClosedAt?: string | null;

  constructor(
    code: ErrorCode,
    message: string,
    extra: { fields?: FieldError[]; retryAfterSeconds?: number; windowClosedAt?: string | null } = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.fields = extra.fields;
    this.retryAfterSeconds = extra.retryAfterSeconds;
    this.windowClosedAt = extra.windowClosedAt;
  }

  toPayload(): AppErrorPayload {
    const payload: AppErrorPayload = { code: this.code, message: this.message };
    if (this.fields) payload.fields = this.fields;
    if (this.retryAfterSeconds !== undefined) payload.retryAfterSeconds = this.retryAfterSeconds;
    if (this.windowClosedAt !== undefined) payload.windowClosedAt = this.windowClosedAt;
    return payload;
  }

  static fromPayload(payload: AppErrorPayload): AppError {
    return new AppError(payload.code, payload.message, {
      fields: payload.fields,
      retryAfterSeconds: payload.retryAfterSeconds,
      windowClosedAt: payload.windowClosedAt,
    });
  }
}
