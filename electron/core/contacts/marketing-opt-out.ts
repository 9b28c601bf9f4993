import type { EntityManager } from 'typeorm';
import type { AuditLog } from '../audit/audit-log';
import { ContactEntity } from '../db/entities/contact';
import { execute, sqlDate } from '../db/sql';

/**
 * A contact's consent to marketing, as other domains change it inside their own transaction: the
 * webhook appliers (WhatsApp's own stop and resume, errors 131050 and 131049) and the campaign
 * keyword hook. The contacts domain owns these fields; nobody else writes them.
 *
 * Sources, and who may lift what:
 * - `keyword` (the customer wrote STOP) and `manual` (the shop decided): only a person lifts them.
 * - `whatsapp` (WhatsApp's stop button, or a send refused with 131050): WhatsApp's `resume` lifts it.
 *   A keyword that arrives while a WhatsApp opt-out stands makes it a keyword one, so a later resume
 *   does not undo what the customer also wrote.
 * A WhatsApp opt-out leaves list memberships as they are, so a resume restores exactly what was.
 */

export type ActorId = number | null;

/**
 * WhatsApp says the customer stopped marketing from this business. True when it opted them out now;
 * false when they were opted out already (any source: the earlier one stays).
 */
export async function optOutByWhatsApp(
  m: EntityManager,
  audit: AuditLog,
  contactId: number,
  at: Date,
  detail: string,
): Promise<boolean> {
  const changed = await execute(
    m,
    `UPDATE contacts SET opted_out = 1, opted_out_at = ?, opt_out_source = 'whatsapp', opt_out_detail = ?,
            updated_at = ?
      WHERE id = ? AND opted_out = 0`,
    [sqlDate(at), detail, sqlDate(at), contactId],
  );
  if (!changed) return false;
  await audit.record(m, {
    actorUserId: null,
    action: 'contact.opted_out',
    targetType: 'contact',
    targetId: contactId,
    details: { source: 'whatsapp', detail },
  });
  return true;
}

/**
 * WhatsApp says the customer resumed marketing. Only an opt-out that came from WhatsApp is lifted:
 * `lifted`; one by keyword or by the shop stays: `kept`; nothing to lift: `none`.
 */
export async function resumeByWhatsApp(
  m: EntityManager,
  audit: AuditLog,
  contactId: number,
  at: Date,
  detail: string,
): Promise<'lifted' | 'kept' | 'none'> {
  const contact = await m.getRepository(ContactEntity).findOneBy({ id: contactId });
  if (!contact?.optedOut) return 'none';
  if (contact.optOutSource !== 'whatsapp') {
    await audit.record(m, {
      actorUserId: null,
      action: 'contact.resume_ignored',
      targetType: 'contact',
      targetId: contactId,
      details: { source: contact.optOutSource, detail },
    });
    return 'kept';
  }
  await execute(
    m,
    `UPDATE contacts SET opted_out = 0, opted_out_at = NULL, opt_out_source = NULL, opt_out_detail = NULL,
            updated_at = ?
      WHERE id = ? AND opted_out = 1 AND opt_out_source = 'whatsapp'`,
    [sqlDate(at), contactId],
  );
  await audit.record(m, {
    actorUserId: null,
    action: 'contact.opted_in',
    targetType: 'contact',
    targetId: contactId,
    details: { source: 'whatsapp', detail },
  });
  return 'lifted';
}

/**
 * The customer sent an opt-out keyword. True when that changed their consent: opted out now, or a
 * WhatsApp opt-out made theirs (so a WhatsApp resume will not lift it).
 */
export async function optOutByKeyword(
  m: EntityManager,
  contactId: number,
  at: Date,
  detail: string,
): Promise<boolean> {
  const changed = await execute(
    m,
    `UPDATE contacts SET opted_out = 1, opted_out_at = CASE WHEN opted_out = 1 THEN opted_out_at ELSE ? END,
            opt_out_source = 'keyword', opt_out_detail = ?, updated_at = ?
      WHERE id = ? AND (opted_out = 0 OR opt_out_source = 'whatsapp')`,
    [sqlDate(at), detail, sqlDate(at), contactId],
  );
  return changed > 0;
}

/**
 * WhatsApp held back a marketing message to the customer (131049): no marketing to them until
 * `until`. Not an opt-out. A later hold only ever moves the time on.
 */
export async function holdMarketing(
  m: EntityManager,
  audit: AuditLog,
  contactId: number,
  until: Date,
  detail: string,
): Promise<boolean> {
  const changed = await execute(
    m,
    `UPDATE contacts SET marketing_held_until = ?
      WHERE id = ? AND (marketing_held_until IS NULL OR marketing_held_until < ?)`,
    [sqlDate(until), contactId, sqlDate(until)],
  );
  if (!changed) return false;
  await audit.record(m, {
    actorUserId: null,
    action: 'contact.marketing_held',
    targetType: 'contact',
    targetId: contactId,
    details: { until: until.toISOString(), detail },
  });
  return true;
}
