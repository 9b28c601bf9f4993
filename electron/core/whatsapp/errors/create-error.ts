import { classifyFailure } from './classify';
import { readGraphErrorEnvelope } from './graph-error-envelope';
import { WhatsAppApiError } from './whatsapp-api-error';

export interface RequestLabel {
  method: string;
  path: string;
}

/** The error for a non-2xx answer; `body` is the parsed JSON, or the text when it was not JSON. */
export function errorFromResponse(
  httpStatus: number,
  body: unknown,
  request: RequestLabel,
): WhatsAppApiError {
  const graph = readGraphErrorEnvelope(body);
  const code = graph?.code ?? null;
  const { errorClass, reason } = classifyFailure({ code, httpStatus, isTransient: graph?.isTransient });
  return new WhatsAppApiError({
    failure: 'api',
    code,
    subcode: graph?.subcode,
    title: graph?.title ?? `HTTP ${httpStatus} without a Graph error body`,
    metaMessage: graph?.metaMessage,
    details: graph?.details,
    fbtraceId: graph?.fbtraceId,
    httpStatus,
    isTransient: graph?.isTransient,
    userTitle: graph?.userTitle,
    userMessage: graph?.userMessage,
    errorClass,
    reason,
    request,
  });
}

/** The error for a request that got no answer: connection refused or reset, DNS, TLS, or a timeout. */
export function errorFromNoAnswer(
  kind: 'network' | 'timeout',
  request: RequestLabel,
  detail: string,
  cause?: unknown,
): WhatsAppApiError {
  const { errorClass, reason } = classifyFailure({ code: null, httpStatus: null });
  return new WhatsAppApiError(
    {
      failure: kind,
      code: null,
      title: kind === 'timeout' ? 'Request timed out' : 'Network error',
      details: detail,
      httpStatus: null,
      errorClass,
      reason,
      request,
    },
    { cause },
  );
}

/**
 * A 2xx answer the client cannot read. Not retried: for a send, the message may well have gone out,
 * and sending it again could reach the customer twice.
 */
export function errorFromUnreadableAnswer(
  httpStatus: number,
  request: RequestLabel,
  detail: string,
): WhatsAppApiError {
  return new WhatsAppApiError({
    failure: 'invalid_response',
    code: null,
    title: 'Unexpected answer from the API',
    details: detail,
    httpStatus,
    errorClass: 'permanent',
    reason: 'The API answered with a body the client does not understand.',
    request,
  });
}

/** No access token is configured: nothing can be sent until someone sets one. */
export function errorForMissingToken(request: RequestLabel): WhatsAppApiError {
  return new WhatsAppApiError({
    failure: 'no_token',
    code: null,
    title: 'No WhatsApp access token is configured',
    httpStatus: null,
    errorClass: 'pause',
    reason: 'The app has no access token to call the API with.',
    request,
  });
}
