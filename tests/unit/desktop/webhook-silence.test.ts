import { describe, expect, it } from 'vitest';
import { REPORT_LAG_MS, WebhookSilenceWatch } from '../../../electron/core/desktop/webhook-silence';

const MIN = 60_000;

describe('WebhookSilenceWatch: "webhooks stopped arriving"', () => {
  it('says nothing while no message is sent, however long no webhook comes', () => {
    const watch = new WebhookSilenceWatch(30 * MIN);
    watch.webhookReceived(0);
    expect(watch.check(10 * 60 * MIN)).toBeNull();
    expect(watch.silent(10 * 60 * MIN)).toBe(false);
  });

  it('says it once when messages were accepted and no webhook came for the threshold', () => {
    const watch = new WebhookSilenceWatch(30 * MIN);
    watch.webhookReceived(0);
    watch.sendsAccepted(10 * MIN);
    watch.sendsAccepted(11 * MIN);
    expect(watch.check(39 * MIN)).toBeNull();
    expect(watch.check(40 * MIN)).toEqual({ minutes: 30 });
    expect(watch.silent(41 * MIN)).toBe(true);
    expect(watch.check(90 * MIN)).toBeNull();
  });

  it('ends the silence when a webhook arrives, and can say it again for a new one', () => {
    const watch = new WebhookSilenceWatch(30 * MIN);
    watch.sendsAccepted(0);
    expect(watch.check(31 * MIN)).toEqual({ minutes: 31 });
    watch.webhookReceived(32 * MIN);
    expect(watch.silent(33 * MIN)).toBe(false);
    watch.sendsAccepted(100 * MIN);
    expect(watch.check(131 * MIN)).toEqual({ minutes: 31 });
  });

  it('counts a webhook stored just before the send was reported as its answer', () => {
    const watch = new WebhookSilenceWatch(30 * MIN);
    // The runner reports progress after the sandbox's status webhook was already stored.
    watch.sendsAccepted(10 * MIN);
    watch.webhookReceived(10 * MIN - REPORT_LAG_MS / 2);
    expect(watch.check(60 * MIN)).toBeNull();
    // And a send reported right after a webhook needs no answer of its own to stay quiet.
    const after = new WebhookSilenceWatch(30 * MIN);
    after.webhookReceived(10 * MIN);
    after.sendsAccepted(10 * MIN + REPORT_LAG_MS / 2);
    expect(after.check(60 * MIN)).toBeNull();
  });

  it('ignores an older webhook time read after a newer one', () => {
    const watch = new WebhookSilenceWatch(30 * MIN);
    watch.webhookReceived(50 * MIN);
    watch.sendsAccepted(60 * MIN);
    watch.webhookReceived(5 * MIN);
    expect(watch.check(95 * MIN)).toEqual({ minutes: 35 });
  });
});
