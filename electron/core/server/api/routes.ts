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
  successStatus?: number;
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
    },
    paged: true,
  },
  {
    method: 'post',
    path: '/contacts',
    operation: 'contacts.upsert',
    summary:
      'Add a contact or update the one with this phone number; attributes merge, tags and lists add up',
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
    path: '/campaigns/:id/cost',
    operation: 'campaigns.cost',
    summary:
      'What the campaign cost: messages by pricing category and type, and money once a price table is set',
    tag: 'Campaigns',
    params: { id: { field: 'id', kind: 'int' } },
  },
];
