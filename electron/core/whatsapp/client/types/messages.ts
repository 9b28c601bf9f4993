/**
 * Outbound message bodies exactly as Graph takes them (reference §2), so a payload reads like Meta's
 * docs. Only `to`, `context` and `biz_opaque_callback_data` are added by the client.
 */

/** A media object is sent either by an uploaded media id or by a public link, never both. */
export type MediaRef = { id: string; link?: never } | { link: string; id?: never };

export type ImageMedia = MediaRef & { caption?: string };
export type VideoMedia = MediaRef & { caption?: string };
export type DocumentMedia = MediaRef & { caption?: string; filename?: string };
/** Audio and stickers take no caption. */
export type AudioMedia = MediaRef;
export type StickerMedia = MediaRef;

export interface TextContent {
  body: string;
  preview_url?: boolean;
}

export interface LocationContent {
  latitude: number;
  longitude: number;
  name?: string;
  address?: string;
}

export interface ReactionContent {
  message_id: string;
  /** An empty string removes an earlier reaction. */
  emoji: string;
}

// --- templates -------------------------------------------------------------------------------

/** Set on every parameter of a template with NAMED parameters (`^[a-z_]{1,20}$`); never mixed. */
interface MaybeNamed {
  parameter_name?: string;
}

export type TextParameter = MaybeNamed & { type: 'text'; text: string };
export type CurrencyParameter = MaybeNamed & {
  type: 'currency';
  currency: { fallback_value: string; code: string; amount_1000: number };
};
export type DateTimeParameter = MaybeNamed & { type: 'date_time'; date_time: { fallback_value: string } };
export type BodyParameter = TextParameter | CurrencyParameter | DateTimeParameter;

export type HeaderParameter =
  | BodyParameter
  | { type: 'image'; image: MediaRef }
  | { type: 'video'; video: MediaRef }
  | { type: 'document'; document: MediaRef & { filename?: string } }
  | { type: 'location'; location: LocationContent };

export type ButtonParameter =
  | { type: 'payload'; payload: string }
  | { type: 'text'; text: string }
  | { type: 'coupon_code'; coupon_code: string }
  | { type: 'action'; action: Record<string, unknown> };

export type TemplateButtonSubType = 'quick_reply' | 'url' | 'copy_code' | 'flow' | 'catalog' | 'mpm';

export type TemplateComponent =
  | { type: 'header'; parameters: HeaderParameter[] }
  | { type: 'body'; parameters: BodyParameter[] }
  | {
      type: 'button';
      sub_type: TemplateButtonSubType;
      /** Position of the button in the template; Graph documents a string, SDKs send numbers. */
      index: string | number;
      parameters: ButtonParameter[];
    };

export interface TemplateContent {
  name: string;
  language: { code: string; policy?: 'deterministic' };
  components?: TemplateComponent[];
}

// --- interactive -----------------------------------------------------------------------------

export type InteractiveHeader =
  | { type: 'text'; text: string }
  | { type: 'image'; image: MediaRef }
  | { type: 'video'; video: MediaRef }
  | { type: 'document'; document: MediaRef & { filename?: string } };

export interface ReplyButton {
  type: 'reply';
  reply: { id: string; title: string };
}

export interface InteractiveButtons {
  type: 'button';
  header?: InteractiveHeader;
  body: { text: string };
  footer?: { text: string };
  action: { buttons: ReplyButton[] };
}

export interface ListRow {
  id: string;
  title: string;
  description?: string;
}

export interface InteractiveList {
  type: 'list';
  header?: { type: 'text'; text: string };
  body: { text: string };
  footer?: { text: string };
  action: { button: string; sections: { title?: string; rows: ListRow[] }[] };
}

// --- the message -----------------------------------------------------------------------------

export type OutboundMessage =
  | { type: 'text'; text: TextContent }
  | { type: 'image'; image: ImageMedia }
  | { type: 'video'; video: VideoMedia }
  | { type: 'audio'; audio: AudioMedia }
  | { type: 'document'; document: DocumentMedia }
  | { type: 'sticker'; sticker: StickerMedia }
  | { type: 'location'; location: LocationContent }
  | { type: 'interactive'; interactive: InteractiveButtons | InteractiveList }
  | { type: 'template'; template: TemplateContent }
  | { type: 'reaction'; reaction: ReactionContent };

export type OutboundMessageType = OutboundMessage['type'];

export interface SendOptions {
  /** Quote an earlier message (`context.message_id`). */
  replyTo?: string;
  /** Up to 512 bytes, echoed in this message's status webhooks. */
  bizOpaqueCallbackData?: string;
  recipientIdentityKeyHash?: string;
}

/** `accepted | held_for_quality_assessment | paused`, only for paced templates; unknown values kept. */
export type PacingStatus = 'accepted' | 'held_for_quality_assessment' | 'paused' | (string & {});

export interface SendResult {
  /** The message id (`wamid.…`) that status webhooks will refer to. */
  wamid: string;
  /** The WhatsApp id Meta resolved `to` into; it may differ from what was sent. */
  waId: string | null;
  input: string | null;
  messageStatus: PacingStatus | null;
}
