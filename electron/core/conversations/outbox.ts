import { AppError } from '@shared/errors';
import type { MediaKind } from '@shared/types/media';
import type { WhatsAppConnection } from '../connection/whatsapp-connection';
import type { CoreContext } from '../core-context';
import { sqlDate } from '../db/sql';
import type { MessageRow } from '../db/entities/messaging';
import type { MediaService } from '../media/media-service';
import { resolveMediaHeader } from '../campaigns/media-header';
import { decide, DEFAULT_RETRY_POLICY, type RetryPolicy } from '../campaigns/retry-policy';
import {
  claimInboxMessage,
  hasDueInboxMessage,
  markInboxMessageSent,
  queuedInboxMessages,
  setInboxMessageFile,
  settleInboxMessage,
} from '../messaging/inbox-outbox';
import { messageById } from '../messaging/message-lookup';
import { messageChanged } from '../messaging/message-event';
import { WhatsAppApiError, type OutboundMessage } from '../whatsapp';
import { isInboxPayload, parsePayload, type InboxPayload } from './outbound-payload';
import { approvedTemplate, renderContact, renderTemplate } from './template-message';
import { sendTarget } from '../util/customer-address';

export interface OutboxOptions {
  /** Conversations sent to at once; each conversation's messages still go one after another. */
  concurrency?: number;
  /** How often queued rows are looked for even without a poke (a retry coming due). */
  pollMs?: number;
  policy?: RetryPolicy;
}

/** Why a message could not be prepared; it fails without having been sent. */
class NotSendable extends Error {}

/**
 * Delivers what the inbox queued, in the background, by invariant 3 (as campaigns/send-one.ts
 * does): everything that needs the network but is not the send itself (fetching a link into the
 * library, uploading a file for its WhatsApp id) happens first; then the row is marked `sending`
 * and committed; then the one request, with the row's client_ref as biz_opaque_callback_data; then
 * `sent` with the wamid, a requeue for errors that prove nothing was sent, `unconfirmed` when
 * WhatsApp may have it (a timeout), or `failed` with Meta's reason. Nothing is ever sent twice
 * without a person deciding. Messages of one conversation go in the order they were written.
 */
export class Outbox {
  private readonly busy = new Set<number>();
  private running = 0;
  private timer: NodeJS.Timeout | null = null;
  private stopped = true;
  private scanning: Promise<void> | null = null;
  private rescan = false;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly concurrency: number;
  private readonly pollMs: number;
  private readonly policy: RetryPolicy;

  constructor(
    private readonly ctx: CoreContext,
    private readonly whatsapp: WhatsAppConnection | null,
    private readonly media: MediaService,
    options: OutboxOptions = {},
  ) {
    this.concurrency = options.concurrency ?? 4;
    this.pollMs = options.pollMs ?? 5_000;
    this.policy = options.policy ?? DEFAULT_RETRY_POLICY;
  }

  start(): void {
    if (!this.stopped || !this.whatsapp) return;
    this.stopped = false;
    this.poke();
  }

  /** Stops taking rows; resolves when the sends already started have been recorded. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.scanning;
    await Promise.all([...this.inFlight]);
  }

  /** Something was queued: look now. */
  poke(): void {
    if (this.stopped) return;
    if (this.scanning) {
      this.rescan = true;
      return;
    }
    this.scanning = this.scan()
      .catch((error: unknown) => this.ctx.logger.error('the inbox outbox could not look for messages', error))
      .finally(() => {
        this.scanning = null;
        if (this.rescan) {
          this.rescan = false;
          this.poke();
        } else this.schedule();
      });
  }

  /** Resolves once nothing is queued and due (tests). */
  async idle(): Promise<void> {
    for (;;) {
      await this.scanning;
      await Promise.all([...this.inFlight]);
      if (!this.scanning && this.inFlight.size === 0 && !(await this.hasDue())) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  private schedule(): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.poke(), this.pollMs);
    this.timer.unref?.();
  }

  private hasDue(): Promise<boolean> {
    return hasDueInboxMessage(this.ctx.db, this.ctx.clock.now());
  }

