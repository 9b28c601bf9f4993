import type { FieldError } from '../errors';

export type ContactStatus = 'active' | 'blocked';

export interface ContactDto {
  id: number;
  name: string;
  /** E.164, e.g. +919876543210; null for a customer who hides their number (known by `userId`). */
  phone: string | null;
  /** WhatsApp id: the phone's digits without '+', or what Meta reported. */
  waId: string | null;
  /** WhatsApp's business-scoped user id (BSUID), e.g. US.13491208655302741918. */
  userId: string | null;
  /** Their WhatsApp username, without '@'. */
  username: string | null;
  email: string | null;
  /** Custom fields, used as template parameters later. */
  attributes: Record<string, string>;
  tags: string[];
  status: ContactStatus;
  optedOut: boolean;
  optedOutAt: string | null;
  /** keyword, manual, or whatsapp (the customer pressed WhatsApp's own stop, or a send failed with 131050). */
  optOutSource: string | null;
  /** Why, in words: the keyword, WhatsApp's text, the error. */
  optOutDetail: string | null;
  /** WhatsApp held back a marketing message to them (131049): no marketing before this time. */
  marketingHeldUntil: string | null;
  lastInboundAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A contact just saved, with what the person should double-check (a number in an unknown range). */
export interface SavedContactDto extends ContactDto {
  warnings: FieldError[];
}

export interface ContactListMembership {
  listId: number;
  listName: string;
  subscribed: boolean;
  subscribedAt: string;
  unsubscribedAt: string | null;
}

export interface ContactDetailDto extends ContactDto {
  lists: ContactListMembership[];
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
  /** The total is an estimate (only when one was asked for: `contacts.list` with `count: 'estimate'`). */
  estimated?: true;
  /**
   * `contacts.list`: a cursor for the page after this one (send it back as `after`), null on the
   * last page. Reading every contact by cursor costs a page a page, however deep.
   */
  next?: string | null;
}

export interface TagCount {
  tag: string;
  count: number;
}

export interface ListDto {
  id: number;
  name: string;
  description: string;
  tags: string[];
  linkedCampaignId: number | null;
  subscribedCount: number;
  unsubscribedCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface ListMemberDto {
  contact: ContactDto;
  subscribed: boolean;
  subscribedAt: string;
  unsubscribedAt: string | null;
}

/** Where a CSV column goes: a contact field, a custom attribute, or nowhere. */
export type ImportTarget =
  | 'name'
  | 'phone'
  /** WhatsApp's user id, for customers who hide their number (issue 13). */
  | 'user_id'
  | 'email'
  | 'tags'
  | 'ignore'
  | `attribute:${string}`;

export interface ImportPreview {
  delimiter: string;
  encoding: 'utf-8' | 'latin1';
  headers: string[];
  /** The first rows, as text, for the mapping step. */
  rows: string[][];
  /** Lines in the file after the header (an estimate for progress). */
  rowCount: number;
  suggestedMapping: ImportTarget[];
}

/** What an imported row does to a contact that exists: replace what differs, or fill only what is empty. */
export type ImportMode = 'overwrite' | 'fill_empty';

/** How many existing contacts an import would change, and on which fields. */
export interface ImportFieldChanges {
  /** Contacts that would change at all. */
  contacts: number;
  name: number;
  email: number;
  /** Contacts with at least one attribute value set or replaced. */
  attributes: number;
  /** Contacts gaining a tag (tags are only added, whatever the mode). */
  tags: number;
}

/** The import looked at before it runs: nothing is written. */
export interface ImportCheck {
  totalRows: number;
  /** Rows that would add a contact. */
  new: number;
  /** Rows whose number is already a contact. */
  existing: number;
  changes: Record<ImportMode, ImportFieldChanges>;
  /** Rows that would be skipped (the report lists them after the import). */
  skipped: number;
  /** Rows that would go in with something to double-check. */
  warned: number;
}

export interface ImportRowError {
  /** 1-based line number in the file, the header being line 1. */
  row: number;
  reason: string;
  values: string[];
}

export interface ImportReport {
  importId: string;
  totalRows: number;
  created: number;
  /** Contacts already here that the file changed (a name, an email, an attribute, a tag). */
  updated: number;
  /** Rows that matched a contact already here and changed nothing on it. */
  unchanged: number;
  skipped: number;
  errors: ImportRowError[];
  /** Rows imported with something to double-check (a number in an unknown range). */
  warned: number;
  warnings: ImportRowError[];
  /** The skipped rows with a reason column, ready to fix and re-import. */
  errorCsv: string;
}

export interface CsvExport {
  fileName: string;
  csv: string;
  rows: number;
}
