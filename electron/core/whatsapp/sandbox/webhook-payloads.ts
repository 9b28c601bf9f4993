import type { SandboxPhoneNumber } from './state';

/** Webhook bodies in Meta's shapes (reference §6), built in one place so every sender agrees. */

export type JsonObject = Record<string, unknown>;

function envelope(wabaId: string, field: string, value: JsonObject, time?: number): JsonObject {
  return {
    object: 'whatsapp_business_account',
    entry: [{ id: wabaId, ...(time === undefined ? {} : { time }), changes: [{ field, value }] }],
  };
}

function messagesValue(number: SandboxPhoneNumber, rest: JsonObject): JsonObject {
  return {
    messaging_product: 'whatsapp',
    metadata: { display_phone_number: number.displayPhoneNumber, phone_number_id: number.id },
    ...rest,
  };
}

export interface StatusWebhook {
  wabaId: string;
  number: SandboxPhoneNumber;
  messageId: string;
  status: 'sent' | 'delivered' | 'read' | 'failed';
  /** Unix seconds; Meta sends it as a string. */
  timestamp: number;
  /** Null for a customer who hides their number: the status then names only their user id. */
  recipientId: string | null;
  recipientUserId: string | null;
  bizOpaqueCallbackData: string | null;
  pricing: { type: string; category: string } | null;
  /** Only for webhook versions before v24.0. */
  conversation: { id: string; originType: string; expiresAt: number } | null;
  error: { code: number; title: string; details: string } | null;
}

export function statusPayload(s: StatusWebhook): JsonObject {
  const status: JsonObject = {
    id: s.messageId,
    status: s.status,
    timestamp: String(s.timestamp),
    ...(s.recipientId !== null ? { recipient_id: s.recipientId } : {}),
    ...(s.recipientUserId !== null ? { recipient_user_id: s.recipientUserId } : {}),
  };
  if (s.bizOpaqueCallbackData !== null) status.biz_opaque_callback_data = s.bizOpaqueCallbackData;
  if (s.conversation) {
    status.conversation = {
      id: s.conversation.id,
      expiration_timestamp: String(s.conversation.expiresAt),
      origin: { type: s.conversation.originType },
    };
  }
  if (s.pricing) status.pricing = { billable: true, pricing_model: 'PMP', ...s.pricing };
  if (s.error) {
    status.errors = [
      {
        code: s.error.code,
        title: s.error.title,
        message: s.error.title,
        error_data: { details: s.error.details },
        href: 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/',
      },
    ];
  }
  return envelope(s.wabaId, 'messages', messagesValue(s.number, { statuses: [status] }));
}

/** Who a customer is in a webhook: a number, a user id and username, or both (reference §10). */
export interface CustomerIdentity {
  waId: string;
  name: string;
  userId: string | null;
  username: string | null;
  hidesNumber: boolean;
}

/** `contacts[]` of a `messages` or `user_preferences` value. */
export function contactOf(c: CustomerIdentity): JsonObject {
  return {
    profile: { name: c.name, ...(c.username ? { username: c.username } : {}) },
    ...(c.hidesNumber ? {} : { wa_id: c.waId }),
    ...(c.userId ? { user_id: c.userId } : {}),
  };
}

/** Who sent a `messages[]` item: `from` unless the number is hidden, `from_user_id` when known. */
export function senderOf(c: CustomerIdentity): JsonObject {
  return { ...(c.hidesNumber ? {} : { from: c.waId }), ...(c.userId ? { from_user_id: c.userId } : {}) };
}

export interface InboundWebhook {
  wabaId: string;
  number: SandboxPhoneNumber;
  customer: CustomerIdentity;
  /** The `messages[]` item without `from` / `from_user_id`, which are filled in here. */
  message: JsonObject & { id: string; timestamp: string; type: string };
}

export function inboundPayload(m: InboundWebhook): JsonObject {
  return envelope(
    m.wabaId,
    'messages',
    messagesValue(m.number, {
      contacts: [contactOf(m.customer)],
      messages: [{ ...senderOf(m.customer), ...m.message }],
    }),
  );
}

export function templateStatusPayload(t: {
  wabaId: string;
  time: number;
  event: string;
  templateId: string;
  name: string;
  language: string;
  category: string;
  reason: string;
  /** WhatsApp's words on a pause, disable or reinstatement. */
  otherInfo?: { title: string; description: string };
}): JsonObject {
  return envelope(
    t.wabaId,
    'message_template_status_update',
    {
      event: t.event,
      // A number, as in Meta's own example; the parser must take numbers and strings.
      message_template_id: Number(t.templateId),
      message_template_name: t.name,
      message_template_language: t.language,
      reason: t.reason,
      message_template_category: t.category,
      ...(t.otherInfo ? { other_info: t.otherInfo } : {}),
    },
    t.time,
  );
}
