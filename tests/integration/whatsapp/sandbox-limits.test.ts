import { afterEach, describe, expect, it } from 'vitest';
import type { SandboxOptions } from '../../../electron/core/whatsapp/sandbox';
import { apiError, startSandboxWithClient, type SandboxWithClient } from './helpers/sandbox-fixture';

/**
 * The figure of merit: limits hold within 5% of what is set. Each test saturates the sandbox from
 * several concurrent senders for about two seconds and counts what it accepted, by the sandbox's own
 * acceptance times.
 */
describe('sandbox limits', () => {
  let env: SandboxWithClient | undefined;
  afterEach(async () => {
    await env?.sandbox.close();
    env = undefined;
  });

  async function start(options: SandboxOptions): Promise<SandboxWithClient> {
    env = await startSandboxWithClient({ callbackUrl: null, ...options });
    return env;
  }

  /** Sends text as fast as `workers` loops can until `durationMs` is over; returns the answer codes. */
  async function saturate(
    { sandbox, phoneNumberId }: SandboxWithClient,
    recipients: (i: number) => string,
    durationMs: number,
    workers = 12,
  ): Promise<Map<number, number>> {
    const codes = new Map<number, number>();
    const url = `${sandbox.url}/v23.0/${phoneNumberId}/messages`;
    const headers = {
      authorization: `Bearer ${sandbox.info.accessToken}`,
      'content-type': 'application/json',
    };
    const deadline = Date.now() + durationMs;
    let sent = 0;
    const worker = async () => {
      while (Date.now() < deadline) {
        const body = JSON.stringify({
          messaging_product: 'whatsapp',
          to: recipients(sent++),
          type: 'text',
          text: { body: 'x' },
        });
        const response = await fetch(url, { method: 'POST', headers, body });
        const answer = (await response.json()) as { error?: { code: number } };
        const code = answer.error?.code ?? 200;
        codes.set(code, (codes.get(code) ?? 0) + 1);
      }
    };
    await Promise.all(Array.from({ length: workers }, worker));
    return codes;
  }

  /** How many sends the sandbox accepted in [first + fromMs, first + toMs). */
  function acceptedBetween({ sandbox }: SandboxWithClient, fromMs: number, toMs: number): number {
    const times = sandbox.messages().map((m) => m.acceptedAt);
    const first = Math.min(...times);
    return times.filter((t) => t >= first + fromMs && t < first + toMs).length;
  }

  it('holds throughput to the number’s messages per second within 5% (130429 beyond it)', async () => {
    const mps = 100;
    const started = await start({
      limits: { throughput: true, pairRate: false, dailyUniqueRecipients: false },
    });
    started.sandbox.setPhoneNumber(started.phoneNumberId, { throughputMps: mps });
    const codes = await saturate(started, () => '+15551234001', 2300);
    expect(codes.get(130429) ?? 0).toBeGreaterThan(mps);
    const accepted = acceptedBetween(started, 0, 2000);
    expect(Math.abs(accepted / 2 - mps) / mps).toBeLessThanOrEqual(0.05);
  });

  it('holds the pair rate to one message per interval after the burst, within 5%', async () => {
    const intervalMs = 50;
    const started = await start({
      limits: { throughput: false, pairRate: { burst: 5, intervalMs }, dailyUniqueRecipients: false },
    });
    const codes = await saturate(started, () => '+15551234001', 2600, 4);
    expect(codes.get(131056) ?? 0).toBeGreaterThan(0);
    // The burst comes first; then the steady rate, 20 a second, over two seconds.
    expect(acceptedBetween(started, 0, 10)).toBe(5);
    const steady = acceptedBetween(started, 500, 2500);
    expect(Math.abs(steady - 2000 / intervalMs) / (2000 / intervalMs)).toBeLessThanOrEqual(0.05);
  });

  it('caps unique customers reached outside the window per 24 h, exactly', async () => {
    const started = await start({ limits: { throughput: false, pairRate: false, dailyUniqueRecipients: 3 } });
    const hello = (to: string) =>
      started.client.messages.sendTemplate(started.phoneNumberId, to, {
        name: 'hello_world',
        language: { code: 'en_US' },
      });
    for (const to of ['+15551230001', '+15551230002', '+15551230003']) await hello(to);
    const error = await apiError(hello('+15551230004'));
    expect(error).toMatchObject({ code: 131048, httpStatus: 400 });
    expect(error.details).toContain('3 unique customers');
    // Someone already reached today, or a customer inside their window, costs nothing more.
    await hello('+15551230001');
    await hello('+15551234001');
    await started.client.messages.sendText(started.phoneNumberId, '+15551234001', 'free-form in window');
    started.sandbox.advanceClock(24 * 60 * 60_000);
    await hello('+15551230004');
  });

  it('takes the daily cap from the portfolio tier by default', async () => {
    const started = await start({
      messagingLimitTier: 'TIER_50',
      limits: { throughput: false, pairRate: false },
    });
    const numbers = Array.from({ length: 51 }, (_, i) => `+1555777${5000 + i}`);
    const outcomes = await Promise.allSettled(
      numbers.map((to) =>
        started.client.messages.sendTemplate(started.phoneNumberId, to, {
          name: 'hello_world',
          language: { code: 'en_US' },
        }),
      ),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(50);
    expect((await started.client.phoneNumbers.get(started.phoneNumberId)).dailyUniqueRecipientLimit).toBe(50);
  });

  it('switches every limit off with `limits: false`, for benchmarks', async () => {
    const started = await start({ limits: false });
    started.sandbox.setPhoneNumber(started.phoneNumberId, { throughputMps: 1 });
    const codes = await saturate(started, () => '+15551234001', 300, 8);
    expect([...codes.keys()]).toEqual([200]);
    expect(codes.get(200)).toBeGreaterThan(20);
  });
});
