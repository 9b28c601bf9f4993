import type { EntityManager } from 'typeorm';
import { MessageEntity, type MessageRow } from '../db/entities/messaging';
import type { ReadManager } from '../db/read-db';
import { select } from '../db/sql';

/**
 * A campaign's test sends: message rows like any other (stored, then sent), marked is_test so the
 * campaign's figures and its one-per-number index leave them out. This folder owns `messages`
 * (issue 9); campaigns/test-send.ts renders and sends them.
 */

/** What a test send is stored with, before its request. */
export interface TestSend {
  clientRef: string;
  contactId: number | null;
  conversationId: number | null;
  phoneNumberId: string;
  recipientWaId: string;
  text: string;
  payload: string;
  campaignId: number;
  createdAt: Date;
}

/** Stores the row as `sending`, its one attempt made; returns its id. */
export async function storeTestSend(m: EntityManager, send: TestSend): Promise<number> {
  const result = await m.getRepository(MessageEntity).insert({
    waMessageId: null,
    clientRef: send.clientRef,
    direction: 'out',
    contactId: send.contactId,
    conversationId: send.conversationId,
    phoneNumberId: send.phoneNumberId,
    recipientWaId: send.recipientWaId,
    type: 'template',
    text: send.text,
    payload: send.payload,
    status: 'sending',
    errorCode: null,
    errorTitle: null,
    errorDetails: null,
    campaignId: send.campaignId,
    contextWaMessageId: null,
    attempts: 1,
    nextAttemptAt: null,
    isTest: true,
    createdAt: send.createdAt,
    sentAt: null,
    deliveredAt: null,
    readAt: null,
    failedAt: null,
  });
  return result.identifiers[0]!.id as number;
}

/** Records Meta's answer (`changes`) on the row, and returns it as it is now. */
export async function settleTestSend(
  m: EntityManager,
  id: number,
  changes: Partial<MessageRow>,
): Promise<MessageRow> {
  const repo = m.getRepository(MessageEntity);
  const current = await repo.findOneByOrFail({ id });
  // A status webhook may have got here first; only a row still `sending` moves to `sent`.
  const status = changes.status ?? (current.status === 'sending' ? 'sent' : current.status);
  await repo.update({ id }, { ...changes, status, waMessageId: changes.waMessageId ?? current.waMessageId });
  return repo.findOneByOrFail({ id });
}

/** A campaign's latest test sends, newest first. */
export function latestTestSends(m: ReadManager, campaignId: number, take: number): Promise<MessageRow[]> {
  return m
    .getRepository(MessageEntity)
    .find({ where: { campaignId, isTest: true }, order: { id: 'DESC' }, take });
}

/**
 * Whether a test send ever went out (one not failed), for the first steps page: test sends are
 * message rows flagged `is_test` (0006), and this folder owns `messages` (issue 9).
 */
export async function aTestWentOut(m: ReadManager): Promise<boolean> {
  const [row] = await select<{ tests: number }>(
    m,
    `SELECT EXISTS (SELECT 1 FROM messages WHERE is_test = 1 AND status <> 'failed') AS tests`,
  );
  return Boolean(row?.tests);
}
