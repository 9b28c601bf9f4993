import { Router } from 'express';
import type { SandboxContext } from '../context';
import { graphErrors, sendGraphError } from '../graph-errors';
import { sendMessage } from '../send-message';
import { REGISTRATION_ERRORS } from './registration-routes';

/** `POST /{phone-number-id}/messages`: sends and read receipts. */
export function messagesRoutes(ctx: SandboxContext): Router {
  const router = Router();
  router.post('/:node/messages', (req, res) => {
    const number = ctx.state.phoneNumbers.get(req.params.node);
    if (!number) return sendGraphError(res, graphErrors.unknownObject('POST', req.params.node));
    if (!number.registration.registered) {
      return sendGraphError(res, {
        ...REGISTRATION_ERRORS[133010]!,
        details: 'This phone number is not registered on the Cloud API: register it first.',
      });
    }
    const outcome = sendMessage(ctx, number, req.body);
    if ('error' in outcome) return sendGraphError(res, outcome.error);
    res.json(outcome.body);
  });
  return router;
}
