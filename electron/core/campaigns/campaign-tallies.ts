import { select, sqlDate } from '../db/sql';
import type { ReadManager } from '../db/read-db';

/**
 * The campaigns the dashboard shows, each with the counters its message rows keep up to date
 * (campaign_tallies, migration 0021): this folder owns both tables (issue 9). A campaign without
 * counters yet has NULL in them.
 */
export interface TalliedCampaignRow {
  id: number;
  name: string;
  status: string;
  phone_number_id: string;
  scheduled_at: string | null;
  started_at: string | null;
  finished_at: string | null;
  queued: number | null;
  sending: number | null;
  unconfirmed: number | null;
  sent: number | null;
  delivered: number | null;
  read: number | null;
  failed: number | null;
  replied: number | null;
}

/** Running, scheduled and paused campaigns, and those that finished at or after `finishedSince`. */
export function currentCampaignTallies(m: ReadManager, finishedSince: Date): Promise<TalliedCampaignRow[]> {
  return select<TalliedCampaignRow>(
    m,
    `SELECT c.id, c.name, c.status, c.phone_number_id, c.scheduled_at, c.started_at, c.finished_at,
            t.queued, t.sending, t.unconfirmed, t.sent, t.delivered, t.read, t.failed, t.replied
       FROM campaigns c LEFT JOIN campaign_tallies t ON t.campaign_id = c.id
      WHERE c.status IN ('running', 'scheduled', 'paused')
         OR (c.finished_at IS NOT NULL AND c.finished_at >= ?)`,
    [sqlDate(finishedSince)],
  );
}
