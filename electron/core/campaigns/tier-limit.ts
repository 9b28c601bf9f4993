import { fromSqlDate, sqlDate } from '../contacts/sql';
import { MESSAGING_LIMIT_TIERS } from '../whatsapp';
import type { ReadManager } from '../db/read-db';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Unique recipients a number may reach in a moving 24 h, by its messaging limit tier. An unknown
 * tier counts as Meta's starting tier: waiting is cheap, while going over makes Meta refuse sends
 * and hurts the number's standing. Null means no limit.
 */
export function tierLimit(tier: string | null): number | null {
  if (tier && tier in MESSAGING_LIMIT_TIERS) {
    return MESSAGING_LIMIT_TIERS[tier as keyof typeof MESSAGING_LIMIT_TIERS];
  }
  return MESSAGING_LIMIT_TIERS.TIER_250;
}

/**
 * The recipients a number reached with templates in the last 24 h, in memory: asking the database
 * for a distinct count before each of 1,000 sends a second would cost more than the sends. Loaded
 * from the message rows when a campaign starts driving, then kept up to date as it sends.
 */
export class TierWindow {
  /** WhatsApp id → when first reached in the window; insertion order is time order. */
  private readonly reached = new Map<string, number>();

  constructor(readonly limit: number | null) {}

  static async load(
    m: ReadManager,
    phoneNumberId: string,
    limit: number | null,
    now: Date,
  ): Promise<TierWindow> {
    const window = new TierWindow(limit);
    if (limit === null) return window;
    const rows = (await m.query(
      `SELECT recipient_wa_id AS waId, MIN(COALESCE(sent_at, created_at)) AS firstAt
         FROM messages
        WHERE phone_number_id = ? AND direction = 'out' AND type = 'template'
          AND (sent_at IS NOT NULL OR status IN ('sending', 'unconfirmed'))
          AND COALESCE(sent_at, created_at) >= ?
        GROUP BY recipient_wa_id
        ORDER BY firstAt`,
      [phoneNumberId, sqlDate(new Date(now.getTime() - DAY_MS))],
    )) as { waId: string; firstAt: string }[];
    for (const row of rows) window.reached.set(row.waId, fromSqlDate(row.firstAt).getTime());
    return window;
  }

  /** Whether a message to `waId` fits now; someone already reached costs nothing more. */
  admits(waId: string, now: number): boolean {
    if (this.limit === null) return true;
    this.expire(now);
    return this.reached.has(waId) || this.reached.size < this.limit;
  }

  admit(waId: string, now: number): void {
    if (this.limit !== null && !this.reached.has(waId)) this.reached.set(waId, now);
  }

  /** When the oldest recipient leaves the window, making room for one more. */
  nextRoomAt(): number | null {
    const oldest = this.reached.values().next();
    return oldest.done ? null : oldest.value + DAY_MS;
  }

  get size(): number {
    return this.reached.size;
  }

  private expire(now: number): void {
    for (const [waId, at] of this.reached) {
      if (now - at < DAY_MS) break;
      this.reached.delete(waId);
    }
  }
}
