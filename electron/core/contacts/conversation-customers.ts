/**
 * The customer of each row of the inbox's conversation list (conversations/conversation-dto.ts),
 * joined in the list's one statement: this folder owns `contacts` and `contact_tags` (issue 9). The
 * caller names a table alias free in its query and its column holding the contact id.
 */

/** The customer's fields the list shows, under the names `customerJoin` gives them. */
export interface CustomerColumns {
  contactName: string | null;
  contactPhone: string | null;
  /** The customer's address: WhatsApp id, else user id (util/customer-address.ts). */
  contactWaId: string | null;
  contactUsername: string | null;
  contactOptedOut: number | null;
  contactStatus: string | null;
  /** The customer's tags in one column, separated by char(31) (no tag can contain it). */
  contactTags: string | null;
}

/** Each row's customer, joined by primary key, with their tags. */
export function customerJoin(alias: string, contactId: string): { columns: string; join: string } {
  const a = alias;
  return {
    columns: `${a}.name AS contactName, ${a}.phone AS contactPhone, COALESCE(${a}.wa_id, ${a}.user_id) AS contactWaId,
      ${a}.username AS contactUsername, ${a}.opted_out AS contactOptedOut, ${a}.status AS contactStatus,
      (SELECT group_concat(t.tag, char(31)) FROM contact_tags t WHERE t.contact_id = ${contactId}) AS contactTags`,
    join: `LEFT JOIN contacts ${a} ON ${a}.id = ${contactId}`,
  };
}