  /**
   * Reads the queue (a small partial index: queued rows only) oldest first. A conversation whose
   * oldest queued message is not due yet (a retry waiting) sends nothing newer meanwhile.
   */
  private async scan(): Promise<void> {
    const queued = await queuedInboxMessages(this.ctx.db);
    const now = sqlDate(this.ctx.clock.now());
    const seen = new Set<number>();
    for (const queuedRow of queued) {
      const key = queuedRow.conversationId ?? -queuedRow.id;
      if (seen.has(key)) continue;
      seen.add(key);
      if (queuedRow.nextAttemptAt && queuedRow.nextAttemptAt > now) continue;
      if (this.busy.has(key) || this.running >= this.concurrency || this.stopped) continue;
      const row = await messageById(this.ctx.db, queuedRow.id);
      if (!row || row.status !== 'queued') continue;
      this.busy.add(key);
      this.running++;
      const work = this.deliver(row)
        .catch((error: unknown) =>
          this.ctx.logger.error(`inbox message ${row.id} could not be delivered`, error),
        )
        .finally(() => {
          this.busy.delete(key);
          this.running--;
          this.inFlight.delete(work);
          this.poke();
        });
      this.inFlight.add(work);
    }
  }

  private async deliver(row: MessageRow): Promise<void> {
    const whatsapp = this.whatsapp!;
    let message: OutboundMessage;
    try {
      message = await this.prepare(row);
    } catch (error) {
      if (
        error instanceof WhatsAppApiError &&
        error.errorClass !== 'permanent' &&
        !(error.failure === 'timeout')
      ) {
        // An upload that met a transient error: nothing was sent; try again later.
        return this.requeueOrFail(row, error);
      }
      const title = error instanceof Error ? error.message : String(error);
      return this.finish(row.id, 'queued', {
        status: 'failed',
        failedAt: this.ctx.clock.now(),
        errorCode: error instanceof WhatsAppApiError ? error.code : null,
        errorTitle: `Not sent: ${title}`,
        errorDetails: null,
      });
    }
    const claimed = await this.ctx.tx.run((m) => claimInboxMessage(m, row.id));
    if (claimed !== 1) return;
    await this.publish(row.id);
    try {
      const sent = await whatsapp.client.messages.send(
        row.phoneNumberId,
        sendTarget(row.recipientWaId),
        message,
        {
          bizOpaqueCallbackData: row.clientRef ?? undefined,
          ...(row.contextWaMessageId ? { replyTo: row.contextWaMessageId } : {}),
        },
      );
      await this.ctx.tx.run((m) => markInboxMessageSent(m, row.id, sent.wamid, this.ctx.clock.now()));
      await this.publish(row.id);
    } catch (error) {
      if (!(error instanceof WhatsAppApiError)) {
        // A fault of ours after the claim: the request may have gone; never resend blindly.
        await this.finish(row.id, 'sending', {
          status: 'unconfirmed',
          unconfirmedAt: this.ctx.clock.now(),
          errorTitle: `Stopped while sending: ${error instanceof Error ? error.message : String(error)}`,
        });
        return;
      }
      await this.treat(row, error);
    }
  }

  /** Meta's refusal of the send itself, treated by its class (campaigns/retry-policy.ts). */
  private async treat(row: MessageRow, error: WhatsAppApiError): Promise<void> {
    const now = this.ctx.clock.now();
    const decision = decide(error, row.attempts + 1, this.policy);
    switch (decision.kind) {
      case 'retry':
      case 'defer':
      case 'throttle':
        return this.finish(row.id, 'sending', {
          status: 'queued',
          nextAttemptAt: new Date(now.getTime() + decision.delayMs),
        });
      case 'unconfirmed':
        return this.finish(row.id, 'sending', {
          status: 'unconfirmed',
          unconfirmedAt: now,
          errorTitle: decision.title,
        });
      case 'pause':
        return this.finish(row.id, 'sending', {
          status: 'failed',
          failedAt: now,
          errorCode: error.code,
          errorTitle: decision.notice,
          errorDetails: error.details ?? null,
        });
      case 'fail':
        return this.finish(row.id, 'sending', {
          status: 'failed',
          failedAt: now,
          errorCode: decision.code,
          errorTitle: decision.title,
          errorDetails: decision.details,
        });
    }
  }

