import type { CoreContext } from '../core-context';
import { execute } from '../contacts/sql';
import { unconfirmedNotice } from './campaign-runner';

/**
 * At start-up, before anything sends: a row still `sending` was marked, and then the app died before
 * Meta's answer was recorded. Meta may or may not have it. Sending it again could reach the customer
 * twice, so it becomes `unconfirmed`: a status webhook (matched by client_ref) moves it forward, and
 * the person decides about the rest (campaigns.resolveUnconfirmed). Returns how many rows.
 */
export async function recoverAfterCrash(ctx: CoreContext): Promise<number> {
  return ctx.tx.run(async (m) => {
    const changed = await execute(
      m,
      `UPDATE messages SET status = 'unconfirmed' WHERE direction = 'out' AND status = 'sending'`,
    );
    if (changed === 0) return 0;
    // Every unconfirmed row of a campaign, including ones left from an earlier crash.
    const campaigns = (await m.query(
      `SELECT campaign_id AS id, COUNT(*) AS n FROM messages
        WHERE status = 'unconfirmed' AND campaign_id IS NOT NULL AND is_test = 0
        GROUP BY campaign_id`,
    )) as { id: number; n: number }[];
    for (const campaign of campaigns) {
      await execute(m, `UPDATE campaigns SET notice = ? WHERE id = ?`, [
        unconfirmedNotice(Number(campaign.n)),
        campaign.id,
      ]);
    }
    ctx.logger.warn(`${changed} message(s) were being sent when the app stopped: now unconfirmed`);
    return changed;
  });
}
