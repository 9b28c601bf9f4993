/**
 * Whether a campaign's message was answered, for queries over message rows that live in messaging/
 * (the recipients' filters, pages and export): this folder owns campaign_reply_marks (issue 9).
 * 0021/0024's triggers mark a message when an inbound message from its recipient on the campaign's
 * number follows it (or the message's time is written), by contact, or by WhatsApp id for a
 * recipient whose contact was deleted since. `messageId` is a column of the caller's query (`m.id`):
 * fixed text of ours, never a value. One primary-key probe per row.
 */

/** True when the message has a reply mark. */
export function hasReplyMark(messageId: string): string {
  return `EXISTS (SELECT 1 FROM campaign_reply_marks r WHERE r.message_id = ${messageId})`;
}

/** The first answer's time, or NULL when there was none. */
export function replyMarkTime(messageId: string): string {
  return `(SELECT r.replied_at FROM campaign_reply_marks r WHERE r.message_id = ${messageId})`;
}
