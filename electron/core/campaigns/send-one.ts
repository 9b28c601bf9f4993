import type { EntityManager } from 'typeorm';
import type { VariableBinding } from '@shared/types/campaigns';
import type { WhatsAppConnection } from '../connection/whatsapp-connection';
import type { TemplateRow } from '../db/entities/messaging';
import type { Clock } from '../util/clock';
import { WhatsAppApiError, type OutboundMessage } from '../whatsapp';
import type { DueRow } from './due-rows';
import type { MessageWriter } from './message-writer';
import type { NumberLimiter } from './number-limiter';
import { RenderError, renderCampaignMessage, type RenderMediaHeader } from './render-message';
import { decide, type RetryPolicy } from './retry-policy';
import { sendTarget } from '../util/customer-address';

/** What one campaign sends with, fixed while it is being driven. */
export interface SendSetup {
  campaignId: number;
  phoneNumberId: string;
  template: TemplateRow;
  bindings: VariableBinding[];
  mediaHeader: RenderMediaHeader | null;
  whatsapp: WhatsAppConnection;
  writer: MessageWriter;
  limiter: NumberLimiter;
  clock: Clock;
  policy: RetryPolicy;
  /** True once the campaign was paused or cancelled, or the app is stopping. */
  stopped(): boolean;
  /** WhatsApp said the account, number or template cannot be used: pause the campaign with this notice. */
  pause(notice: string, code: number | null): void;
  /** What a refusal means for the customer, written with the refusal (contacts/marketing-opt-out.ts). */
  consent: CustomerConsent;
}

/** The contacts domain's side of a refused send, inside the transaction that records it. */
export interface CustomerConsent {
  /** 131050: they stopped marketing from the business in WhatsApp. */
  optedOut(m: EntityManager, contactId: number, at: Date, detail: string): Promise<void>;
  /** 131049: WhatsApp held a marketing message back; none to them before `until`. */
  held(m: EntityManager, contactId: number, until: Date, detail: string): Promise<void>;
  /** Once such a change is committed: tells the windows that show contacts. */
  changed(): void;
}

export type SendOutcome = 'sent' | 'requeued' | 'throttled' | 'failed' | 'skipped' | 'paused' | 'unconfirmed';

/**
 * One message, by invariant 3: marked `sending` (committed) before the request, sent with its
 * client_ref as biz_opaque_callback_data so a status webhook finds it even if we never hear Meta's
 * answer, then `sent` with the wamid, or treated by the class of the error.
 */
export async function sendOne(setup: SendSetup, row: DueRow): Promise<SendOutcome> {
  // A pause stops what has not started yet; the row is still queued and stays so.
  if (setup.stopped()) return 'skipped';
  let rendered;
  try {
    rendered = renderCampaignMessage({
      template: setup.template,
      bindings: setup.bindings,
      mediaHeader: setup.mediaHeader,
      contact: row.contact,
    });
  } catch (error) {
    if (!(error instanceof RenderError)) throw error;
    await setup.writer.failQueued(row.id, setup.clock.now(), error.message);
    return 'failed';
  }
  const message: OutboundMessage = { type: 'template', template: rendered.content };
  if (!(await setup.writer.markSending(row.id, JSON.stringify(message), rendered.text))) return 'skipped';
  const answered = await setup.limiter.beforeSend();
  if (setup.stopped()) {
    answered();
    // Claimed but certainly not requested: it goes back in line untouched.
    await setup.writer.record(row.id, { kind: 'requeue', at: setup.clock.now(), countAttempt: false });
    return 'skipped';
  }
  try {
    const sent = await setup.whatsapp.client.messages
      .send(setup.phoneNumberId, sendTarget(row.waId), message, { bizOpaqueCallbackData: row.clientRef })
      .finally(answered);
    await setup.writer.record(row.id, { kind: 'sent', wamid: sent.wamid, at: setup.clock.now() });
    return 'sent';
  } catch (error) {
    if (!(error instanceof WhatsAppApiError)) {
      // Not an answer from WhatsApp but a fault of ours: fail the row visibly rather than loop.
      const title = `Not sent: ${error instanceof Error ? error.message : String(error)}`;
      await setup.writer.record(row.id, {
        kind: 'failed',
        at: setup.clock.now(),
        code: null,
        title,
        details: null,
      });
      return 'failed';
    }
    return treat(setup, row, error);
  }
}

async function treat(setup: SendSetup, row: DueRow, error: WhatsAppApiError): Promise<SendOutcome> {
  const now = setup.clock.now();
  const later = (ms: number) => new Date(now.getTime() + ms);
  const decision = decide(error, row.attempts + 1, setup.policy);
  switch (decision.kind) {
    case 'retry':
    case 'defer':
      await setup.writer.record(row.id, { kind: 'requeue', at: later(decision.delayMs), countAttempt: true });
      return 'requeued';
    case 'throttle':
      setup.limiter.slowDown();
      await setup.writer.record(row.id, {
        kind: 'requeue',
        at: later(decision.delayMs),
        countAttempt: false,
      });
      return 'throttled';
    case 'unconfirmed':
      await setup.writer.record(row.id, { kind: 'unconfirmed', at: now, title: decision.title });
      return 'unconfirmed';
    case 'pause':
      // Refused outright, so not sent: it waits in line for the resume.
      await setup.writer.record(row.id, { kind: 'requeue', at: now, countAttempt: false });
      setup.pause(decision.notice, error.code);
      return 'paused';
    case 'hold': {
      // Not sent, not an opt-out: tried again after the hold, and no other marketing meanwhile.
      const until = later(decision.delayMs);
      const contactId = row.contactId;
      await setup.writer.record(
        row.id,
        { kind: 'requeue', at: until, countAttempt: true },
        contactId === null
          ? undefined
          : (m) => setup.consent.held(m, contactId, until, `${error.code ?? ''} ${decision.title}`.trim()),
      );
      setup.consent.changed();
      return 'requeued';
    }
    case 'opted_out': {
      const contactId = row.contactId;
      await setup.writer.record(
        row.id,
        { kind: 'failed', at: now, code: decision.code, title: decision.title, details: decision.details },
        contactId === null
          ? undefined
          : (m) =>
              setup.consent.optedOut(
                m,
                contactId,
                now,
                `A campaign message was refused with error ${decision.code ?? ''}: ${decision.title}`,
              ),
      );
      setup.consent.changed();
      return 'failed';
    }
    case 'fail':
      await setup.writer.record(row.id, {
        kind: 'failed',
        at: now,
        code: decision.code,
        title: decision.title,
        details: decision.details,
      });
      return 'failed';
  }
}
