/**
 * The sandbox in its own process for `bench/campaign.ts --sandbox=process` (the realistic set-up: Meta
 * is another machine, so the app's CPU and memory should not include the server it sends to). Starts
 * the sandbox with the bench's settings, prints its info as one JSON line, runs until killed.
 */
import { startSandbox } from '../electron/core/whatsapp/sandbox';

const sandbox = await startSandbox({
  limits: false,
  messagingLimitTier: 'TIER_UNLIMITED',
  callbackUrl: null,
  customerReplies: { probability: 0 },
  statuses: { sentDelayMs: 1, deliveredProbability: 0, readProbability: 0 },
});
process.stdout.write(`${JSON.stringify({ url: sandbox.url, info: sandbox.info })}\n`);
