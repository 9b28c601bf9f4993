import { lockoutSeconds } from './lockout';

/** Login names tracked at most; the oldest are forgotten first. ~100 bytes each: about a megabyte. */
const MAX_NAMES = 10_000;

/**
 * Failed logins for names that belong to nobody, counted exactly as an account's are (lockout.ts),
 * so the answers to "nobody" and to a real account with a wrong password stay the same after the
 * lockout threshold too: an outsider cannot learn which usernames exist by watching for the
 * lockout. Kept in memory (a database row per guessed name would let anyone fill the disk), and
 * bounded, oldest first.
 */
export class UnknownLoginLockout {
  private readonly names = new Map<string, { failures: number; lockedUntil: number | null }>();

  constructor(private readonly maxNames = MAX_NAMES) {}

  /** When the name's wait ends, if it is waiting now. */
  lockedUntil(name: string, now: Date): Date | null {
    const until = this.names.get(name)?.lockedUntil ?? null;
    return until !== null && until > now.getTime() ? new Date(until) : null;
  }

  /** Counts a failure; returns when the name's wait ends, or null while it has free attempts. */
  fail(name: string, now: Date): Date | null {
    const entry = this.names.get(name) ?? { failures: 0, lockedUntil: null };
    entry.failures += 1;
    const wait = lockoutSeconds(entry.failures);
    entry.lockedUntil = wait ? now.getTime() + wait * 1000 : null;
    // Re-inserted so the map's order is least recently failed first.
    this.names.delete(name);
    this.names.set(name, entry);
    while (this.names.size > this.maxNames) {
      const oldest = this.names.keys().next().value;
      if (oldest === undefined) break;
      this.names.delete(oldest);
    }
    return entry.lockedUntil === null ? null : new Date(entry.lockedUntil);
  }

  get size(): number {
    return this.names.size;
  }
}
