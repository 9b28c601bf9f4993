import { createHash, randomBytes } from 'node:crypto';

/** A secret for a session or an API token: 256 random bits, URL-safe. */
export function newSecretToken(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

/** What is stored in place of a token: its SHA-256, so a copy of the database signs nobody in. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