  private async requeueOrFail(row: MessageRow, error: WhatsAppApiError): Promise<void> {
    const decision = decide(error, row.attempts + 1, this.policy);
    if (decision.kind === 'retry' || decision.kind === 'throttle' || decision.kind === 'defer') {
      await this.finish(row.id, 'queued', {
        status: 'queued',
        attempts: row.attempts + 1,
        nextAttemptAt: new Date(this.ctx.clock.now().getTime() + decision.delayMs),
      });
      return;
    }
    await this.finish(row.id, 'queued', {
      status: 'failed',
      failedAt: this.ctx.clock.now(),
      errorCode: error.code,
      errorTitle: `Not sent: ${error.title || error.reason}`,
      errorDetails: error.details ?? null,
    });
  }

  /** Records an outcome on a row still in the state this worker left it. */
  private async finish(id: number, from: 'queued' | 'sending', changes: Partial<MessageRow>): Promise<void> {
    const changed = await this.ctx.tx.run((m) => settleInboxMessage(m, id, from, changes));
    if (changed) await this.publish(id);
  }

  private async publish(id: number): Promise<void> {
    const row = await messageById(this.ctx.db, id);
    if (row) this.ctx.events.publish('messages.changed', await messageChanged(this.ctx.db, row));
  }

  /** The Graph message for a queued row: files uploaded, templates rendered with real header ids. */
  private async prepare(row: MessageRow): Promise<OutboundMessage> {
    const payload = parsePayload(row.payload);
    if (!isInboxPayload(payload)) throw new NotSendable('this message was not written by the inbox');
    switch (payload.type) {
      case 'text':
        return { type: 'text', text: { body: payload.text, preview_url: /https?:\/\//i.test(payload.text) } };
      case 'template': {
        const template = await approvedTemplate(this.ctx.db, { templateId: payload.templateId });
        const header = await resolveMediaHeader(this.media, {
          mediaHeader: payload.mediaHeader ? JSON.stringify(payload.mediaHeader) : null,
        });
        const contact = row.contactId !== null ? await renderContact(this.ctx.db, row.contactId) : null;
        const rendered = renderTemplate(template, payload.variables, payload.mediaHeader, header, contact);
        return { type: 'template', template: rendered.content };
      }
      default:
        return this.mediaMessage(row, payload);
    }
  }

  private async mediaMessage(
    row: MessageRow,
    payload: Extract<InboxPayload, { mediaId: number | null }>,
  ): Promise<OutboundMessage> {
    let mediaId = payload.mediaId;
    if (mediaId === null) {
      if (!payload.link) throw new NotSendable('the file is missing');
      // The token API's link: kept in the library (so the thread can show it), then sent by id.
      const stored = await this.media.storeLink({ phoneNumberId: row.phoneNumberId, url: payload.link });
      mediaId = stored.id;
      const kind = stored.kind;
      await this.ctx.tx.run((m) =>
        setInboxMessageFile(m, row.id, kind, JSON.stringify({ ...payload, type: kind, mediaId })),
      );
      return this.mediaBody(
        kind,
        await this.media.ensureWhatsAppId(mediaId),
        payload.caption,
        stored.fileName,
      );
    }
    const file = await this.media.get(mediaId).catch(() => {
      throw new NotSendable('the file was deleted from the media library');
    });
    return this.mediaBody(
      payload.type,
      await this.media.ensureWhatsAppId(mediaId),
      payload.caption,
      file.fileName,
    );
  }

  private mediaBody(kind: MediaKind, id: string, caption: string | null, fileName: string): OutboundMessage {
    const withCaption = caption ? { caption } : {};
    switch (kind) {
      case 'image':
        return { type: 'image', image: { id, ...withCaption } };
      case 'video':
        return { type: 'video', video: { id, ...withCaption } };
      case 'document':
        return { type: 'document', document: { id, filename: fileName, ...withCaption } };
      case 'audio':
        return { type: 'audio', audio: { id } };
      case 'sticker':
        return { type: 'sticker', sticker: { id } };
    }
  }
}

/** For handlers: an inbox message the outbox can no longer prepare is a person's problem, not a crash. */
export function notConnected(): AppError {
  return new AppError('CONFLICT', 'WhatsApp is not connected');
}
