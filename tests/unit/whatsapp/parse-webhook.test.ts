import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  parseWebhook,
  type InboundMessage,
  type MessageEvent,
  type StatusEvent,
  type WebhookEvent,
} from '../../../electron/core/whatsapp/webhooks';

function fixture(name: string): unknown {
  return JSON.parse(
    readFileSync(new URL(`../../fixtures/webhooks/${name}`, import.meta.url), 'utf8'),
  ) as unknown;
}

function messagesById(events: WebhookEvent[]): Map<string, MessageEvent> {
  const found = events.filter((e): e is MessageEvent => e.kind === 'message');
  return new Map(found.map((e) => [e.message.id, e]));
}

/** Narrows to one message type, failing the test when the parser produced another. */
function ofType<T extends InboundMessage['type']>(event: MessageEvent | undefined, type: T) {
  expect(event?.message.type).toBe(type);
  return event?.message as Extract<InboundMessage, { type: T }>;
}

describe('parseWebhook: inbound messages', () => {
  const events = parseWebhook(fixture('messages-inbound.json'));
  const byId = messagesById(events);

  it('reads the envelope: account, number and the contact that wrote', () => {
    const text = byId.get('wamid.TEXT');
    expect(text).toMatchObject({
      kind: 'message',
      wabaId: '102290129340398',
      phoneNumberId: '106540352242922',
      displayPhoneNumber: '15550783881',
      contact: { waId: '16505551234', name: 'Sheena Nelson', userId: null },
    });
    expect(byId.get('wamid.CONTACTS')?.contact).toEqual({
      waId: '19835552319',
      name: 'Lucía Gómez',
      userId: 'US.13491208655302741918',
      username: null,
    });
  });

  it('turns string timestamps into Unix seconds', () => {
    expect(byId.get('wamid.TEXT')?.message.timestamp).toBe(1749416383);
  });

  it('reads text', () => {
    expect(ofType(byId.get('wamid.TEXT'), 'text').text).toBe('Does it come in another color?');
  });

  it('reads every media type with its optional fields', () => {
    expect(ofType(byId.get('wamid.IMAGE'), 'image').media).toEqual({
      id: '1003383421387256',
      mimeType: 'image/jpeg',
      sha256: 'abc123',
      caption: 'Taj Mahal',
      filename: null,
      url: 'https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1003383421387256',
      voice: null,
      animated: null,
    });
    expect(ofType(byId.get('wamid.VIDEO'), 'video').media.mimeType).toBe('video/mp4');
    expect(ofType(byId.get('wamid.DOCUMENT'), 'document').media).toMatchObject({
      filename: 'f.pdf',
      caption: 'c',
    });
    expect(ofType(byId.get('wamid.AUDIO'), 'audio').media).toMatchObject({
      mimeType: 'audio/ogg; codecs=opus',
      voice: true,
    });
    expect(ofType(byId.get('wamid.STICKER'), 'sticker').media).toMatchObject({ animated: false });
  });

  it('reads a location with numeric coordinates', () => {
    expect(ofType(byId.get('wamid.LOCATION'), 'location').location).toEqual({
      latitude: 37.44221496582,
      longitude: -122.16165924072,
      name: 'Philz Coffee',
      address: '101 Forest Ave, Palo Alto, CA 94301',
      url: 'https://philzcoffee.com',
    });
  });

  it('keeps shared contacts as sent', () => {
    const contacts = ofType(byId.get('wamid.CONTACTS'), 'contacts').contacts;
    expect(contacts[0]).toMatchObject({ org: { company: 'Google' } });
  });

  it('reads template quick-reply buttons with the quoted template', () => {
    const event = byId.get('wamid.BUTTON');
    expect(ofType(event, 'button').button).toEqual({ payload: 'Unsubscribe', text: 'Unsubscribe' });
    expect(event?.message.context).toMatchObject({
      id: 'wamid.TEMPLATE',
      from: '15550783881',
      forwarded: false,
    });
  });

  it('reads interactive button and list replies', () => {
    expect(ofType(byId.get('wamid.BUTTON_REPLY'), 'interactive').reply).toEqual({
      kind: 'button_reply',
      id: 'cancel-button',
      title: 'Cancel',
      description: null,
    });
    expect(ofType(byId.get('wamid.LIST_REPLY'), 'interactive').reply).toEqual({
      kind: 'list_reply',
      id: 'priority_express',
      title: 'Priority Mail Express',
      description: 'Next Day',
    });
  });

  it('reads a reaction, and an empty emoji as the reaction being removed', () => {
    expect(ofType(byId.get('wamid.REACTION'), 'reaction').reaction).toEqual({
      messageId: 'wamid.OURS',
      emoji: '👍',
    });
    expect(ofType(byId.get('wamid.UNREACTION'), 'reaction').reaction).toEqual({
      messageId: 'wamid.OURS',
      emoji: null,
    });
  });

  it('reads unsupported messages with their errors', () => {
    const unsupported = ofType(byId.get('wamid.UNSUPPORTED'), 'unsupported');
    expect(unsupported.unsupportedType).toBe('pool');
    expect(unsupported.errors).toEqual([
      {
        code: 131051,
        title: 'Message type unknown',
        message: 'Message type unknown',
        details: 'Message type is currently not supported.',
        href: null,
      },
    ]);
  });

  it('reads system messages (a changed number)', () => {
    expect(ofType(byId.get('wamid.SYSTEM'), 'system').system).toEqual({
      body: 'NAME changed from 16505551234 to 16505559999',
      kind: 'user_changed_number',
      newWaId: '16505559999',
      newUserId: null,
    });
  });

  it('reads replies, forwards and ad referrals', () => {
    expect(byId.get('wamid.REPLY')?.message.context).toMatchObject({ id: 'wamid.QUOTED', forwarded: false });
    expect(byId.get('wamid.FORWARDED')?.message.context).toMatchObject({
      id: null,
      forwarded: true,
      frequentlyForwarded: true,
    });
    const referral = byId.get('wamid.REFERRAL')?.message.referral;
    expect(referral).toMatchObject({ sourceType: 'ad', sourceId: '120', headline: 'Spring sale' });
    expect(referral?.raw.ctwa_clid).toBe('ARA');
  });

  it('keeps a type it does not model as `other`, with the raw item', () => {
    const order = ofType(byId.get('wamid.ORDER'), 'other');
    expect(order.originalType).toBe('order');
    expect(order.raw.order).toEqual({ catalog_id: '1', product_items: [] });
  });

  it('keeps an item whose body is missing as unknown instead of throwing or dropping it', () => {
    const unknown = events.filter((e) => e.kind === 'unknown');
    expect(unknown).toEqual([
      {
        kind: 'unknown',
        wabaId: '102290129340398',
        field: 'messages',
        value: { from: '16505551234', id: 'wamid.BROKEN_IMAGE', timestamp: '1749416402', type: 'image' },
      },
    ]);
    expect(events).toHaveLength(20);
  });
});

