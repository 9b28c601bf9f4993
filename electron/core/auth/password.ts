import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** scrypt's cost: N (CPU and memory), r (block size), p (parallelism). */
export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

/** OWASP's minimum for scrypt; what every install uses. Stored with each hash so it can be raised. */
export const PRODUCTION_COST: ScryptCost = { N: 2 ** 15, r: 8, p: 1 };
const KEY_LENGTH = 64;
const MAX_MEMORY = 64 * 1024 * 1024;

function derive(password: string, salt: Buffer, options: ScryptOptions, keyLength: number) {
  return new Promise<Buffer>((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, keyLength, { ...options, maxmem: MAX_MEMORY }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

/**
 * Hashes and checks passwords with scrypt. The cost is given when the core is made: production
 * always uses PRODUCTION_COST; the test suite passes a small one so it does not spend minutes
 * hashing. A hash keeps its own parameters, so one made at any cost still verifies.
 */
export class PasswordHasher {
  private decoy: Promise<string> | undefined;

  constructor(readonly cost: ScryptCost = PRODUCTION_COST) {}

  /** `scrypt$N$r$p$salt$hash`, salt and hash in base64. */
  async hash(password: string): Promise<string> {
    const { N, r, p } = this.cost;
    const salt = randomBytes(16);
    const key = await derive(password, salt, { N, r, p }, KEY_LENGTH);
    return ['scrypt', N, r, p, salt.toString('base64'), key.toString('base64')].join('$');
  }

  async verify(password: string, stored: string): Promise<boolean> {
    const [scheme, n, r, p, saltText, hashText] = stored.split('$');
    if (scheme !== 'scrypt' || !n || !r || !p || !saltText || !hashText) return false;
    const expected = Buffer.from(hashText, 'base64');
    const actual = await derive(
      password,
      Buffer.from(saltText, 'base64'),
      { N: Number(n), r: Number(r), p: Number(p) },
      expected.length,
    );
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  }

  /** A hash of a random password, checked against when the login names nobody, so timing tells nothing. */
  decoyHash(): Promise<string> {
    this.decoy ??= this.hash(randomBytes(16).toString('hex'));
    return this.decoy;
  }
}
