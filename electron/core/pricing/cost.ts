import type { EntityManager } from 'typeorm';
import type { CostDto, CostLineDto, PriceTableDto, UnpricedDto } from '@shared/types/pricing';
import { execute, fromSqlDate, select, sqlDate } from '../db/sql';
import type { ReadManager } from '../db/read-db';

/** Prices are kept in millionths of the currency: sums stay exact, unlike floats. */
const MICROS = 1_000_000;

/** The shop's price table: what one message of a category costs, per country (`*`: every other). */
export async function priceTable(m: ReadManager): Promise<PriceTableDto> {
  const [settings] = await select<{ currency: string; updated_at: string }>(
    m,
    `SELECT currency, updated_at FROM price_settings WHERE id = 1`,
  );
  const prices = await select<{ category: string; country: string; price_micros: number }>(
    m,
    `SELECT category, country, price_micros FROM price_table ORDER BY category, country = '*' DESC, country`,
  );
  return {
    currency: settings?.currency ?? null,
    prices: prices.map((p) => ({ category: p.category, country: p.country, price: p.price_micros / MICROS })),
    updatedAt: settings ? fromSqlDate(settings.updated_at).toISOString() : null,
  };
}

/** Replaces the whole table (the Settings form sends it whole); an empty list clears it. */
export async function setPriceTable(
  m: EntityManager,
  input: { currency: string; prices: { category: string; country: string; price: number }[] },
  userId: number | null,
  now: Date,
): Promise<void> {
  await execute(m, `DELETE FROM price_table`);
  for (const p of input.prices) {
    await execute(m, `INSERT INTO price_table (category, country, price_micros) VALUES (?, ?, ?)`, [
      p.category,
      p.country,
      Math.round(p.price * MICROS),
    ]);
  }
  await execute(
    m,
    `INSERT INTO price_settings (id, currency, updated_at, updated_by_user_id) VALUES (1, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET currency = excluded.currency, updated_at = excluded.updated_at,
       updated_by_user_id = excluded.updated_by_user_id`,
    [input.currency, sqlDate(now), userId],
  );
}

interface PricedRow {
  category: string;
  type: string;
  country: string;
  billable: number;
  messages: number;
  price_micros: number | null;
}

/**
 * Messages by category and type, and their cost where the table prices them: the country's own
 * price, else `*`. Only billable messages cost; billable ones without a price are listed apart
 * (so a half-filled table never shows a total that looks complete).
 */
export function costOf(rows: readonly PricedRow[], currency: string | null): CostDto {
  const lines = new Map<string, CostLineDto & { micros: number; priced: boolean }>();
  const unpriced = new Map<string, UnpricedDto>();
  let totalMicros = 0;
  let anyPriced = false;
  for (const r of rows) {
    if (r.messages <= 0) continue;
    const key = `${r.category}\u0000${r.type}`;
    const line = lines.get(key) ?? {
      category: r.category,
      type: r.type,
      messages: 0,
      billableMessages: 0,
      amount: null,
      micros: 0,
      priced: false,
    };
    line.messages += r.messages;
    if (r.billable) {
      line.billableMessages += r.messages;
      if (r.price_micros !== null) {
        line.micros += r.price_micros * r.messages;
        line.priced = true;
        anyPriced = true;
      } else {
        const u = unpriced.get(`${r.category}\u0000${r.country}`) ?? {
          category: r.category,
          country: r.country,
          messages: 0,
        };
        u.messages += r.messages;
        unpriced.set(`${r.category}\u0000${r.country}`, u);
      }
    }
    lines.set(key, line);
  }
  const out: CostLineDto[] = [...lines.values()]
    .sort((a, b) => b.messages - a.messages || a.category.localeCompare(b.category))
    .map(({ micros, priced, ...line }) => {
      totalMicros += micros;
      return { ...line, amount: priced ? micros / MICROS : null };
    });
  return {
    currency,
    lines: out,
    totalMessages: out.reduce((sum, l) => sum + l.messages, 0),
    billableMessages: out.reduce((sum, l) => sum + l.billableMessages, 0),
    amount: anyPriced ? totalMicros / MICROS : null,
    unpriced: [...unpriced.values()],
  };
}

const PRICE_OF = (alias: string) => `(SELECT pt.price_micros FROM price_table pt
    WHERE pt.category = ${alias}.category AND pt.country IN (${alias}.country, '*')
    ORDER BY pt.country = '*' LIMIT 1) AS price_micros`;

/** What a campaign cost, from its per-campaign counts (kept as statuses arrive). */
export async function campaignCost(m: ReadManager, campaignId: number): Promise<CostDto> {
  const { currency } = await priceTable(m);
  const rows = await select<PricedRow>(
    m,
    `SELECT cp.category, cp.type, cp.country, cp.billable, cp.messages, ${PRICE_OF('cp')}
       FROM campaign_pricing cp WHERE cp.campaign_id = ?`,
    [campaignId],
  );
  return costOf(rows, currency);
}

/** What all messages cost between two quarter-hour buckets (the dashboard's period). */
export async function periodCost(m: ReadManager, fromBucket: number, toBucket: number): Promise<CostDto> {
  const { currency } = await priceTable(m);
  const rows = await select<PricedRow>(
    m,
    `SELECT b.category, b.type, b.country, b.billable, sum(b.messages) AS messages, ${PRICE_OF('b')}
       FROM pricing_buckets b WHERE b.bucket >= ? AND b.bucket < ?
      GROUP BY b.category, b.type, b.country, b.billable`,
    [fromBucket, toBucket],
  );
  return costOf(rows, currency);
}
