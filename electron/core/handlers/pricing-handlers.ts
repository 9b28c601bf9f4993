import { AppError } from '@shared/errors';
import { campaignExists } from '../campaigns/campaign-exists';
import type { CoreContext } from '../core-context';
import { actorOf, type HandlerMap } from '../dispatcher/handler';
import { campaignCost, priceTable, setPriceTable } from '../pricing/cost';

type PricingHandlers = Pick<HandlerMap, 'pricing.table' | 'pricing.setTable' | 'campaigns.cost'>;

/** The price table the shop fills in, and what a campaign cost by it. */
export function pricingHandlers(ctx: CoreContext): PricingHandlers {
  return {
    'pricing.table': () => priceTable(ctx.db.manager),
    'pricing.setTable': async (input, c) => {
      const actor = actorOf(c);
      await ctx.tx.run(async (m) => {
        await setPriceTable(m, input, actor.user.id, ctx.clock.now());
        await ctx.audit.record(m, {
          actorUserId: actor.user.id,
          action: 'pricing.set_table',
          targetType: 'price_table',
          targetId: null,
          details: { currency: input.currency, prices: input.prices.length },
        });
      });
      return priceTable(ctx.db.manager);
    },
    'campaigns.cost': async (input) => {
      if (!(await campaignExists(ctx.db, input.id))) throw new AppError('NOT_FOUND', 'No such campaign');
      return { campaignId: input.id, ...(await campaignCost(ctx.db.manager, input.id)) };
    },
  };
}
