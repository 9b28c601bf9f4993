import type { Core } from '../create-core';
import { actorOf, type HandlerMap } from '../dispatcher/handler';
import { isRegistered } from '../messaging/phone-numbers';
import { allPhoneNumbers } from '../phone-numbers/phone-number-rows';
import type { MediaService } from '../media/media-service';

type MediaHandlers = Pick<
  HandlerMap,
  | 'media.libraries'
  | 'media.list'
  | 'media.get'
  | 'media.usage'
  | 'media.uploadFile'
  | 'media.addLink'
  | 'media.add'
  | 'media.rename'
  | 'media.refreshWhatsAppId'
  | 'media.delete'
>;

export function mediaHandlers(media: MediaService, core: () => Core): MediaHandlers {
  const storeFile = async (
    input: { phoneNumberId: string; fileName: string; mimeType: string; contentBase64: string },
    c: Parameters<MediaHandlers['media.uploadFile']>[1],
  ) => {
    const data = Buffer.from(input.contentBase64, 'base64');
    const stored = await media.storeFile(
      { phoneNumberId: input.phoneNumberId, fileName: input.fileName, mimeType: input.mimeType, data },
      actorOf(c),
    );
    return media.uploadIfConnected(stored);
  };
  const storeLink = async (
    input: { phoneNumberId: string; url: string },
    c: Parameters<MediaHandlers['media.addLink']>[1],
  ) => media.uploadIfConnected(await media.storeLink(input, actorOf(c)));

  return {
    'media.libraries': async () => {
      const { ctx, publicUrl, tunnel } = core();
      const numbers = await allPhoneNumbers(ctx.db);
      const counts = await media.countsByNumber();
      const tunnelStatus = tunnel?.status();
      return {
        // A number still to register has no library yet, unless files were kept for it earlier.
        numbers: numbers
          .filter((n) => isRegistered(n) || counts.has(n.id))
          .map((n) => ({
            id: n.id,
            displayPhoneNumber: n.displayPhoneNumber,
            verifiedName: n.verifiedName,
            files: counts.get(n.id) ?? 0,
          })),
        publicBaseUrl: tunnelStatus?.state === 'up' ? tunnelStatus.url : null,
        localBaseUrl: publicUrl,
      };
    },
    'media.list': (input) => media.list(input.phoneNumberId, { search: input.search, kind: input.kind }),
    'media.get': (input) => media.get(input.id),
    'media.usage': (input) => media.usage(input.id),
    'media.uploadFile': storeFile,
    'media.addLink': storeLink,
    'media.add': (input, c) => ('url' in input ? storeLink(input, c) : storeFile(input, c)),
    'media.rename': (input, c) => media.rename(input.id, input.fileName, actorOf(c)),
    'media.refreshWhatsAppId': (input) => media.refreshWhatsAppId(input.id),
    'media.delete': async (input, c) => {
      const { releasedCampaignIds } = await media.delete(input.id, { confirm: input.confirm }, actorOf(c));
      return { ok: true, releasedCampaignIds };
    },
  };
}
