import { CampaignEntity } from '../db/entities/campaign';
import { select, type Fragment } from '../db/sql';
import type { ReadManager } from '../db/read-db';

/**
 * Whether campaigns exist, for other domains: pricing (a campaign's cost, its counts kept only while
 * it exists) and the first steps page. This folder owns `campaigns` (issue 9).
 */

export function campaignExists(m: ReadManager, id: number): Promise<boolean> {
  return m.getRepository(CampaignEntity).existsBy({ id });
}

/** The same as a condition inside the caller's statement, so a guarded write stays one statement. */
export function campaignExistsCondition(id: number): Fragment {
  return { sql: 'EXISTS (SELECT 1 FROM campaigns WHERE id = ?)', params: [id] };
}

/** Whether any campaign ran to its end. */
export async function anyCampaignFinished(m: ReadManager): Promise<boolean> {
  const [row] = await select<{ finished: number }>(
    m,
    `SELECT EXISTS (SELECT 1 FROM campaigns WHERE status = 'finished') AS finished`,
  );
  return Boolean(row?.finished);
}
