import { defineRule } from './notice';

/** Messages go out but nothing comes back: see desktop/webhook-silence.ts for when this is said. */
export const webhooksStopped = defineRule({
  kind: 'webhooks.silent',
  on: 'webhooks.silent',
  notice: (silence) => ({
    title: 'Webhooks stopped arriving',
    body:
      `WhatsApp accepted messages ${silence.minutes} minutes ago and has sent no status or reply since. ` +
      'Delivery figures and replies will not appear until webhooks reach this computer again: check the ' +
      'tunnel and the callback URL in Settings.',
    route: '/settings',
    tag: 'webhooks-silent',
  }),
});
