/**
 * After FREE_ATTEMPTS failed logins in a row the account waits; each further failure doubles the
 * wait, up to an hour. A successful login clears the count.
 */
export const FREE_ATTEMPTS = 5;
const BASE_WAIT_SECONDS = 30;
const MAX_WAIT_SECONDS = 60 * 60;

export function lockoutSeconds(consecutiveFailures: number): number {
  if (consecutiveFailures < FREE_ATTEMPTS) return 0;
  return Math.min(BASE_WAIT_SECONDS * 2 ** (consecutiveFailures - FREE_ATTEMPTS), MAX_WAIT_SECONDS);
}
