import type { AutoReplyService } from '../replies/auto-replies';
import { assertFeatureOn } from '../replies/feature';
import type { QuickReplyService } from '../replies/quick-replies';
import type { CoreContext } from '../core-context';
import { actorOf, type HandlerMap } from '../dispatcher/handler';

type ReplyHandlers = Pick<
  HandlerMap,
  | 'quickReplies.list'
  | 'quickReplies.create'
  | 'quickReplies.update'
  | 'quickReplies.delete'
  | 'autoReplies.list'
  | 'autoReplies.create'
  | 'autoReplies.update'
  | 'autoReplies.delete'
  | 'autoReplies.settings'
  | 'autoReplies.setSettings'
>;

export function replyHandlers(
  ctx: CoreContext,
  quick: QuickReplyService,
  auto: AutoReplyService,
): ReplyHandlers {
  return {
    'quickReplies.list': (input) => quick.list(input.search),
    'quickReplies.create': (input, c) => quick.create(actorOf(c), input),
    'quickReplies.update': (input, c) => quick.update(actorOf(c), input),
    'quickReplies.delete': async (input, c) => {
      await quick.delete(actorOf(c), input.id);
      return { ok: true };
    },
    'autoReplies.list': () => auto.list(),
    'autoReplies.create': (input, c) => auto.create(actorOf(c), input),
    'autoReplies.update': (input, c) => auto.update(actorOf(c), input),
    'autoReplies.delete': async (input, c) => {
      await auto.delete(actorOf(c), input.id);
      return { ok: true };
    },
    'autoReplies.settings': async () => {
      assertFeatureOn(ctx);
      return auto.settings();
    },
    'autoReplies.setSettings': async (input, c) => {
      assertFeatureOn(ctx);
      return auto.setSettings(actorOf(c), input);
    },
  };
}
