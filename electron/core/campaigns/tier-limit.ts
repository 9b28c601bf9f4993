import type { ReadManager } from '../db/read-db';
import { portfolioLimit } from '../portfolio/messaging-limit';
import { DAY_MS, reachedInWindow } from '../portfolio/reach';
import { MESSAGING_LIMIT_TIERS } from '../whatsapp';

/**
 * Unique customers a portfolio may reach in a moving 24 h, by its messaging limit tier. An unknown
 * tier counts as Meta's starting tier: waiting is cheap, while going over makes Meta refuse sends
 * and hurts the numbers' standing. Null means no limit.
 */
export function tierLimit(tier: string | null): number | null {
  if (tier && tier in MESSAGING_LIMIT_TIERS) {
    return MESSAGING_LIMIT_TIERS[tier as keyof typeof MESSAGING_LIMIT_TIERS];
  }
  return MESSAGING_LIMIT_TIERS.TIER_250;
}

/** How often the window takes in what the database knows (other senders, a new limit). */
const REFRESH_MS = 10_000;

/**
 * The business portfolio's messaging limit as the runner applies it: unique customers reached with
 * a template outside a service window in a moving 24 h, across ALL the portfolio's numbers, as Meta
 * counts (reference §7). A customer whose service window with the sending number is open costs
 * nothing; one already counted costs nothing more.
 *
 * Kept in memory (asking the database for a distinct count before each of 1,000 sends a second
 * would cost more than the sends), shared by every campaign the runner drives, and merged every ten
 * seconds with `portfolio_reach`, which a trigger keeps from every message that goes out (the
 * inbox's and the token API's too) together with the limit in force.
 */
export class PortfolioWindow {
  /** WhatsApp id → the last time reached; insertion order is time order (a new reach moves it last). */
  private readonly reached = new Map<string, number>();
  private loadedAt = -Infinity;

  constructor(
    public limit: number | null,
    private readonly source:
      ((now: Date) => Promise<{ limit: number | null; reached: [string, number][] }>) | null = null,
    private readonly refreshMs = REFRESH_MS,
  ) {}

  /** Reads the limit and the last day's reach from the database. */
  static fromDatabase(m: () => ReadManager, refreshMs = REFRESH_MS): PortfolioWindow {
    return new PortfolioWindow(
      null,
      async (now) => ({
        limit: (await portfolioLimit(m())).dailyLimit,
        reached: await reachedInWindow(m(), now),
      }),
      refreshMs,
    );
  }

  /** Takes in the database's view when it is older than the refresh period (or `force`). */
  async refresh(now: Date, force = false): Promise<void> {
    if (!this.source || (!force && now.getTime() - this.loadedAt < this.refreshMs)) return;
    this.loadedAt = now.getTime();
    const { limit, reached } = await this.source(now);
    this.limit = limit;
    for (const [waId, at] of reached) this.note(waId, at);
  }

  /** Whether a message to `waId` fits now; `outsideWindow` false means it is free of the limit. */
  admits(waId: string, now: number, outsideWindow = true): boolean {
    if (this.limit === null || !outsideWindow) return true;
    this.expire(now);
    return this.reached.has(waId) || this.reached.size < this.limit;
  }

  admit(waId: string, now: number, outsideWindow = true): void {
    if (outsideWindow) this.note(waId, now);
  }

  /** When the oldest customer leaves the window, making room for one more. */
  nextRoomAt(): number | null {
    const oldest = this.reached.values().next();
    return oldest.done ? null : oldest.value + DAY_MS;
  }

  get size(): number {
    return this.reached.size;
  }

  private note(waId: string, at: number): void {
    const known = this.reached.get(waId);
    if (known !== undefined && known >= at) return;
    this.reached.delete(waId);
    this.reached.set(waId, at);
  }

  private expire(now: number): void {
    for (const [waId, at] of this.reached) {
      if (now - at < DAY_MS) break;
      this.reached.delete(waId);
    }
  }
}
