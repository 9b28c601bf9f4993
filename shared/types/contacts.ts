export type ContactStatus = 'active' | 'blocked';

export interface ContactDto {
  id: number;
  name: string;
  /** E.164, e.g. +919876543210. */
  phone: string;
  /** WhatsApp id: the phone's digits without '+', or what Meta reported. */
  waId: string;
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
export type ImportTarget = 'name' | 'phone' | 'email' | 'tags' | 'ignore' | `attribute:${string}`;

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
  updated: number;
  skipped: number;
  errors: ImportRowError[];
  /** The skipped rows with a reason column, ready to fix and re-import. */
  errorCsv: string;
}

export interface CsvExport {
  fileName: string;
  csv: string;
  rows: number;
}
