import { actorOf, type HandlerMap } from '../dispatcher/handler';
import type { MediaService } from '../media/media-service';

type MediaHandlers = Pick<HandlerMap, 'media.list' | 'media.uploadFile' | 'media.addLink' | 'media.delete'>;

export function mediaHandlers(media: MediaService): MediaHandlers {
  return {
    'media.list': (input) => media.list(input.phoneNumberId),
    'media.uploadFile': async (input, c) => {
      const data = Buffer.from(input.contentBase64, 'base64');
      const stored = await media.storeFile(
        { phoneNumberId: input.phoneNumberId, fileName: input.fileName, mimeType: input.mimeType, data },
        actorOf(c),
      );
      return media.uploadIfConnected(stored);
    },
    'media.addLink': async (input, c) => media.uploadIfConnected(await media.storeLink(input, actorOf(c))),
    'media.delete': async (input, c) => {
      await media.delete(input.id, actorOf(c));
      return { ok: true };
    },
  };
}
