import type { CoreContext } from '../core-context';
import { unconfirmAllSending } from '../messaging/campaign-bulk-writes';

/**
 * At start-up, before anything sends: a row still `sending` was marked, and then the app died before
 * Meta's answer was recorded. Meta may or may not have it. Sending it again could reach the customer
 * twice, so it becomes `unconfirmed`, from now: a status webhook (matched by client_ref) settles it,
 * and the person decides about the rest (campaigns.resolveUnconfirmed), sending again only after a
 * quiet period counted from here (see unconfirmed.ts). Returns how many rows.
 */
export async function recoverAfterCrash(ctx: CoreContext): Promise<number> {
  return ctx.tx.run(async (m) => {
    const changed = await unconfirmAllSending(m, ctx.clock.now());
    if (changed) {
      ctx.logger.warn(`${changed} message(s) were being sent when the app stopped: now unconfirmed`);
    }
    return changed;
  });
}
