import type { Core } from '../create-core';
import { actorOf, type HandlerMap } from '../dispatcher/handler';
import { isRegistered, syncPhoneNumbers, toPhoneNumberDto } from '../messaging/phone-numbers';
import { allPhoneNumbers } from '../phone-numbers/phone-number-rows';
import type { PhoneNumberService } from '../phone-numbers/phone-number-service';

type PhoneNumberHandlers = Pick<
  HandlerMap,
  | 'phoneNumbers.list'
  | 'phoneNumbers.account'
  | 'phoneNumbers.sync'
  | 'phoneNumbers.requestCode'
  | 'phoneNumbers.verifyCode'
  | 'phoneNumbers.register'
  | 'phoneNumbers.setPin'
>;

export function phoneNumberHandlers(core: () => Core, numbers: PhoneNumberService): PhoneNumberHandlers {
  return {
    'phoneNumbers.list': async () => {
      const { ctx, whatsapp } = core();
      let rows = await allPhoneNumbers(ctx.db);
      // A new install may not have read its numbers yet.
      if (rows.length === 0 && whatsapp) rows = await syncPhoneNumbers(ctx, whatsapp);
      // Only numbers that can send: one still to register is offered on the Phone numbers screen.
      return rows.filter(isRegistered).map(toPhoneNumberDto);
    },
    'phoneNumbers.account': () => numbers.account(),
    'phoneNumbers.sync': (_input, c) => numbers.sync(actorOf(c)),
    'phoneNumbers.requestCode': (input, c) =>
      numbers.requestCode(input.phoneNumberId, input.method, input.language, actorOf(c)),
    'phoneNumbers.verifyCode': (input, c) => numbers.verifyCode(input.phoneNumberId, input.code, actorOf(c)),
    'phoneNumbers.register': (input, c) => numbers.register(input.phoneNumberId, input.pin, actorOf(c)),
    'phoneNumbers.setPin': (input, c) => numbers.setPin(input.phoneNumberId, input.pin, actorOf(c)),
  };
}
