import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Logger } from '../../../electron/core/util/logger';
import { WhatsAppClient } from '../../../electron/core/whatsapp/client';
import { startSandbox, type RunningSandbox } from '../../../electron/core/whatsapp/sandbox';
import { apiError, CUSTOMERS, FAST } from './helpers/sandbox-fixture';

/** The access token must never appear in a log line or an error, whatever goes wrong. */
describe('client: the access token stays secret', () => {
  let sandbox: RunningSandbox;
  const lines: string[] = [];
  const logger: Logger = {
    info: (m) => lines.push(m),
    warn: (m) => lines.push(m),
    error: (m, e) => lines.push(`${m} ${e instanceof Error ? e.stack : String(e)}`),
  };

  beforeAll(async () => {
    sandbox = await startSandbox({ ...FAST, callbackUrl: null, limits: false });
  });
  afterAll(() => sandbox.close());

  const clientWith = (token: string, baseUrl = sandbox.url, timeoutMs = 2000) =>
    new WhatsAppClient({
      baseUrl,
      apiVersion: 'v23.0',
      getAccessToken: async () => token,
      logger,
      timeoutMs,
    });

  /** Everything an error could leak through: message, stack, fields, cause. */
  const leaks = (error: unknown, token: string) => {
    const e = error as Error & { toJSON(): unknown };
    const text = [
      e.message,
      e.stack,
      JSON.stringify(e.toJSON()),
      String(e.cause),
      (e.cause as Error | undefined)?.stack,
    ].join('\n');
    return text.includes(token);
  };

  it('logs each request by method, path and status only', async () => {
    const { accessToken, phoneNumbers, businessAccountId } = sandbox.info;
    const client = clientWith(accessToken);
    await client.messages.sendText(phoneNumbers[0]?.id ?? '', CUSTOMERS.inWindow, 'hi');
    await client.templates.list(businessAccountId, { pageSize: 2 });
    expect(lines.some((l) => l.includes(`POST /v23.0/${phoneNumbers[0]?.id}/messages → 200`))).toBe(true);
    expect(lines.filter((l) => l.includes('message_templates'))).toHaveLength(4);
    expect(lines.join('\n')).not.toContain(accessToken);
  });

  it('keeps a rejected token out of the error and the log', async () => {
    const wrong = 'EAAwrong-token-that-must-not-leak-123456';
    const error = await apiError(clientWith(wrong).phoneNumbers.list(sandbox.info.businessAccountId));
    expect(error).toMatchObject({ code: 190, errorClass: 'pause' });
    expect(leaks(error, wrong)).toBe(false);
    expect(lines.join('\n')).not.toContain(wrong);
  });

  it('keeps the token out of network errors and timeouts', async () => {
    const { accessToken } = sandbox.info;
    const refused = await apiError(clientWith(accessToken, 'http://127.0.0.1:9').media.get('1'));
    expect(refused.failure).toBe('network');
    sandbox.configure({ faults: { hang: 1 } });
    try {
      const timedOut = await apiError(clientWith(accessToken, sandbox.url, 100).media.get('1'));
      expect(timedOut.failure).toBe('timeout');
      expect(leaks(timedOut, accessToken)).toBe(false);
    } finally {
      sandbox.configure({ faults: { hang: 0 } });
    }
    expect(leaks(refused, accessToken)).toBe(false);
    expect(lines.join('\n')).not.toContain(accessToken);
  });
});
