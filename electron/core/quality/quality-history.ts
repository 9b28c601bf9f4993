import type { EntityManager } from 'typeorm';
import type { QualityHistoryDto } from '@shared/types/dashboard';
import { QualityHistoryEntity, type QualityHistoryRow } from '../db/entities/health';
import type { ReadManager } from '../db/read-db';
import { select, sqlDate, fromSqlDate } from '../db/sql';
import { allPhoneNumbers } from '../phone-numbers/phone-number-rows';

export type QualityChange = Omit<QualityHistoryRow, 'id'>;

/**
 * Every change of a number's or a template's quality WhatsApp reported (quality webhooks, or a
 * number read again with another rating), for the dashboard's history. Written in the transaction
 * that applies the change.
 */
export async function recordQuality(m: EntityManager, change: QualityChange): Promise<void> {
  await m.getRepository(QualityHistoryEntity).insert(change);
}

/** The last rating recorded for a subject, to say what it was before. */
export async function lastRating(
  m: ReadManager,
  subject: QualityHistoryRow['subject'],
  subjectId: string,
): Promise<string | null> {
  const [row] = await select<{ rating: string | null }>(
    m,
    `SELECT rating FROM quality_history WHERE subject = ? AND subject_id = ? AND rating IS NOT NULL
      ORDER BY at DESC, id DESC LIMIT 1`,
    [subject, subjectId],
  );
  return row?.rating ?? null;
}

/** Changes since `since`, newest first, at most `limit` (the quality_history_at index). */
export async function qualityHistorySince(
  m: ReadManager,
  since: Date,
  limit: number,
): Promise<QualityHistoryDto[]> {
  const rows = await select<{
    subject: QualityHistoryRow['subject'];
    subject_id: string;
    subject_name: string;
    rating: string | null;
    previous_rating: string | null;
    event: string | null;
    detail: string | null;
    at: string;
  }>(
    m,
    `SELECT subject, subject_id, subject_name, rating, previous_rating, event, detail, at
       FROM quality_history WHERE at >= ? ORDER BY at DESC, id DESC LIMIT ?`,
    [sqlDate(since), limit],
  );
  return rows.map((r) => ({
    subject: r.subject,
    subjectId: r.subject_id,
    subjectName: r.subject_name,
    rating: r.rating,
    previousRating: r.previous_rating,
    event: r.event,
    detail: r.detail,
    at: fromSqlDate(r.at).toISOString(),
  }));
}

/**
 * Numbers read from WhatsApp again: each whose rating differs from what was kept gets a history row
 * (the first reading of a number too, as where its history starts). Before the rows are saved.
 */
export async function recordNumberRatings(
  m: EntityManager,
  numbers: readonly { id: string; displayPhoneNumber: string; qualityRating: string | null }[],
  at: Date,
): Promise<void> {
  if (!numbers.length) return;
  const kept = new Map((await allPhoneNumbers(m)).map((n) => [n.id, n.qualityRating]));
  for (const number of numbers) {
    if (!number.qualityRating) continue;
    const before = kept.has(number.id) ? (kept.get(number.id) ?? null) : null;
    if (kept.has(number.id) && before === number.qualityRating) continue;
    await recordQuality(m, {
      subject: 'phone_number',
      subjectId: number.id,
      subjectName: number.displayPhoneNumber,
      rating: number.qualityRating,
      previousRating: before,
      event: null,
      detail: null,
      at,
    });
  }
}