describe('parseWebhook: statuses and errors', () => {
  const events = parseWebhook(fixture('statuses.json'));
  const statuses = events.filter((e): e is StatusEvent => e.kind === 'status').map((e) => e.status);

  it('reads sent, delivered, read, played and failed in order', () => {
    expect(statuses.map((s) => s.status)).toEqual(['sent', 'delivered', 'read', 'played', 'failed']);
  });

  it('reads the callback data, pricing and the conversation when present', () => {
    expect(statuses[0]).toMatchObject({
      messageId: 'wamid.SENT',
      timestamp: 1750030073,
      recipientId: '16505551234',
      bizOpaqueCallbackData: 'campaign:42',
      pricing: { billable: true, pricingModel: 'PMP', type: 'regular', category: 'marketing' },
      conversation: { id: '72b1e4b1', expirationTimestamp: 1750116480, originType: 'marketing' },
    });
    expect(statuses[2]).toMatchObject({ pricing: null, conversation: null, bizOpaqueCallbackData: null });
  });

  it('reads the errors of a failed status', () => {
    expect(statuses[4]?.errors).toEqual([
      expect.objectContaining({
        code: 131049,
        details: 'In order to maintain a healthy ecosystem engagement, the message failed to be delivered.',
      }),
    ]);
  });

  it('keeps a status value it does not know as unknown', () => {
    expect(events.at(-1)).toMatchObject({ kind: 'unknown', field: 'messages', value: { status: 'deleted' } });
  });

  it('reads value.errors[] as error events and keeps an entry without a code raw', () => {
    const errorEvents = parseWebhook(fixture('value-errors.json'));
    expect(errorEvents[0]).toMatchObject({
      kind: 'error',
      phoneNumberId: '106540352242922',
      error: {
        code: 130429,
        title: 'Rate limit hit',
        details: 'Cloud API message throughput has been reached.',
      },
    });
    expect(errorEvents[1]).toEqual({
      kind: 'unknown',
      wabaId: '102290129340398',
      field: 'messages',
      value: { title: 'no code at all' },
    });
  });
});

