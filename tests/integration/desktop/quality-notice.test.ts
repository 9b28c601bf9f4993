import { afterEach, expect, it } from 'vitest';
import { UserEntity } from '../../../electron/core/db/entities/user';
import {
  DISPLAY_PHONE_NUMBER,
  envelope,
  startWebhookHarness,
  type WebhookHarness,
} from '../webhooks/webhook-harness';
import { startDesktop, type DesktopUnderTest } from './desktop-harness';

let h: WebhookHarness | null = null;
let desktop: DesktopUnderTest | null = null;
afterEach(async () => {
  desktop?.monitor.stop();
  await h?.close();
  h = null;
});

/** Meta's phone_number_quality_update, signed and posted to /webhook, then applied. */
async function qualityUpdate(harness: WebhookHarness, event: string) {
  const response = await harness.post(
    envelope([
      {
        field: 'phone_number_quality_update',
        value: { display_phone_number: DISPLAY_PHONE_NUMBER, event, current_limit: 'TIER_1K' },
      },
    ]),
  );
  expect(response.status).toBe(200);
  await harness.settle();
}

it('a phone number flagged for low quality becomes a notification that opens Settings; an upgrade does not', async () => {
  h = await startWebhookHarness();
  desktop = await startDesktop(h.core);
  const owner = await h.core.ctx.db.getRepository(UserEntity).findOneByOrFail({ kind: 'super_admin' });
  desktop.monitor.signedIn(owner.id);

  await qualityUpdate(h, 'THROUGHPUT_UPGRADE');
  await desktop.monitor.idle();
  expect(desktop.shell.notices).toEqual([]);

  await qualityUpdate(h, 'FLAGGED');
  await desktop.monitor.idle();
  expect(desktop.shell.notices).toEqual([
    expect.objectContaining({
      kind: 'phone_number.quality',
      title: 'A phone number’s quality dropped',
      body: expect.stringContaining(DISPLAY_PHONE_NUMBER),
      route: '/settings',
    }),
  ]);
});
