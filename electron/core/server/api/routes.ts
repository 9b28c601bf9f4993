import type { OperationName } from '@shared/operations';

/** How a query-string or path value becomes the type the operation's schema expects. */
export type ParamKind = 'int' | 'bool' | 'string';

export interface ApiRoute {
  method: 'get' | 'post' | 'patch' | 'delete';
  /** Express-style path under /api/v1. */
  path: string;
  operation: OperationName;
  summary: string;
  tag: string;
  /** Path parameters and the input field each fills. */
  params?: Record<string, { field: string; kind: ParamKind }>;
  /** Query parameters taken (GET); names are the input's field names. */
  query?: Record<string, ParamKind>;
  /** Wraps path ids into list fields, e.g. DELETE /contacts/:id → { ids: [id] }. */
  asList?: string;
  /** The JSON body is the input (merged with path parameters). */
  body?: boolean;
  /** Results of `Page` shape are answered as `data` plus `paging`. */
  paged?: boolean;
  /** Results with `items` and a cursor field are answered as `data` plus `paging.next` (the cursor to send back). */
  cursor?: { field: 'nextCursor' | 'olderCursor'; param: string };
  successStatus?: number;
  /**
   * A file upload: the body may be JSON up to 140 MB or multipart/form-data (its `file` part becomes
   * `fileName`, `mimeType` and `contentBase64`), read only after the token has been checked.
   */
  upload?: boolean;
}

