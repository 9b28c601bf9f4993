import { actorOf, type HandlerMap } from '../dispatcher/handler';
import type { ListService } from '../lists/list-service';

type ListHandlers = Pick<
  HandlerMap,
  | 'lists.list'
  | 'lists.get'
  | 'lists.create'
  | 'lists.update'
  | 'lists.delete'
  | 'lists.members'
  | 'lists.addContacts'
  | 'lists.removeContacts'
  | 'lists.setSubscription'
>;

export function listHandlers(lists: ListService): ListHandlers {
  return {
    'lists.list': () => lists.list(),
    'lists.get': (input) => lists.get(input.id),
    'lists.create': (input, c) => lists.create(actorOf(c), input),
    'lists.update': (input, c) => lists.update(actorOf(c), input),
    'lists.delete': async (input, c) => {
      await lists.delete(actorOf(c), input.id);
      return { ok: true };
    },
    'lists.members': (input) => lists.members(input),
    'lists.addContacts': (input, c) => lists.addContacts(actorOf(c), input.listId, input.contactIds),
    'lists.removeContacts': (input, c) => lists.removeContacts(actorOf(c), input.listId, input.contactIds),
    'lists.setSubscription': (input, c) =>
      lists.setSubscription(actorOf(c), input.listId, input.contactIds, input.subscribed),
  };
}
