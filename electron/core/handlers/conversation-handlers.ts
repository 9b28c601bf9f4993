import type { ConversationSender } from '../conversations/conversation-sender';
import type { ConversationService } from '../conversations/conversation-service';
import type { InboxMembers } from '../conversations/inbox-members';
import { actorOf, type HandlerMap } from '../dispatcher/handler';

type ConversationHandlers = Pick<
  HandlerMap,
  | 'conversations.list'
  | 'conversations.counts'
  | 'conversations.get'
  | 'conversations.open'
  | 'conversations.messages'
  | 'conversations.message'
  | 'conversations.send'
  | 'conversations.retryMessage'
  | 'conversations.typing'
  | 'conversations.assign'
  | 'conversations.resolve'
  | 'conversations.reopen'
  | 'conversations.setLabels'
  | 'conversations.labels'
  | 'conversations.notes'
  | 'conversations.addNote'
  | 'conversations.deleteNote'
  | 'conversations.contactCampaigns'
  | 'conversations.assignees'
  | 'conversations.templates'
  | 'conversations.start'
  | 'inbox.preferences'
  | 'inbox.setPreferences'
  | 'media.content'
>;

export function conversationHandlers(
  conversations: ConversationService,
  sender: ConversationSender,
  members: InboxMembers,
): ConversationHandlers {
  return {
    'conversations.list': (input, c) => conversations.list(actorOf(c), input),
    'conversations.counts': (input, c) => conversations.counts(actorOf(c), input),
    'conversations.get': (input, c) => conversations.get(actorOf(c), input.id),
    'conversations.open': (input, c) => conversations.open(actorOf(c), input.id),
    'conversations.messages': (input, c) => conversations.messages(actorOf(c), input),
    'conversations.message': (input, c) => conversations.message(actorOf(c), input.id),
    'conversations.send': (input, c) => sender.send(actorOf(c), input),
    'conversations.retryMessage': (input, c) =>
      sender.retry(actorOf(c), input.messageId, input.confirmDuplicate),
    'conversations.typing': (input, c) => sender.typing(actorOf(c), input.conversationId),
    'conversations.assign': (input, c) => conversations.assign(actorOf(c), input.id, input.userId),
    'conversations.resolve': (input, c) => conversations.resolve(actorOf(c), input.id),
    'conversations.reopen': (input, c) => conversations.reopen(actorOf(c), input.id),
    'conversations.setLabels': (input, c) => conversations.setLabels(actorOf(c), input.id, input.labels),
    'conversations.labels': () => conversations.labels(),
    'conversations.notes': (input, c) => conversations.notes(actorOf(c), input.conversationId),
    'conversations.addNote': (input, c) =>
      conversations.addNote(actorOf(c), input.conversationId, input.text),
    'conversations.deleteNote': async (input, c) => {
      await conversations.deleteNote(actorOf(c), input.id);
      return { ok: true };
    },
    'conversations.contactCampaigns': (input, c) =>
      conversations.contactCampaigns(actorOf(c), input.conversationId),
    'conversations.assignees': () => members.assignable(),
    'conversations.templates': () => sender.templates(),
    'conversations.start': (input, c) => sender.start(actorOf(c), input),
    'inbox.preferences': (_input, c) => conversations.preferences(actorOf(c)),
    'inbox.setPreferences': (input, c) => conversations.setPreferences(actorOf(c), input),
    'media.content': (input, c) => conversations.mediaContent(actorOf(c), input),
  };
}
