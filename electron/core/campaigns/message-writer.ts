import type { EntityManager } from 'typeorm';
import type { CoreContext } from '../core-context';
import type { CommitDurability } from '../db/write-queue';
import {
  claimQueued,
  claimQueuedTogether,
  recordSentTogether,
  deferQueued,
  failQueued,
  failSending,
  recordSent,
  requeueSending,
  unconfirmSending,
} from '../messaging/campaign-sends';

/** What became of one try, as the runner decided from Meta's answer. */
export type SendResultChange =
  | { kind: 'sent'; wamid: string; at: Date }
  | { kind: 'requeue'; at: Date; countAttempt: boolean }
  | { kind: 'failed'; at: Date; code: number | null; title: string; details: string | null }
  | { kind: 'unconfirmed'; at: Date; title: string };

interface Op {
  run(m: EntityManager): Promise<boolean>;
  resolve(changed: boolean): void;
  reject(error: unknown): void;
  /** The row it writes; claims and accepted sends say what, so a batch writes them set-based. */
  id?: number;
  claim?: { id: number; payload: string; text: string };
  sent?: { id: number; wamid: string; at: Date };
}

/** Writes Meta's answer on a row marked `sending` (messaging/campaign-sends.ts). */
function apply(m: EntityManager, id: number, change: SendResultChange): Promise<boolean> {
  switch (change.kind) {
    case 'sent':
      return recordSent(m, id, change.wamid, change.at);
    case 'requeue':
      return requeueSending(m, id, change.at, change.countAttempt);
    case 'unconfirmed':
      return unconfirmSending(m, id, change.at, change.title);
    case 'failed':
      return failSending(m, id, change);
  }
}

/**
 * Writes a batch in one transaction: its claims together and its accepted sends together (one
 * statement per 50 instead of one a row, messaging/campaign-sends.ts), the rest one by one. Rows are
 * independent, so the order between them does not matter; a batch that writes one row twice keeps
 * its order, one by one.
 */
async function writeBatch(m: EntityManager, batch: readonly Op[]): Promise<boolean[]> {
  const out = new Array<boolean>(batch.length);
  const ids = batch.map((op) => op.id);
  const distinct = ids.every((id) => id !== undefined) && new Set(ids).size === ids.length;
  const claims = distinct ? batch.flatMap((op, i) => (op.claim ? [i] : [])) : [];
  const sents = distinct ? batch.flatMap((op, i) => (op.sent ? [i] : [])) : [];
  if (claims.length > 1) {
    const claimed = await claimQueuedTogether(
      m,
      claims.map((i) => batch[i]!.claim!),
    );
    for (const i of claims) out[i] = claimed.has(batch[i]!.id!);
  }
  if (sents.length > 1) {
    const recorded = await recordSentTogether(
      m,
      sents.map((i) => batch[i]!.sent!),
    );
    for (const i of sents) out[i] = recorded.has(batch[i]!.id!);
  }
  for (const [i, op] of batch.entries()) if (out[i] === undefined) out[i] = await op.run(m);
  return out;
}

/**
 * Group commit for the runner's row writes. Each message needs two writes (marked `sending` before
 * its request, then its outcome), and a transaction per write would cap a campaign at what SQLite
 * commits a second; each write is a statement prepared once (messaging/campaign-sends.ts). Writes that arrive together share one transaction; each caller still waits for
 * the commit that holds its own write, so "marked before the request" stays true row by row.
 */
export class MessageWriter {
  private pending: Op[] = [];
  private flushing: Promise<void> | null = null;

  constructor(private readonly ctx: CoreContext) {}

  /**
   * Claims a queued row: `sending`, with what will be sent, one more attempt. False when the row
   * is no longer queued (cancelled, resolved, or claimed already), or when its customer opted out
   * since the row was read (WhatsApp's stop arrives while rows wait in the limiter): it must not be
   * sent. The runner's next page fails an opted-out row with its reason.
   */
  markSending(id: number, payload: string, text: string): Promise<boolean> {
    return this.enqueue((m) => claimQueued(m, id, payload, text), { id, claim: { id, payload, text } });
  }

  /** A queued row that cannot be rendered fails without being sent. */
  failQueued(id: number, at: Date, title: string): Promise<boolean> {
    return this.enqueue((m) => failQueued(m, id, at, title));
  }

  /**
   * A queued row that must wait (its customer is held from marketing until `at`): not sent, no
   * attempt counted, back in line from then.
   */
  deferQueued(id: number, at: Date): Promise<boolean> {
    return this.enqueue((m) => deferQueued(m, id, at));
  }

  /**
   * Records Meta's answer on a row this runner marked `sending`. `alsoIn` runs in the same
   * transaction when the row did change (an opt-out recorded with the failure it came from).
   */
  record(
    id: number,
    change: SendResultChange,
    alsoIn?: (m: EntityManager) => Promise<void>,
  ): Promise<boolean> {
    return this.enqueue(
      async (m) => {
        const changed = await apply(m, id, change);
        if (changed && alsoIn) await alsoIn(m);
        return changed;
      },
      {
        id,
        ...(change.kind === 'sent' && !alsoIn ? { sent: { id, wamid: change.wamid, at: change.at } } : {}),
      },
    );
  }

  /** Resolves once everything written so far is committed. */
  async drain(): Promise<void> {
    while (this.flushing || this.pending.length) await (this.flushing ?? this.flush());
  }

  private enqueue(
    run: (m: EntityManager) => Promise<boolean>,
    what: Pick<Op, 'id' | 'claim' | 'sent'> = {},
  ): Promise<boolean> {
    return new Promise<boolean>((resolve, reject) => {
      this.pending.push({ run, resolve, reject, ...what });
      if (!this.flushing) this.flushing = this.flush();
    });
  }

  private async flush(): Promise<void> {
    // Let the writes of this turn of the event loop join the same transaction.
    await new Promise<void>((resolve) => setImmediate(resolve));
    const batch = this.pending;
    this.pending = [];
    try {
      const results = await this.ctx.tx.run((m) => writeBatch(m, batch), 'normal', durabilityOf(batch));
      batch.forEach((op, i) => op.resolve(results[i]!));
    } catch (error) {
      for (const op of batch) op.reject(error);
    } finally {
      this.flushing = this.pending.length ? this.flush() : null;
    }
  }
}

/**
 * A batch of nothing but accepted sends commits without waiting for the disk (write-queue.ts:
 * `with-next`, on disk with the next claim's commit). Lost to a power cut, such a row is still
 * `sending` on the disk: start-up makes it `unconfirmed` and Meta's status webhook, matched by the
 * reference we sent, settles it (recover-after-crash.ts) — never a second send. Claims wait for the
 * disk (a claim lost after its request went out would send again), and so does every other
 * outcome: a failure, a requeue, an opt-out are not all told again by a webhook.
 */
function durabilityOf(batch: readonly Op[]): CommitDurability {
  return batch.every((op) => op.sent) ? 'with-next' : 'now';
}
