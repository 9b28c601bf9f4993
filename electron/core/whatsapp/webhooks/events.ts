/**
 * What `parseWebhook` turns Meta's payloads into (reference §6). Every event keeps the raw JSON it came
 * from, so a field this code does not model yet is never lost.
 */

export type RawObject = Record<string, unknown>;

/** An entry of `errors[]`, in a failed status, an unsupported message or `value.errors`. */
export interface WebhookError {
  code: number;
  title: string | null;
  message: string | null;
  details: string | null;
  href: string | null;
}

export interface MessageContext {
  /** The quoted message: ours (a wamid we sent) or theirs. */
  id: string | null;
  from: string | null;
  forwarded: boolean;
  frequentlyForwarded: boolean;
  /** Set when the customer asks about a catalog product. */
  referredProduct: RawObject | null;
}

/** Click-to-WhatsApp ad the conversation started from. */
export interface Referral {
  sourceUrl: string | null;
  sourceId: string | null;
  sourceType: string | null;
  headline: string | null;
  body: string | null;
  raw: RawObject;
}

export interface InboundMedia {
  id: string;
  mimeType: string | null;
  sha256: string | null;
  caption: string | null;
  filename: string | null;
  /** Newer payloads carry a download URL; it still needs the bearer token. */
  url: string | null;
  /** Audio: a voice note rather than a file. */
  voice: boolean | null;
  /** Stickers. */
  animated: boolean | null;
}

export const INBOUND_MEDIA_TYPES = ['image', 'video', 'audio', 'document', 'sticker'] as const;
export type InboundMediaType = (typeof INBOUND_MEDIA_TYPES)[number];

/** One member per media type, so `message.type === 'image'` narrows like any other type. */
type MediaContent = { [T in InboundMediaType]: { type: T; media: InboundMedia } }[InboundMediaType];

export type InboundContent =
  | { type: 'text'; text: string }
  | MediaContent
  | {
      type: 'location';
      location: {
        latitude: number;
        longitude: number;
        name: string | null;
        address: string | null;
        url: string | null;
      };
    }
  | { type: 'contacts'; contacts: RawObject[] }
  /** A quick-reply button of a template. */
  | { type: 'button'; button: { payload: string | null; text: string } }
  | {
      type: 'interactive';
      reply: { kind: 'button_reply' | 'list_reply'; id: string; title: string; description: string | null };
    }
  /** `emoji` null means the customer removed their reaction (Meta sends an empty string). */
  | { type: 'reaction'; reaction: { messageId: string; emoji: string | null } }
  /** The customer edited an earlier message; `message` is its new content (null: a shape not modelled). */
  | { type: 'edit'; edit: { originalMessageId: string; message: EditedContent | null } }
  /** The customer deleted an earlier message for everyone (reference §10). */
  | { type: 'revoke'; revoke: { originalMessageId: string } }
  | { type: 'unsupported'; errors: WebhookError[]; unsupportedType: string | null }
  | {
      type: 'system';
      /**
       * `user_changed_number` carries the new WhatsApp id; `user_changed_user_id` the customer's new
       * business-scoped user id (the message itself still comes from the old one).
       */
      system: { body: string | null; kind: string | null; newWaId: string | null; newUserId: string | null };
    }
  /** A type this parser does not model (order, nfm_reply, …): see `raw`. */
  | { type: 'other'; originalType: string };

/** What an edit can carry: the new text, or a media message with its new caption. */
export type EditedContent = Extract<InboundContent, { type: 'text' } | { type: InboundMediaType }>;

export type InboundMessage = InboundContent & {
  id: string;
  /**
   * The customer's WhatsApp id (their number's digits). Absent when they hide their number behind a
   * username (reference §10): then only `fromUserId` says who wrote. The parser ensures one of them.
   */
  from: string | null;
  /** The customer's business-scoped user id (BSUID), e.g. US.13491208655302741918. */
  fromUserId: string | null;
  /** Unix seconds. */
  timestamp: number;
  context: MessageContext | null;
  referral: Referral | null;
  raw: RawObject;
};

export interface Contact {
  /** Absent for a customer who hides their number. */
  waId: string | null;
  name: string | null;
  userId: string | null;
  /** Their WhatsApp username (`profile.username`), without '@'. */
  username: string | null;
}

export interface MessagesFieldBase {
  wabaId: string;
  phoneNumberId: string;
  displayPhoneNumber: string | null;
}

export interface MessageEvent extends MessagesFieldBase {
  kind: 'message';
  contact: Contact | null;
  message: InboundMessage;
}

