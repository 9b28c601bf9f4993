import type { HandlerMap } from '../dispatcher/handler';
import type { MessageService } from '../messaging/message-service';

type MessageHandlers = Pick<HandlerMap, 'messages.send' | 'messages.get'>;

export function messageHandlers(messages: MessageService): MessageHandlers {
  return {
    'messages.send': (input) => messages.send(input),
    'messages.get': (input) => messages.get(input.id),
  };
}
