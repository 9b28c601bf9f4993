import { randomBytes, randomInt } from 'node:crypto';

/**
 * A seeded generator (mulberry32) for the sandbox's dice: status probabilities and fault rates. A
 * fixed seed makes a test that uses rates between 0 and 1 repeat exactly.
 */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** True with probability `rate`; 0 never rolls, so a disabled fault costs no randomness. */
export function chance(random: () => number, rate: number): boolean {
  return rate > 0 && random() < rate;
}

/** Ids in the shapes Meta uses, from the OS generator (ids need not repeat across runs). */
export const newIds = {
  wamid: () => `wamid.${randomBytes(24).toString('base64url')}`,
  /** 16 digits starting with 1, like Meta's media and template ids, and still exact as a JS number. */
  numeric: () =>
    `1${String(randomInt(0, 1e8)).padStart(8, '0')}${String(randomInt(0, 1e7)).padStart(7, '0')}`,
  fbtrace: () => randomBytes(16).toString('base64url').slice(0, 22),
  token: () => `EAAsandbox${randomBytes(24).toString('base64url')}`,
  secret: () => randomBytes(16).toString('hex'),
};
