import { createHash, timingSafeEqual } from 'node:crypto';

/** A query as Express gives it (flat `hub.mode` keys, or nested `hub: { mode }` with an extended parser). */
export type HandshakeQuery = URLSearchParams | Record<string, unknown>;

/**
 * Meta's subscription check: `GET ?hub.mode=subscribe&hub.challenge=…&hub.verify_token=…`. Returns the
 * challenge to echo back with 200 when the token matches, or null (answer 403).
 */
export function verifyHandshake(query: HandshakeQuery, verifyToken: string): string | null {
  const mode = read(query, 'mode');
  const token = read(query, 'verify_token');
  const challenge = read(query, 'challenge');
  if (mode !== 'subscribe' || !challenge || token === undefined || !verifyToken) return null;
  return sameSecret(token, verifyToken) ? challenge : null;
}

function read(query: HandshakeQuery, name: string): string | undefined {
  if (query instanceof URLSearchParams) return query.get(`hub.${name}`) ?? undefined;
  const flat = query[`hub.${name}`];
  if (typeof flat === 'string') return flat;
  const hub = query.hub;
  if (hub && typeof hub === 'object') {
    const nested = (hub as Record<string, unknown>)[name];
    if (typeof nested === 'string') return nested;
  }
  return undefined;
}

/** Compares digests so the time taken says nothing about a secret, not even its length. */
export function sameSecret(a: string, b: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(a), digest(b));
}
