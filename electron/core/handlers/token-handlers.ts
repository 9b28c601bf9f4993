import { actorOf, type HandlerMap } from '../dispatcher/handler';
import type { TokenService } from '../tokens/token-service';

type TokenHandlers = Pick<HandlerMap, 'tokens.list' | 'tokens.create' | 'tokens.revoke'>;

export function tokenHandlers(tokens: TokenService): TokenHandlers {
  return {
    'tokens.list': () => tokens.list(),
    'tokens.create': (input, c) => tokens.create(actorOf(c), input.name, input.permissions),
    'tokens.revoke': (input, c) => tokens.revoke(actorOf(c), input.id),
  };
}
