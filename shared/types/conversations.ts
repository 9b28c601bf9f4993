import type { MessageDto } from './messages';

/** The inbox's views: open conversations (all, mine, nobody's) and resolved ones. */
export const CONVERSATION_VIEWS = ['all', 'mine', 'unassigned', 'resolved'] as const;
export type ConversationView = (typeof CONVERSATION_VIEWS)[number];

export type ConversationStatus = 'open' | 'resolved';

/** The customer a conversation is with, as the inbox shows them. */
export interface ConversationContact {
  id: number;
  name: string;
  /** E.164; null for a customer known only by their WhatsApp username (issue 13). */
  phone: string | null;
  /** Their WhatsApp username, where WhatsApp gave one. */
  username: string | null;
  /** Where they are reached: their WhatsApp id, or their user id when they hide their number. */
  waId: string;
  optedOut: boolean;
  blocked: boolean;
  tags: string[];
}

export interface ConversationAssignee {
  id: number;
  name: string;
}

/** What the list shows of the last message. */
export interface LastMessagePreview {
  id: number;
  direction: 'in' | 'out';
  /** A line a person reads: the text, or "📷 Photo", "📄 invoice.pdf"… */
  preview: string;
  status: MessageDto['status'];
  at: string;
}

/** The 24-hour customer service window of a conversation (reference §9). */
export interface ServiceWindow {
  open: boolean;
  /** When it closes (open) or closed (closed); null when the customer never wrote. */
  closesAt: string | null;
}

export interface ConversationDto {
  id: number;
  phoneNumberId: string;
  contact: ConversationContact;
  status: ConversationStatus;
  assignee: ConversationAssignee | null;
  unreadCount: number;
  labels: string[];
  lastMessage: LastMessagePreview | null;
  lastActivityAt: string;
  /** When the customer last wrote; null when they never did (a conversation an agent started). */
  lastInboundAt: string | null;
  window: ServiceWindow;
  createdAt: string;
  resolvedAt: string | null;
  /** Search only: the message text that matched, when the match was in the thread. */
  match?: { messageId: number; text: string } | null;
}

/** A page of the list; `nextCursor` fetches the next (older activity) page, null at the end. */
export interface ConversationPage {
  items: ConversationDto[];
  nextCursor: string | null;
}

export interface ViewCount {
  /**
   * Conversations in the view with unread customer messages. (Totals are not counted: on 50,000
   * conversations counting every open one costs more than the list itself; the list pages instead.)
   */
  unread: number;
}

export type ConversationCounts = Record<ConversationView, ViewCount>;

/** Media of a message, as the thread shows it. */
export interface ThreadMedia {
  /** The file in this app's media library; null until an inbound file is downloaded. */
  mediaId: number | null;
  mimeType: string | null;
  fileName: string | null;
  sizeBytes: number | null;
  caption: string | null;
  /** Audio recorded as a voice note. */
  voice: boolean;
  /** An inbound file WhatsApp could not give us. */
  unavailable: boolean;
}

/** A card from a shared contact (Meta's `contacts[]` item, the fields people read). */
export interface SharedContactCard {
  name: string;
  phones: { phone: string; waId: string | null; type: string | null }[];
  emails: string[];
  organization: string | null;
}

/** What a message holds, per type; the thread renders each. */
export type ThreadContent =
  | { kind: 'text'; text: string }
  | { kind: 'media'; type: 'image' | 'video' | 'audio' | 'document' | 'sticker'; media: ThreadMedia }
  | {
      kind: 'location';
      latitude: number;
      longitude: number;
      name: string | null;
      address: string | null;
      mapUrl: string;
    }
  | { kind: 'contacts'; contacts: SharedContactCard[] }
  | { kind: 'button'; text: string; payload: string | null }
  | {
      kind: 'interactive';
      reply: 'button_reply' | 'list_reply';
      id: string;
      title: string;
      description: string | null;
    }
  | { kind: 'reaction'; emoji: string | null; toMessageId: number | null }
  | {
      kind: 'template';
      name: string;
      language: string;
      header: string | null;
      body: string;
      footer: string | null;
      buttons: string[];
      media: ThreadMedia | null;
    }
  | { kind: 'unsupported'; reason: string }
  | { kind: 'system'; text: string };

/** The message a reply quotes. */
export interface QuotedMessage {
  id: number;
  direction: 'in' | 'out';
  preview: string;
}

export interface ThreadMessage {
  id: number;
  waMessageId: string | null;
  direction: 'in' | 'out';
  type: string;
  content: ThreadContent;
  status: MessageDto['status'];
  error: MessageDto['error'];
  createdAt: string;
  sentAt: string | null;
  deliveredAt: string | null;
  readAt: string | null;
  failedAt: string | null;
  quoted: QuotedMessage | null;
  /** The customer quoted a message we no longer have. */
  quotesUnknown: boolean;
  forwarded: boolean;
  /** Sent by a campaign: it is marked as such in the thread. */
  campaign: { id: number; name: string } | null;
  /** Who sent it from the inbox; null for campaigns, the API and automatic replies. */
  sentBy: { id: number; name: string } | null;
  /** Sent by a keyword auto-reply rule (counted as sent by the system). */
  autoReply: { id: number; name: string } | null;
  /** The customer edited it: the content is the latest version. */
  editedAt: string | null;
  /** The customer deleted it: its content is gone. */
  deletedAt: string | null;
  /** The customer's reaction to this message, if any. */
  reaction: string | null;
  /** Sending it again is safe: WhatsApp never accepted it, or it is unconfirmed and a person decides. */
  retry: 'safe' | 'confirm' | null;
}

export interface ThreadPage {
  /** Oldest first. */
  items: ThreadMessage[];
  /** Fetch older messages with `before: olderCursor`; null when the start of the thread is reached. */
  olderCursor: number | null;
}

export interface ConversationNoteDto {
  id: number;
  conversationId: number;
  author: { id: number; name: string } | null;
  text: string;
  createdAt: string;
}

/** A campaign the contact received and what became of it. */
export interface ContactCampaignDto {
  campaignId: number;
  name: string;
  sentAt: string | null;
  status: MessageDto['status'];
  /** The customer wrote back after it (before the next campaign reached them). */
  replied: boolean;
  errorTitle: string | null;
}

/** Someone a conversation can be assigned to. */
export interface AssignableMember {
  id: number;
  name: string;
  /** Reads every conversation (else only theirs and unassigned ones). */
  readsAll: boolean;
  available: boolean;
}

export interface InboxPreferences {
  /** Whether new unassigned conversations should notify this member. */
  available: boolean;
}

export const INBOX_NOTIFICATION_KINDS = ['new_conversation', 'new_message', 'assigned_to_you'] as const;
export type InboxNotificationKind = (typeof INBOX_NOTIFICATION_KINDS)[number];

/**
 * Something a member should be told about: a new conversation, a customer message in one assigned
 * to them (or in an unassigned one while they are available), a conversation handed to them. The
 * core decides who (`userIds`); the browser shows it with the Notification API, the desktop app natively.
 */
export interface InboxNotification {
  kind: InboxNotificationKind;
  conversationId: number;
  assignedUserId: number | null;
  /** The members to tell; each still hears it only while allowed to read the conversation. */
  userIds: number[];
  /** The customer's name as shown. */
  title: string;
  /** The message preview, or who assigned it. */
  body: string;
  at: string;
}
