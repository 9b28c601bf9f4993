import { actorOf, type HandlerMap } from '../dispatcher/handler';
import type { BusinessProfileService } from '../phone-numbers/business-profile-service';

type BusinessProfileHandlers = Pick<
  HandlerMap,
  'businessProfile.get' | 'businessProfile.update' | 'businessProfile.photo' | 'businessProfile.setPhoto'
>;

export function businessProfileHandlers(profiles: BusinessProfileService): BusinessProfileHandlers {
  return {
    'businessProfile.get': (input) => profiles.get(input.phoneNumberId),
    'businessProfile.update': ({ phoneNumberId, ...changes }, c) =>
      profiles.update(phoneNumberId, changes, actorOf(c)),
    'businessProfile.photo': (input) => profiles.photo(input.phoneNumberId),
    'businessProfile.setPhoto': (input, c) =>
      profiles.setPhoto(
        input.phoneNumberId,
        { data: Buffer.from(input.contentBase64, 'base64'), fileName: input.fileName },
        actorOf(c),
      ),
  };
}