describe('parseWebhook: account fields', () => {
  const events = (fixture('account-fields.json') as unknown[]).flatMap((payload) => parseWebhook(payload));

  it('reads template status updates, with numeric or string template ids', () => {
    expect(events[0]).toMatchObject({
      kind: 'template_status',
      time: 1751247548,
      event: 'APPROVED',
      templateId: '1689556908129832',
      templateName: 'order_confirmation',
      language: 'en_US',
      reason: 'NONE',
      category: 'UTILITY',
    });
    expect(events[1]).toMatchObject({ event: 'REJECTED', templateId: '1689556908129833', language: 'en-US' });
    expect(events[1]?.kind === 'template_status' && events[1].raw.rejection_info).toEqual({
      reason: 'INCORRECT_CATEGORY',
      recommendation: 'Use MARKETING',
    });
  });

  it('reads phone number quality updates, preferring the current limit field over the deprecated one', () => {
    expect(events[2]).toMatchObject({
      kind: 'phone_number_quality',
      event: 'THROUGHPUT_UPGRADE',
      displayPhoneNumber: '15550783881',
      messagingLimitTier: 'TIER_UNLIMITED',
    });
    expect(events[3]).toMatchObject({ event: 'FLAGGED', messagingLimitTier: 'TIER_1K' });
  });

  it('reads account updates and keeps their details raw', () => {
    expect(events[4]).toMatchObject({
      kind: 'account_update',
      event: 'ACCOUNT_RESTRICTION',
      time: 1751247551,
    });
    expect(events[5]).toMatchObject({ kind: 'account_update', event: 'DISABLED_UPDATE' });
    expect(events[5]?.kind === 'account_update' && events[5].raw.ban_info).toMatchObject({
      waba_ban_state: 'DISABLE',
    });
  });
});

describe('parseWebhook: what it does not understand', () => {
  const [page, notObject, account] = fixture('unknown-shapes.json') as unknown[];

  it('returns another object type or a non-object as one unknown event, never throwing', () => {
    expect(parseWebhook(page)).toEqual([{ kind: 'unknown', wabaId: null, field: null, value: page }]);
    expect(parseWebhook(notObject)).toEqual([
      { kind: 'unknown', wabaId: null, field: null, value: notObject },
    ]);
    expect(parseWebhook(undefined)).toEqual([
      { kind: 'unknown', wabaId: null, field: null, value: undefined },
    ]);
  });

  it('keeps unknown fields, malformed values and malformed entries raw', () => {
    const events = parseWebhook(account);
    expect(events.map((e) => [e.kind, e.wabaId, 'field' in e ? e.field : undefined])).toEqual([
      ['unknown', '102290129340398', 'calls'],
      ['unknown', '102290129340398', 'message_template_status_update'],
      ['unknown', '102290129340398', null],
      ['unknown', '102290129340398', 'messages'],
      ['unknown', null, null],
    ]);
    expect(events[0]).toMatchObject({ value: { calls: [{ id: 'call.1', event: 'connect' }] } });
  });
});

