import { Router } from 'express';
import { z } from 'zod';
import type { SandboxContext } from '../context';
import { graphErrors, sendGraphError, type GraphErrorSpec } from '../graph-errors';
import { newIds } from '../random';
import { SANDBOX_APP } from '../subscription';

const subscribeSchema = z.looseObject({
  override_callback_uri: z.url({ protocol: /^https?$/ }).optional(),
  verify_token: z.string().min(1).optional(),
});

/** How long Meta waits for the verification GET to be answered. */
const VERIFY_TIMEOUT_MS = 10_000;

/**
 * `/{waba-id}/subscribed_apps` (reference §10). A POST with `override_callback_uri` first sends the
 * verification GET (`hub.mode=subscribe`, `hub.challenge`, `hub.verify_token`) to that URL, as Meta
 * does, and takes the URL only when it answers 200 with the challenge; later webhooks go there.
 */
export function subscriptionRoutes(ctx: SandboxContext): Router {
  const router = Router();
  const isBusiness = (node: string) => node === ctx.state.business.id;

  router.get('/:node/subscribed_apps', (req, res) => {
    if (!isBusiness(req.params.node))
      return sendGraphError(res, graphErrors.unknownObject('GET', req.params.node));
    const { subscribed, overrideCallbackUri } = ctx.subscription;
    const app = {
      whatsapp_business_api_data: {
        id: SANDBOX_APP.id,
        link: `https://www.facebook.com/games/?app_id=${SANDBOX_APP.id}`,
        name: SANDBOX_APP.name,
      },
      ...(overrideCallbackUri ? { override_callback_uri: overrideCallbackUri } : {}),
    };
    res.json({ data: subscribed ? [app] : [] });
  });

  router.post('/:node/subscribed_apps', async (req, res) => {
    if (!isBusiness(req.params.node))
      return sendGraphError(res, graphErrors.unknownObject('POST', req.params.node));
    const parsed = subscribeSchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return sendGraphError(
        res,
        graphErrors.invalidParameter(`${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}`),
      );
    }
    const { override_callback_uri: uri, verify_token: verifyToken } = parsed.data;
    if (uri === undefined) {
      ctx.subscription.subscribed = true;
      ctx.subscription.overrideCallbackUri = null;
      return res.json({ success: true });
    }
    if (!verifyToken) {
      return sendGraphError(
        res,
        graphErrors.invalidParameter('verify_token is required with override_callback_uri'),
      );
    }
    const refused = await verifyCallback(ctx, uri, verifyToken);
    if (refused) return sendGraphError(res, refused);
    ctx.subscription.subscribed = true;
    ctx.subscription.overrideCallbackUri = uri;
    ctx.logger.info(`webhooks of ${req.params.node} now go to the verified callback override`);
    res.json({ success: true });
  });

  router.delete('/:node/subscribed_apps', (req, res) => {
    if (!isBusiness(req.params.node))
      return sendGraphError(res, graphErrors.unknownObject('DELETE', req.params.node));
    ctx.subscription.subscribed = false;
    ctx.subscription.overrideCallbackUri = null;
    res.json({ success: true });
  });
  return router;
}

/** Meta's verification GET; null when the URL answered 200 with the challenge, else the error to send. */
async function verifyCallback(
  ctx: SandboxContext,
  uri: string,
  verifyToken: string,
): Promise<GraphErrorSpec | null> {
  const challenge = newIds.numeric().slice(0, 10);
  const url = new URL(uri);
  url.searchParams.set('hub.mode', 'subscribe');
  url.searchParams.set('hub.challenge', challenge);
  url.searchParams.set('hub.verify_token', verifyToken);
  let status: number | null = null;
  let problem: string | null = null;
  try {
    const response = await fetch(url, {
      headers: { 'user-agent': 'facebookplatform/1.0 (+http://developers.facebook.com)' },
      signal: AbortSignal.any([AbortSignal.timeout(VERIFY_TIMEOUT_MS), ctx.scheduler.signal]),
      // Meta does not follow a redirect: the callback URL itself must answer.
      redirect: 'manual',
    });
    status = response.status;
    const body = (await response.text()).trim();
    if (status !== 200) problem = `HTTP Status Code = ${status}; HTTP Message = ${response.statusText}`;
    else if (body !== challenge)
      problem = 'The URL answered 200 but not with the challenge (hub.challenge) it was sent';
  } catch (error) {
    problem = `Couldn't connect to server (${error instanceof Error ? error.message : String(error)})`;
  }
  ctx.subscription.recordVerification({
    url: uri,
    at: ctx.clock.now(),
    status,
    ok: problem === null,
    error: problem,
  });
  if (problem === null) return null;
  return {
    code: 2200,
    title: `Callback verification failed with the following errors: ${problem}`,
    details: problem,
  };
}
