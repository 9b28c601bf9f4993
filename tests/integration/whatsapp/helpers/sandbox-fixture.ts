import { WhatsAppClient } from '../../../../electron/core/whatsapp/client';
import { WhatsAppApiError } from '../../../../electron/core/whatsapp/errors';
import {
  startSandbox,
  type RunningSandbox,
  type SandboxOptions,
} from '../../../../electron/core/whatsapp/sandbox';

/** Statuses at once, every message delivered and read, no faults: fast and predictable. */
export const FAST: SandboxOptions = {
  seed: 7,
  statuses: {
    sentDelayMs: 0,
    deliveredDelayMs: 5,
    readDelayMs: 10,
    deliveredProbability: 1,
    readProbability: 1,
  },
  templateReviewDelayMs: 20,
  webhookRetry: { initialDelayMs: 10, backoffFactor: 2, timeoutMs: 1000, maxAttempts: 4 },
};

export interface SandboxWithClient {
  sandbox: RunningSandbox;
  client: WhatsAppClient;
  /** First demo number. */
  phoneNumberId: string;
  wabaId: string;
}

export async function startSandboxWithClient(
  options: SandboxOptions = {},
  client: { timeoutMs?: number } = {},
): Promise<SandboxWithClient> {
  const sandbox = await startSandbox({ ...FAST, ...options });
  const info = sandbox.info;
  return {
    sandbox,
    client: new WhatsAppClient({
      baseUrl: sandbox.url,
      apiVersion: info.apiVersion,
      getAccessToken: async () => info.accessToken,
      timeoutMs: client.timeoutMs ?? 5000,
    }),
    phoneNumberId: info.phoneNumbers[0]?.id ?? '',
    wabaId: info.businessAccountId,
  };
}

/** Demo customers: one who wrote 10 minutes ago, one 30 hours ago, one never. */
export const CUSTOMERS = {
  inWindow: '+15551234001',
  windowClosed: '+15551234002',
  neverWrote: '+15551234003',
  notOnWhatsApp: '+15551230000',
};

/** The WhatsAppApiError a promise rejects with (fails the test if it resolves or throws another thing). */
export async function apiError(promise: Promise<unknown>): Promise<WhatsAppApiError> {
  const outcome = await promise.then(
    () => new Error('expected the call to fail, but it succeeded'),
    (error: unknown) => error,
  );
  if (!(outcome instanceof WhatsAppApiError)) throw outcome;
  return outcome;
}
