import type { ParsedInputOf } from '@shared/operations';
import type { ConversationCounts, ConversationPage, ConversationView } from '@shared/types/conversations';
import { select, sqlDate } from '../db/sql';
import type { Where } from '../contacts/contact-search';
import type { ReadManager } from '../db/read-db';
import { reachedByCampaign } from '../messaging/conversation-list';
import { scopeCondition, type InboxViewer } from './access';
import { selectConversations, toConversationDto } from './conversation-dto';
import { searchCondition } from './conversation-search';

type ListInput = ParsedInputOf<'conversations.list'>;
export type ConversationFilters = Pick<ListInput, 'phoneNumberId' | 'label' | 'campaignId'>;

/**
 * A view as SQL over `conversations c`. Written with literals from the closed view list (never user
 * text) so each is a range of its own index: open/resolved on conversations_view, mine and
 * unassigned on conversations_assignee_view.
 */
function viewCondition(view: ConversationView, viewer: InboxViewer, searching: boolean): Where {
  switch (view) {
    case 'all':
      // A search in "All" finds resolved conversations too: an old customer is found wherever they are.
      return { sql: searching ? '1 = 1' : `c.status = 'open'`, params: [] };
    case 'mine':
      return { sql: `c.status = 'open' AND c.assigned_user_id = ?`, params: [viewer.userId] };
    case 'unassigned':
      return { sql: `c.status = 'open' AND c.assigned_user_id IS NULL`, params: [] };
    case 'resolved':
      return { sql: `c.status = 'closed'`, params: [] };
  }
}

function filterConditions(filters: ConversationFilters): Where[] {
  const out: Where[] = [];
  if (filters.phoneNumberId !== undefined) {
    out.push({ sql: 'c.phone_number_id = ?', params: [filters.phoneNumberId] });
  }
  if (filters.label !== undefined) {
    out.push({
      sql: 'EXISTS (SELECT 1 FROM conversation_labels l WHERE l.conversation_id = c.id AND l.label = ?)',
      params: [filters.label],
    });
  }
  // Customers the campaign reached (test sends aside).
  if (filters.campaignId !== undefined) out.push(reachedByCampaign('c.contact_id', filters.campaignId));
  return out;
}

function joinAll(parts: readonly Where[]): Where {
  return { sql: parts.map((p) => `(${p.sql})`).join(' AND '), params: parts.flatMap((p) => p.params) };
}

function encodeCursor(lastMessageAt: string, id: number): string {
  return `${new Date(`${lastMessageAt.replace(' ', 'T')}Z`).getTime()}.${id}`;
}

function decodeCursor(cursor: string): { at: string; id: number } {
  const [ms, id] = cursor.split('.');
  return { at: sqlDate(new Date(Number(ms))), id: Number(id) };
}

/** A page of a view, newest activity first; keyset paging on (last activity, id). */
export async function listConversations(
  m: ReadManager,
  viewer: InboxViewer,
  input: ListInput,
  now: Date,
): Promise<ConversationPage> {
  const search = input.search ? await searchCondition(m, input.search) : null;
  if (search === 'nothing') return { items: [], nextCursor: null };
  const parts = [
    viewCondition(input.view, viewer, search !== null),
    scopeCondition(viewer),
    ...filterConditions(input),
  ];
  if (search) parts.push(search.where);
  if (input.cursor) {
    const { at, id } = decodeCursor(input.cursor);
    parts.push({ sql: '(c.last_message_at, c.id) < (?, ?)', params: [at, id] });
  }
  const rows = await selectConversations(m, joinAll(parts), input.limit + 1);
  const more = rows.length > input.limit;
  const page = more ? rows.slice(0, input.limit) : rows;
  const items = page.map((row) => toConversationDto(row, now));
  if (search) {
    const matches = await search.matchesFor(items.map((item) => item.id));
    for (const item of items) item.match = matches.get(item.id) ?? null;
  }
  const last = page[page.length - 1];
  return { items, nextCursor: more && last ? encodeCursor(last.lastMessageAt, last.id) : null };
}

/**
 * How many conversations of each view have unread messages, in one pass over the small partial
 * index of unread conversations (conversations_unread), never over every open conversation. The
 * index is grouped by status and assignee as it is read (a third of the work of evaluating each
 * view per row); the views are summed from the groups.
 */
export async function countConversations(
  m: ReadManager,
  viewer: InboxViewer,
  filters: ConversationFilters,
): Promise<ConversationCounts> {
  const where = joinAll([scopeCondition(viewer), ...filterConditions(filters)]);
  const groups = await select<{ status: 'open' | 'closed'; assignee: number | null; n: number }>(
    m,
    `SELECT c.status AS status, c.assigned_user_id AS assignee, count(*) AS n
       FROM conversations c INDEXED BY conversations_unread
      WHERE c.unread_count > 0 AND ${where.sql}
      GROUP BY c.status, c.assigned_user_id`,
    where.params,
  );
  const sum = (keep: (g: (typeof groups)[number]) => boolean) =>
    groups.filter(keep).reduce((total, g) => total + g.n, 0);
  return {
    all: { unread: sum((g) => g.status === 'open') },
    mine: { unread: sum((g) => g.status === 'open' && g.assignee === viewer.userId) },
    unassigned: { unread: sum((g) => g.status === 'open' && g.assignee === null) },
    resolved: { unread: sum((g) => g.status === 'closed') },
  };
}
