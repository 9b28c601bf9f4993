import { actorOf, type HandlerMap } from '../dispatcher/handler';
import type { TokenService } from '../tokens/token-service';

type TokenHandlers = Pick<HandlerMap, 'tokens.list' | 'tokens.create' | 'tokens.revoke'>;

export function tokenHandlers(tokens: TokenService): TokenHandlers {
  return {
    'tokens.list': (_input, c) => tokens.list(actorOf(c)),
    'tokens.create': (input, c) =>
      tokens.create(actorOf(c), input.name, input.permissions, input.expiresAt ?? null),
    'tokens.revoke': (input, c) => tokens.revoke(actorOf(c), input.id),
  };
}
