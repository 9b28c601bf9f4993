import type { ContactService } from '../contacts/contact-service';
import { upsertContact } from '../contacts/upsert-contact';
import type { ListService } from '../lists/list-service';
import { actorOf, type HandlerMap } from '../dispatcher/handler';

type ContactHandlers = Pick<
  HandlerMap,
  | 'contacts.list'
  | 'contacts.count'
  | 'contacts.get'
  | 'contacts.create'
  | 'contacts.upsert'
  | 'contacts.update'
  | 'contacts.setStatus'
  | 'contacts.setOptOut'
  | 'contacts.merge'
  | 'contacts.tag'
  | 'contacts.delete'
  | 'contacts.tags'
  | 'contacts.attributeKeys'
  | 'contacts.export'
  | 'contacts.importPreview'
  | 'contacts.importCheck'
  | 'contacts.importRun'
>;

/** Thin: the dispatcher has already authenticated, authorized and validated. */
export function contactHandlers(contacts: ContactService, lists: ListService): ContactHandlers {
  return {
    'contacts.list': (input) => contacts.list(input),
    'contacts.count': (input) => contacts.count(input),
    'contacts.get': (input) => contacts.get(input.id),
    'contacts.create': (input, c) => contacts.create(actorOf(c), input),
    'contacts.upsert': (input, c) => upsertContact(contacts, lists, actorOf(c), input),
    'contacts.update': (input, c) => contacts.update(actorOf(c), input),
    'contacts.setStatus': (input, c) => contacts.setStatus(actorOf(c), input.ids, input.status),
    'contacts.setOptOut': (input, c) => contacts.setOptOut(actorOf(c), input.id, input.optedOut, 'manual'),
    'contacts.merge': (input, c) => contacts.merge(actorOf(c), input.keepId, input.mergeId),
    'contacts.tag': (input, c) => contacts.tag(actorOf(c), input.ids, input.tag, input.remove),
    'contacts.delete': (input, c) => contacts.delete(actorOf(c), input.ids),
    'contacts.tags': () => contacts.tags(),
    'contacts.attributeKeys': () => contacts.attributeKeys(),
    'contacts.export': (input) => contacts.export(input),
    'contacts.importPreview': (input) => contacts.importPreview(input),
    'contacts.importCheck': (input) => contacts.importCheck(input),
    'contacts.importRun': (input, c) => contacts.importRun(actorOf(c), input),
  };
}
