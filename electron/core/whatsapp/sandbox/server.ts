import express from 'express';
import { randomBytes } from 'node:crypto';
import { listen } from '../../server/listen';
import { silentLogger, type Logger } from '../../util/logger';
import { SandboxClock } from './clock';
import { applyConfigPatch, defaultConfig, sandboxConfigPatchSchema, type SandboxConfigPatch } from './config';
import type { SandboxContext } from './context';
import { controlApi } from './control-api';
import { SandboxController } from './controller';
import { graphErrors, sendGraphError } from './graph-errors';
import { graphErrorHandler, graphHeaders, injectFaults, requireAccessToken } from './middleware';
import { createRandom, newIds } from './random';
import { SandboxLimits } from './rate-limits';
import { accountRoutes, profilePictureRoutes } from './routes/account-routes';
import { mediaDownloadRoutes, mediaUploadRoutes } from './routes/media-routes';
import { messagesRoutes } from './routes/messages-routes';
import { registrationRoutes } from './routes/registration-routes';
import { templatesRoutes } from './routes/templates-routes';
import { subscriptionRoutes } from './routes/subscription-routes';
import { uploadRoutes } from './routes/upload-routes';
import { SandboxSubscription } from './subscription';
import { Scheduler } from './scheduler';
import { SandboxState, type StateSeed } from './state';
import { WebhookSender } from './webhook-sender';

export interface SandboxOptions extends SandboxConfigPatch {
  /** Loopback by default: the sandbox has no real secrets but should not be reachable from outside. */
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** The version clients use in paths; any `vN.M` is served, this one is reported. */
  apiVersion?: string;
  /** Fixed token, e.g. for a CLI run that an app's settings point at; random otherwise. */
  accessToken?: string;
  /** Seed of the dice behind probabilities and fault rates, for repeatable runs. */
  seed?: number;
  /** Overrides for the two demo numbers, in order (quality rating, throughput). */
  phoneNumbers?: StateSeed['phoneNumbers'];
  messagingLimitTier?: string;
  logger?: Logger;
}

export interface RunningSandbox extends Omit<SandboxController, 'info'> {
  /** `http://127.0.0.1:PORT`: the client's `baseUrl`. */
  url: string;
  readonly info: ReturnType<SandboxController['info']>;
  close(): Promise<void>;
}

/** Starts the WhatsApp Cloud API sandbox in this process. */
export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const {
    host = '127.0.0.1',
    port = 0,
    apiVersion = 'v25.0',
    accessToken = newIds.token(),
    seed,
    logger,
    ...rest
  } = options;
  const { phoneNumbers, messagingLimitTier, ...patch } = rest;
  const current = {
    config: applyConfigPatch(defaultConfig(newIds.secret()), sandboxConfigPatchSchema.parse(patch)),
  };
  const log = logger ?? silentLogger;
  const clock = new SandboxClock();
  const scheduler = new Scheduler((error) => log.error('WhatsApp sandbox task failed', error));
  const random = createRandom(seed ?? Date.now());
  const config = () => current.config;
  const subscription = new SandboxSubscription();
  const ctx: SandboxContext = {
    state: new SandboxState({ phoneNumbers, messagingLimitTier }, clock),
    clock,
    config,
    random,
    scheduler,
    subscription,
    webhooks: new WebhookSender(
      config,
      () => subscription.destination(config().callbackUrl),
      scheduler,
      random,
      log,
    ),
    limits: new SandboxLimits(),
    accessToken,
    apiVersion,
    mediaUrlKey: randomBytes(32).toString('hex'),
    logger: log,
  };

  let url = '';
  const controller = new SandboxController(ctx, current, () => url);
  const listening = await listen(createApp(ctx, controller), host, port);
  url = listening.url;
  ctx.logger.info(`WhatsApp sandbox listening on ${listening.url}`);

  // Methods are bound so a test can pass `sandbox.reset` around.
  return {
    url: listening.url,
    get info() {
      return controller.info();
    },
    config: () => controller.config(),
    configure: (p) => controller.configure(p),
    customerSends: (waId, message) => controller.customerSends(waId, message),
    customerCalls: (waId, call) => controller.customerCalls(waId, call),
    sendWebhook: (field, value) => controller.sendWebhook(field, value),
    customerPreference: (waId, p) => controller.customerPreference(waId, p),
    holdMarketing: (waId, p) => controller.holdMarketing(waId, p),
    setIdentity: (key, p) => controller.setIdentity(key, p),
    changeTemplate: (id, p) => controller.changeTemplate(id, p),
    setMessagingLimit: (p) => controller.setMessagingLimit(p),
    callbackVerifications: () => controller.callbackVerifications(),
    messages: (filter) => controller.messages(filter),
    inbound: (filter) => controller.inbound(filter),
    showcase: (waId, phoneNumberId) => controller.showcase(waId, phoneNumberId),
    webhookDeliveries: () => controller.webhookDeliveries(),
    setPhoneNumber: (id, p) => controller.setPhoneNumber(id, p),
    failNextRegistrationStep: (step, code) => controller.failNextRegistrationStep(step, code),
    advanceClock: (ms) => controller.advanceClock(ms),
    reset: () => controller.reset(),
    idle: () => controller.idle(),
    close: async () => {
      scheduler.close();
      await listening.close();
    },
  };
}

function createApp(ctx: SandboxContext, controller: SandboxController): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use((req, res, next) => {
    // The path only: a query string may carry `access_token`.
    const path = req.originalUrl.split('?')[0];
    res.on('finish', () => ctx.logger.info(`${req.method} ${path} → ${res.statusCode}`));
    next();
  });
  app.use('/_sandbox', controlApi(controller));
  app.use(mediaDownloadRoutes(ctx), profilePictureRoutes(ctx));

  const graph = express.Router();
  graph.use(graphHeaders(), injectFaults(ctx), requireAccessToken(ctx));
  graph.use(express.json({ limit: '5mb' }), express.urlencoded({ extended: false }));
  graph.use(
    messagesRoutes(ctx),
    mediaUploadRoutes(ctx),
    templatesRoutes(ctx),
    registrationRoutes(ctx),
    subscriptionRoutes(ctx),
  );
  // Upload sessions (`upload:<id>`) before the bare-node routes of accountRoutes.
  graph.use(uploadRoutes(ctx), accountRoutes(ctx));
  graph.use((req, res) => {
    const node = req.path.split('/').filter(Boolean)[0] ?? '';
    sendGraphError(res, graphErrors.unknownObject(req.method, node));
  });
  graph.use(graphErrorHandler());

  app.use('/:version', (req, res, next) => {
    if (/^v\d+\.\d+$/.test(req.params.version)) {
      res.set('facebook-api-version', ctx.config().answerApiVersion ?? req.params.version);
      return graph(req, res, next);
    }
    sendGraphError(res, { code: 2500, title: 'Unknown path components', details: req.path, httpStatus: 404 });
  });
  return app;
}
