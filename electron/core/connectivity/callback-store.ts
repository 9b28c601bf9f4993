import type { Actor } from '../auth/actor';
import type { AuditLog } from '../audit/audit-log';
import { WebhookCallbackEntity, type WebhookCallbackRow } from '../db/entities/connectivity';
import type { ReadManager, WriteManager } from '../db/read-db';

/** The row before anything was ever registered: automatic, nothing asked yet. */
export function initialCallbackRow(now: Date): WebhookCallbackRow {
  return {
    id: 1,
    automatic: true,
    state: 'idle',
    targetUrl: null,
    registeredUrl: null,
    registeredAt: null,
    verifiedAt: null,
    lastAttemptAt: null,
    lastError: null,
    updatedAt: now,
  };
}

export async function readCallbackRow(db: ReadManager, now: Date): Promise<WebhookCallbackRow> {
  return (await db.getRepository(WebhookCallbackEntity).findOneBy({ id: 1 })) ?? initialCallbackRow(now);
}

/** Changes some fields of the one row, creating it on first use. */
export async function updateCallbackRow(
  m: WriteManager,
  patch: Partial<Omit<WebhookCallbackRow, 'id' | 'updatedAt'>>,
  now: Date,
): Promise<WebhookCallbackRow> {
  const repo = m.getRepository(WebhookCallbackEntity);
  const current = (await repo.findOneBy({ id: 1 })) ?? initialCallbackRow(now);
  const next = { ...current, ...patch, id: 1, updatedAt: now };
  await repo.save(next);
  return next;
}

/** The owner's automatic-registration switch, audited in the same transaction. */
export async function saveAutomatic(
  m: WriteManager,
  audit: AuditLog,
  actor: Actor,
  automatic: boolean,
  now: Date,
): Promise<void> {
  await updateCallbackRow(
    m,
    automatic ? { automatic, state: 'idle', lastError: null } : { automatic, state: 'off' },
    now,
  );
  await audit.record(m, {
    actorUserId: actor.user.id,
    action: 'webhooks.callback_automatic',
    targetType: 'webhook_callback',
    targetId: 1,
    details: { automatic },
  });
}
