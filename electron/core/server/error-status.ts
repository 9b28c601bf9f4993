import type { ErrorCode } from '@shared/errors';

/** HTTP status for each typed error, for the bridge and the token API alike. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  VALIDATION: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  WINDOW_CLOSED: 409,
  INTERNAL: 500,
};
