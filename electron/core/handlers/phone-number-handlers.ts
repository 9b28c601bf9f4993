import type { Core } from '../create-core';
import { PhoneNumberEntity } from '../db/entities/messaging';
import type { HandlerMap } from '../dispatcher/handler';
import { syncPhoneNumbers, toPhoneNumberDto } from '../messaging/phone-numbers';

export function phoneNumberHandlers(core: () => Core): Pick<HandlerMap, 'phoneNumbers.list'> {
  return {
    'phoneNumbers.list': async () => {
      const { ctx, whatsapp } = core();
      let rows = await ctx.db.getRepository(PhoneNumberEntity).find({ order: { id: 'ASC' } });
      // A new install may not have read its numbers yet.
      if (rows.length === 0 && whatsapp) rows = await syncPhoneNumbers(ctx, whatsapp);
      return rows.map(toPhoneNumberDto);
    },
  };
}