/** The token API: each route is an operation of the dispatcher, with its permission and schema. */
export const API_ROUTES: ApiRoute[] = [
  {
    method: 'get',
    path: '/contacts',
    operation: 'contacts.list',
    summary: 'List contacts, with search and paging',
    tag: 'Contacts',
    query: {
      search: 'string',
      tag: 'string',
      listId: 'int',
      status: 'string',
      optedOut: 'bool',
      sort: 'string',
      order: 'string',
      page: 'int',
      pageSize: 'int',
      after: 'string',
    },
    paged: true,
  },
  {
    method: 'post',
    path: '/contacts',
    operation: 'contacts.upsert',
    summary:
      'Add a contact or update the one with this phone number or WhatsApp user id (`userId`, for a customer who hides their number); attributes merge, tags and lists add up',
    tag: 'Contacts',
    body: true,
  },
  {
    method: 'get',
    path: '/contacts/:id',
    operation: 'contacts.get',
    summary: 'One contact with its lists',
    tag: 'Contacts',
    params: { id: { field: 'id', kind: 'int' } },
  },
  {
    method: 'delete',
    path: '/contacts/:id',
    operation: 'contacts.delete',
    summary: 'Delete a contact',
    tag: 'Contacts',
    params: { id: { field: 'ids', kind: 'int' } },
    asList: 'ids',
  },
  {
    method: 'get',
    path: '/dashboard',
    operation: 'dashboard.get',
    summary:
      'The dashboard’s figures for the last 7, 30 or 90 days (?days=), in the organization’s time zone',
    tag: 'Dashboard',
    query: { days: 'int' },
  },
  { method: 'get', path: '/lists', operation: 'lists.list', summary: 'All lists with counts', tag: 'Lists' },
  {
    method: 'post',
    path: '/lists',
    operation: 'lists.create',
    summary: 'Create a list',
    tag: 'Lists',
    body: true,
    successStatus: 201,
  },
  {
    method: 'post',
    path: '/lists/:id/contacts',
    operation: 'lists.addContacts',
    summary: 'Add contacts to a list',
    tag: 'Lists',
    params: { id: { field: 'listId', kind: 'int' } },
    body: true,
  },
  {
    method: 'delete',
    path: '/lists/:id/contacts',
    operation: 'lists.removeContacts',
    summary: 'Take contacts off a list',
    tag: 'Lists',
    params: { id: { field: 'listId', kind: 'int' } },
    body: true,
  },
  {
    method: 'get',
    path: '/templates',
    operation: 'templates.list',
    summary: 'Templates with their status, category, language and placeholders',
    tag: 'Templates',
    query: { status: 'string', category: 'string', language: 'string', search: 'string' },
  },
  {
    method: 'post',
    path: '/messages',
    operation: 'messages.send',
    summary: 'Send a template, or a text inside the 24-hour window; the answer says how far it got',
    tag: 'Messages',
    body: true,
    successStatus: 201,
  },
  {
    method: 'get',
    path: '/messages/:id',
    operation: 'messages.get',
    summary: 'A message’s status: sent, delivered, read or failed with Meta’s code',
    tag: 'Messages',
    params: { id: { field: 'id', kind: 'int' } },
  },
  {
    method: 'get',
    path: '/campaigns',
    operation: 'campaigns.list',
    summary: 'Campaigns, newest first, with recipients, sent and failed counts',
    tag: 'Campaigns',
    query: { status: 'string' },
  },
  {
    method: 'post',
    path: '/campaigns',
    operation: 'campaigns.create',
    summary: 'Create a draft campaign: template, number, lists, a value for each variable',
    tag: 'Campaigns',
    body: true,
    successStatus: 201,
  },
  {
    method: 'get',
    path: '/campaigns/:id',
    operation: 'campaigns.get',
    summary: 'One campaign',
    tag: 'Campaigns',
    params: { id: { field: 'id', kind: 'int' } },
  },
  {
    method: 'post',
    path: '/campaigns/:id/start',
    operation: 'campaigns.start',
    summary: 'Fix the recipients and start sending now',
    tag: 'Campaigns',
    params: { id: { field: 'id', kind: 'int' } },
  },
  {
    method: 'post',
    path: '/campaigns/:id/pause',
    operation: 'campaigns.pause',
    summary: 'Stop sending; nothing already sent is lost',
    tag: 'Campaigns',
    params: { id: { field: 'id', kind: 'int' } },
  },
  {
    method: 'post',
    path: '/campaigns/:id/resume',
    operation: 'campaigns.resume',
    summary: 'Send what is left',
    tag: 'Campaigns',
    params: { id: { field: 'id', kind: 'int' } },
  },
  {
    method: 'get',
    path: '/campaigns/:id/analytics',
    operation: 'campaigns.analytics',
    summary: 'Figures and rates, failures by Meta’s code, progress and a timeline',
    tag: 'Campaigns',
    params: { id: { field: 'id', kind: 'int' } },
  },
  {
    method: 'get',
    path: '/conversations',
    operation: 'conversations.list',
    summary:
      'Conversations of a view (all, mine, unassigned, resolved), newest activity first; filter by number, label, campaign; search names, numbers and text',
    tag: 'Conversations',
    query: {
      view: 'string',
      phoneNumberId: 'string',
      label: 'string',
      campaignId: 'int',
      search: 'string',
      cursor: 'string',
      limit: 'int',
    },
    cursor: { field: 'nextCursor', param: 'cursor' },
  },
  {
    method: 'get',
    path: '/conversations/:id',
    operation: 'conversations.get',
    summary: 'One conversation: customer, assignee, labels, unread count and the 24-hour window',
    tag: 'Conversations',
    params: { id: { field: 'id', kind: 'int' } },
  },
  {
    method: 'get',
    path: '/conversations/:id/messages',
    operation: 'conversations.messages',
    summary: 'Messages of a conversation, oldest first; `before` pages back, `after` fetches what is new',
    tag: 'Conversations',
    params: { id: { field: 'conversationId', kind: 'int' } },
    query: { before: 'int', after: 'int', limit: 'int' },
    cursor: { field: 'olderCursor', param: 'before' },
  },
  {
    method: 'post',
    path: '/conversations/:id/messages',
    operation: 'conversations.send',
    summary:
      'Reply with a text or media (library id or link) inside the 24-hour window, or a template at any time; queued at once. Outside the window a text is refused with WINDOW_CLOSED and `windowClosedAt`',
    tag: 'Conversations',
    params: { id: { field: 'conversationId', kind: 'int' } },
    body: true,
    successStatus: 201,
  },
  {
    method: 'post',
    path: '/conversations/:id/assign',
    operation: 'conversations.assign',
    summary: 'Assign to a member (`{"userId": 3}`) or to nobody (`{"userId": null}`)',
    tag: 'Conversations',
    params: { id: { field: 'id', kind: 'int' } },
    body: true,
  },
  {
    method: 'post',
    path: '/conversations/:id/resolve',
    operation: 'conversations.resolve',
    summary: 'Mark resolved; the customer’s next message reopens it',
    tag: 'Conversations',
    params: { id: { field: 'id', kind: 'int' } },
  },
  {
    method: 'post',
    path: '/conversations/:id/reopen',
    operation: 'conversations.reopen',
    summary: 'Reopen a resolved conversation',
    tag: 'Conversations',
    params: { id: { field: 'id', kind: 'int' } },
  },
  {
    method: 'get',
    path: '/quick-replies',
    operation: 'quickReplies.list',
    summary: 'Quick replies with their /shortcuts',
    tag: 'Replies',
    query: { search: 'string' },
  },
  {
    method: 'post',
    path: '/quick-replies',
    operation: 'quickReplies.create',
    summary: 'Save a quick reply; {{name}}, {{first_name}} and contact attributes fill in when used',
    tag: 'Replies',
    body: true,
    successStatus: 201,
  },
  {
    method: 'patch',
    path: '/quick-replies/:id',
    operation: 'quickReplies.update',
    summary: 'Edit a quick reply',
    tag: 'Replies',
    params: { id: { field: 'id', kind: 'int' } },
    body: true,
  },
  {
    method: 'delete',
    path: '/quick-replies/:id',
    operation: 'quickReplies.delete',
    summary: 'Delete a quick reply',
    tag: 'Replies',
    params: { id: { field: 'id', kind: 'int' } },
  },
  {
    method: 'get',
    path: '/auto-replies',
    operation: 'autoReplies.list',
    summary: 'Keyword auto-reply rules in the order they are tried',
    tag: 'Replies',
  },
  {
    method: 'post',
    path: '/auto-replies',
    operation: 'autoReplies.create',
    summary: 'Add a keyword rule: equals / contains / starts with → a text, media or template answer',
    tag: 'Replies',
    body: true,
    successStatus: 201,
  },
  {
    method: 'patch',
    path: '/auto-replies/:id',
    operation: 'autoReplies.update',
    summary: 'Edit a keyword rule, switch it off, or move it in the order',
    tag: 'Replies',
    params: { id: { field: 'id', kind: 'int' } },
    body: true,
  },
  {
    method: 'delete',
    path: '/auto-replies/:id',
    operation: 'autoReplies.delete',
    summary: 'Delete a keyword rule',
    tag: 'Replies',
    params: { id: { field: 'id', kind: 'int' } },
  },
  {
    method: 'get',
    path: '/phone-numbers',
    operation: 'phoneNumbers.account',
    summary:
      'The account’s numbers: display name and its approval, quality (GREEN / YELLOW / RED), messaging limit, throughput, verification, registration',
    tag: 'Phone numbers',
  },
  {
    method: 'get',
    path: '/media',
    operation: 'media.list',
    summary: 'A phone number’s media library, newest first; search by name, filter by kind',
    tag: 'Media',
    query: { phoneNumberId: 'string', search: 'string', kind: 'string' },
  },
  {
    method: 'post',
    path: '/media',
    operation: 'media.add',
    summary:
      'Add a file to a phone number’s media library: multipart/form-data with `phoneNumberId` and a `file` part, or JSON with `contentBase64` and `fileName`, or JSON with a public `url` to fetch. Checked against WhatsApp’s types and size limits before anything is stored',
    tag: 'Media',
    body: true,
    upload: true,
    successStatus: 201,
  },
  {
    method: 'get',
    path: '/media/:id',
    operation: 'media.get',
    summary: 'One library file: type, size, its WhatsApp media id and when that expires, its /media/ address',
    tag: 'Media',
    params: { id: { field: 'id', kind: 'int' } },
  },
  {
    method: 'delete',
    path: '/media/:id',
    operation: 'media.delete',
    summary:
      'Delete a library file (also at WhatsApp). Refused while a running or paused campaign uses it as its header; while a draft or scheduled one does, only with `confirm=true` (they lose the header)',
    tag: 'Media',
    params: { id: { field: 'id', kind: 'int' } },
    query: { confirm: 'bool' },
  },
  {
    method: 'get',
    path: '/campaigns/:id/cost',
    operation: 'campaigns.cost',
    summary:
      'What the campaign cost: messages by pricing category and type, and money once a price table is set',
    tag: 'Campaigns',
    params: { id: { field: 'id', kind: 'int' } },
  },
];
