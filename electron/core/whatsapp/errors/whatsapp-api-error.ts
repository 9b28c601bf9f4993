import type { ErrorClass } from './error-table';

/** How the request failed: Graph answered with an error, or there was no usable answer. */
export type FailureKind = 'api' | 'network' | 'timeout' | 'invalid_response' | 'no_token';

export interface WhatsAppApiErrorFields {
  failure: FailureKind;
  /** Meta's `error.code`; null when Graph gave none (network error, timeout, non-JSON body). */
  code: number | null;
  /** `error.error_subcode`: deprecated by Meta but still sent for some errors, so optional. */
  subcode?: number;
  /** The title, i.e. Meta's `message` without its `(#code) ` prefix. */
  title: string;
  /** Meta's `message` as sent, e.g. `(#130429) Rate limit hit`. */
  metaMessage?: string;
  /** `error_data.details`, or `error_data` itself when it is a string (template API). */
  details?: string;
  fbtraceId?: string;
  /** HTTP status of the answer; null when there was none. */
  httpStatus: number | null;
  isTransient?: boolean;
  /** Graph's text meant for an end user (`error_user_title` / `error_user_msg`). */
  userTitle?: string;
  userMessage?: string;
  errorClass: ErrorClass;
  /** Why the class was chosen, from the error table. */
  reason: string;
  /** Method and path of the request, never its query string or headers (they may carry a token). */
  request?: { method: string; path: string };
}

/** Every failure of the WhatsApp client is one of these; callers switch on `errorClass`. */
export class WhatsAppApiError extends Error implements WhatsAppApiErrorFields {
  readonly failure: FailureKind;
  readonly code: number | null;
  readonly subcode?: number;
  readonly title: string;
  readonly metaMessage?: string;
  readonly details?: string;
  readonly fbtraceId?: string;
  readonly httpStatus: number | null;
  readonly isTransient?: boolean;
  readonly userTitle?: string;
  readonly userMessage?: string;
  readonly errorClass: ErrorClass;
  readonly reason: string;
  readonly request?: { method: string; path: string };

  constructor(fields: WhatsAppApiErrorFields, options?: { cause?: unknown }) {
    super(describe(fields), options);
    this.name = 'WhatsAppApiError';
    this.failure = fields.failure;
    this.code = fields.code;
    this.subcode = fields.subcode;
    this.title = fields.title;
    this.metaMessage = fields.metaMessage;
    this.details = fields.details;
    this.fbtraceId = fields.fbtraceId;
    this.httpStatus = fields.httpStatus;
    this.isTransient = fields.isTransient;
    this.userTitle = fields.userTitle;
    this.userMessage = fields.userMessage;
    this.errorClass = fields.errorClass;
    this.reason = fields.reason;
    this.request = fields.request;
  }

  get retryable(): boolean {
    return this.errorClass === 'retry' || this.errorClass === 'throttle';
  }

  /** A plain object for logs, storage and IPC (an Error's fields do not survive JSON.stringify). */
  toJSON(): WhatsAppApiErrorFields & { message: string } {
    return {
      message: this.message,
      failure: this.failure,
      code: this.code,
      subcode: this.subcode,
      title: this.title,
      metaMessage: this.metaMessage,
      details: this.details,
      fbtraceId: this.fbtraceId,
      httpStatus: this.httpStatus,
      isTransient: this.isTransient,
      userTitle: this.userTitle,
      userMessage: this.userMessage,
      errorClass: this.errorClass,
      reason: this.reason,
      request: this.request,
    };
  }
}

function describe(fields: WhatsAppApiErrorFields): string {
  const code = fields.code === null ? '' : ` ${fields.code}`;
  const status = fields.httpStatus === null ? '' : `, HTTP ${fields.httpStatus}`;
  const details = fields.details ? `: ${fields.details}` : '';
  const where = fields.request ? ` [${fields.request.method} ${fields.request.path}]` : '';
  return `WhatsApp API error${code} (${fields.errorClass}${status}) ${fields.title}${details}${where}`;
}
