import type { Logger } from '../../util/logger';
import type { SandboxClock } from './clock';
import type { SandboxConfig } from './config';
import type { SandboxLimits } from './rate-limits';
import type { Scheduler } from './scheduler';
import type { SandboxState } from './state';
import type { SandboxSubscription } from './subscription';
import type { WebhookSender } from './webhook-sender';

/** What every part of the sandbox works with; built once by `startSandbox`. */
export interface SandboxContext {
  state: SandboxState;
  clock: SandboxClock;
  /** The live configuration; the control API replaces it, so read it at the moment of use. */
  config(): SandboxConfig;
  random: () => number;
  scheduler: Scheduler;
  /** Whether our app is subscribed to the account's webhooks, and the callback override in force. */
  subscription: SandboxSubscription;
  webhooks: WebhookSender;
  limits: SandboxLimits;
  accessToken: string;
  apiVersion: string;
  /** Signs media download URLs so they can expire like Meta's. */
  mediaUrlKey: string;
  logger: Logger;
}
