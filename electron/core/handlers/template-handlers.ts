import { actorOf, type HandlerMap } from '../dispatcher/handler';
import type { TemplateService } from '../templates/template-service';

type TemplateHandlers = Pick<
  HandlerMap,
  'templates.list' | 'templates.sync' | 'templates.create' | 'templates.delete'
>;

export function templateHandlers(templates: TemplateService): TemplateHandlers {
  return {
    'templates.list': (input) => templates.list(input),
    'templates.sync': () => templates.sync(),
    'templates.create': (input, c) => templates.create(actorOf(c), input),
    'templates.delete': async (input, c) => {
      await templates.delete(actorOf(c), input.id);
      return { ok: true };
    },
  };
}
