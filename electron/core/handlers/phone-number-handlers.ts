import type { Core } from '../create-core';
import { PhoneNumberEntity } from '../db/entities/messaging';
import type { HandlerMap } from '../dispatcher/handler';
import { syncPhoneNumbers } from '../messaging/phone-numbers';

export function phoneNumberHandlers(core: () => Core): Pick<HandlerMap, 'phoneNumbers.list'> {
  return {
    'phoneNumbers.list': async () => {
      const { ctx, whatsapp } = core();
      let rows = await ctx.db.getRepository(PhoneNumberEntity).find({ order: { id: 'ASC' } });
      // A new install may not have read its numbers yet.
      if (rows.length === 0 && whatsapp) rows = await syncPhoneNumbers(ctx, whatsapp);
      return rows.map((n) => ({
        id: n.id,
        displayPhoneNumber: n.displayPhoneNumber,
        verifiedName: n.verifiedName,
        qualityRating: n.qualityRating,
        messagingLimitTier: n.messagingLimitTier,
        throughputMps: n.throughputMps,
      }));
    },
  };
}