export const DELIVERY_STATUSES = ['sent', 'delivered', 'read', 'played', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface StatusUpdate {
  /** The wamid returned when the message was sent. */
  messageId: string;
  status: DeliveryStatus;
  timestamp: number;
  recipientId: string | null;
  /** The recipient's business-scoped user id; a status may carry only this (reference §10). */
  recipientUserId: string | null;
  bizOpaqueCallbackData: string | null;
  errors: WebhookError[];
  pricing: {
    billable: boolean | null;
    pricingModel: string | null;
    type: string | null;
    category: string | null;
  } | null;
  conversation: { id: string; expirationTimestamp: number | null; originType: string | null } | null;
  raw: RawObject;
}

export interface StatusEvent extends MessagesFieldBase {
  kind: 'status';
  status: StatusUpdate;
}

/** An asynchronous API error that belongs to no single message (`value.errors[]`). */
export interface ErrorEvent extends MessagesFieldBase {
  kind: 'error';
  error: WebhookError;
}

export interface TemplateStatusEvent {
  kind: 'template_status';
  wabaId: string;
  /** `entry[].time`, Unix seconds, when present. */
  time: number | null;
  event: string;
  templateId: string;
  templateName: string;
  language: string;
  reason: string | null;
  /** `message_template_category`, or the newer `category`. */
  category: string | null;
  /**
   * What WhatsApp said about it, in its words: `other_info` (FIRST_PAUSE, SECOND_PAUSE,
   * RATE_LIMITING_PAUSE, UNPAUSE, DISABLED and a description), `rejection_info`, `disable_info`.
   */
  info: string | null;
  raw: RawObject;
}

/** `message_template_quality_update`: GREEN, YELLOW, RED or UNKNOWN. */
export interface TemplateQualityEvent {
  kind: 'template_quality';
  wabaId: string;
  time: number | null;
  templateId: string;
  templateName: string;
  language: string;
  previousScore: string | null;
  newScore: string;
  raw: RawObject;
}

/** `template_category_update`: WhatsApp moved a template to another category. */
export interface TemplateCategoryEvent {
  kind: 'template_category';
  wabaId: string;
  time: number | null;
  templateId: string;
  templateName: string;
  language: string | null;
  previousCategory: string | null;
  newCategory: string;
  raw: RawObject;
}

/**
 * `user_preferences`: the customer pressed WhatsApp's own "stop" (or "resume") for marketing
 * messages from this business (reference §10). One event per `user_preferences[]` item.
 */
export interface UserPreferenceEvent extends MessagesFieldBase {
  kind: 'user_preference';
  /** The customer's WhatsApp id; null when only a business-scoped user id was given. */
  waId: string | null;
  userId: string | null;
  name: string | null;
  /** `stop`, `resume` or `signup` (or a value this code does not know yet). */
  value: string;
  category: string | null;
  detail: string | null;
  /** Unix seconds; null when absent. */
  timestamp: number | null;
  raw: RawObject;
}

/**
 * `business_capability_update`: the portfolio's messaging limit, shared by all its numbers.
 * `dailyLimit` null means unlimited (-1 or TIER_UNLIMITED); undefined when the payload has none.
 */
export interface BusinessCapabilityEvent {
  kind: 'business_capability';
  wabaId: string;
  time: number | null;
  tier: string | null;
  dailyLimit: number | null | undefined;
  maxPhoneNumbers: number | null;
  raw: RawObject;
}

export interface PhoneNumberQualityEvent {
  kind: 'phone_number_quality';
  wabaId: string;
  time: number | null;
  displayPhoneNumber: string | null;
  event: string;
  /** `max_daily_conversations_per_business`, else the deprecated `current_limit`. */
  messagingLimitTier: string | null;
  raw: RawObject;
}

export interface AccountUpdateEvent {
  kind: 'account_update';
  wabaId: string;
  time: number | null;
  event: string;
  raw: RawObject;
}

/** Anything not understood: a field, an item that does not have the expected shape, another object. */
export interface UnknownEvent {
  kind: 'unknown';
  wabaId: string | null;
  field: string | null;
  value: unknown;
}

export type WebhookEvent =
  | MessageEvent
  | StatusEvent
  | ErrorEvent
  | TemplateStatusEvent
  | TemplateQualityEvent
  | TemplateCategoryEvent
  | UserPreferenceEvent
  | BusinessCapabilityEvent
  | PhoneNumberQualityEvent
  | AccountUpdateEvent
  | UnknownEvent;
