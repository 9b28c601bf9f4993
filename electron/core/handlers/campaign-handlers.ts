import type { CampaignService } from '../campaigns/campaign-service';
import { actorOf, type HandlerMap } from '../dispatcher/handler';

type CampaignHandlers = Pick<
  HandlerMap,
  | 'campaigns.list'
  | 'campaigns.get'
  | 'campaigns.create'
  | 'campaigns.update'
  | 'campaigns.delete'
  | 'campaigns.duplicate'
  | 'campaigns.testSend'
  | 'campaigns.testSends'
  | 'campaigns.estimate'
  | 'campaigns.schedule'
  | 'campaigns.start'
  | 'campaigns.pause'
  | 'campaigns.resume'
  | 'campaigns.cancel'
  | 'campaigns.resolveUnconfirmed'
>;

export function campaignHandlers(campaigns: CampaignService): CampaignHandlers {
  return {
    'campaigns.list': (input) => campaigns.list(input),
    'campaigns.get': (input) => campaigns.get(input.id),
    'campaigns.create': (input, c) => campaigns.create(actorOf(c), input),
    'campaigns.update': (input, c) => campaigns.update(actorOf(c), input),
    'campaigns.delete': async (input, c) => {
      await campaigns.delete(actorOf(c), input.id);
      return { ok: true };
    },
    'campaigns.duplicate': (input, c) => campaigns.duplicate(actorOf(c), input.id),
    'campaigns.testSend': (input, c) => campaigns.testSend(actorOf(c), input.id, input.to, input.contactId),
    'campaigns.testSends': (input) => campaigns.testSends(input.id),
    'campaigns.estimate': (input) => campaigns.estimate(input.id),
    'campaigns.schedule': (input, c) => campaigns.schedule(actorOf(c), input.id, input.at),
    'campaigns.start': (input, c) => campaigns.start(actorOf(c), input.id),
    'campaigns.pause': (input, c) => campaigns.pause(actorOf(c), input.id),
    'campaigns.resume': (input, c) => campaigns.resume(actorOf(c), input.id),
    'campaigns.cancel': (input, c) => campaigns.cancel(actorOf(c), input.id),
    'campaigns.resolveUnconfirmed': (input, c) =>
      campaigns.resolveUnconfirmed(actorOf(c), input.id, input.action),
  };
}