describe('parseWebhook: customers who hide their number (reference §10)', () => {
  const value = (rest: Record<string, unknown>) => ({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' },
              ...rest,
            },
          },
        ],
      },
    ],
  });
  const hidden = { profile: { name: 'Noor', username: 'noor.bakes' }, user_id: 'US.13491208655302741918' };

  it('reads a message with only `from_user_id`, its contact by user id and username', () => {
    const [event] = parseWebhook(
      value({
        contacts: [hidden],
        messages: [
          {
            from_user_id: 'US.13491208655302741918',
            id: 'wamid.HIDDEN',
            timestamp: '1760000000',
            type: 'text',
            text: { body: 'hi' },
          },
        ],
      }),
    );
    expect(event).toMatchObject({
      kind: 'message',
      contact: { waId: null, userId: 'US.13491208655302741918', username: 'noor.bakes', name: 'Noor' },
      message: { from: null, fromUserId: 'US.13491208655302741918', type: 'text', text: 'hi' },
    });
  });

  it('takes the sender’s keys from the message, never from a contact that does not match them', () => {
    const [event, second] = parseWebhook(
      value({
        contacts: [{ profile: { name: 'Asha' }, wa_id: '15551234001' }],
        messages: [
          {
            from_user_id: 'US.13491208655302741918',
            id: 'wamid.OTHER',
            timestamp: '1760000000',
            type: 'text',
            text: { body: 'hi' },
          },
        ],
      }),
    );
    expect(event).toMatchObject({
      kind: 'message',
      contact: { waId: null, userId: 'US.13491208655302741918' },
    });
    expect(second).toBeUndefined();
    // In a batch of several, an unmatched message gets no contact at all.
    const batch = parseWebhook(
      value({
        contacts: [
          { profile: { name: 'Asha' }, wa_id: '15551234001' },
          { profile: { name: 'Oliver' }, wa_id: '447700900123' },
        ],
        messages: [
          { from_user_id: 'US.1', id: 'wamid.X', timestamp: '1760000000', type: 'text', text: { body: 'x' } },
        ],
      }),
    );
    expect(batch[0]).toMatchObject({ kind: 'message', contact: null });
  });

  it('keeps a message naming neither a number nor a user id raw, as unknown', () => {
    const [event] = parseWebhook(
      value({
        messages: [{ id: 'wamid.NOBODY', timestamp: '1760000000', type: 'text', text: { body: 'x' } }],
      }),
    );
    expect(event).toMatchObject({ kind: 'unknown', field: 'messages' });
  });

  it('reads a status that names the recipient by user id only', () => {
    const [event] = parseWebhook(
      value({
        statuses: [
          {
            id: 'wamid.OUT',
            status: 'delivered',
            timestamp: '1760000001',
            recipient_user_id: 'US.13491208655302741918',
            recipient_parent_user_id: 'US.ENT.1',
          },
        ],
      }),
    );
    expect(event).toMatchObject({
      kind: 'status',
      status: { recipientId: null, recipientUserId: 'US.13491208655302741918', status: 'delivered' },
    });
  });

  it('reads `user_changed_user_id` with the new user id, and a number change with the new WhatsApp id', () => {
    const system = (body: Record<string, unknown>) =>
      parseWebhook(
        value({
          contacts: [hidden],
          messages: [
            {
              from_user_id: 'US.13491208655302741918',
              id: `wamid.${String(body.type)}`,
              timestamp: '1760000002',
              type: 'system',
              system: body,
            },
          ],
        }),
      )[0];
    expect(system({ type: 'user_changed_user_id', body: 'changed', new_user_id: 'US.2' })).toMatchObject({
      message: { system: { kind: 'user_changed_user_id', newUserId: 'US.2', newWaId: null } },
    });
    expect(system({ type: 'user_changed_number', body: 'changed', new_wa_id: '15550001111' })).toMatchObject({
      message: { system: { kind: 'user_changed_number', newWaId: '15550001111', newUserId: null } },
    });
  });
});
