import { select } from '../db/sql';
import type { ReadManager } from '../db/read-db';

/**
 * How many contacts there are, for the dashboard and the first steps page, which read it here: this
 * folder owns `contacts` and contact_totals (issue 9).
 */

/** The one row of contact_totals: all contacts, and those opted out by each source. */
export interface ContactTotals {
  total: number;
  opted_out_keyword: number;
  opted_out_manual: number;
  opted_out_whatsapp: number;
  opted_out_other: number;
}

/** The totals triggers keep as contacts are written, read rather than counting contacts. */
export async function contactTotals(m: ReadManager): Promise<ContactTotals> {
  const [row] = await select<ContactTotals>(m, `SELECT * FROM contact_totals WHERE id = 1`);
  return (
    row ?? { total: 0, opted_out_keyword: 0, opted_out_manual: 0, opted_out_whatsapp: 0, opted_out_other: 0 }
  );
}

/** Whether there is any contact at all, without counting them. */
export async function anyContact(m: ReadManager): Promise<boolean> {
  const [row] = await select<{ contacts: number }>(m, `SELECT EXISTS (SELECT 1 FROM contacts) AS contacts`);
  return Boolean(row?.contacts);
}
