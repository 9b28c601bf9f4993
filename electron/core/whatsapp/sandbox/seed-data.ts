import type { TemplateComponentDefinition } from '../client/types/templates';

/**
 * The demo business the sandbox starts with: one account, two numbers, a handful of customers and
 * templates (Meta's own `hello_world` among them), so a new install has something to send to.
 */

export const DEMO_BUSINESS = {
  id: '102290129340398',
  name: 'Wapidesk Demo Shop',
  /** The portfolio's messaging limit, shared by its numbers. */
  messagingLimitTier: 'TIER_250',
};

/** The Meta app the sandbox pretends the access token belongs to: uploads go to `/{app-id}/uploads`. */
export const DEMO_APP_ID = '1458296321874210';

/** The code the sandbox "sends" by SMS or voice when a number asks for one (shown in its control API). */
export const REGISTRATION_CODE = '123456';

export interface PhoneNumberSeed {
  id: string;
  displayPhoneNumber: string;
  verifiedName: string;
  qualityRating: string;
  throughputMps: number;
  /** On the Cloud API; false for a number only added to the account (it must be registered first). */
  registered: boolean;
  nameStatus: string;
}

export const DEMO_PHONE_NUMBERS: readonly PhoneNumberSeed[] = [
  {
    id: '106540352242922',
    displayPhoneNumber: '15550783881',
    verifiedName: 'Wapidesk Demo Shop',
    qualityRating: 'GREEN',
    throughputMps: 80,
    registered: true,
    nameStatus: 'APPROVED',
  },
  {
    id: '106540352242923',
    displayPhoneNumber: '15550783882',
    verifiedName: 'Wapidesk Demo Support',
    qualityRating: 'YELLOW',
    throughputMps: 80,
    registered: true,
    nameStatus: 'APPROVED',
  },
  // Added in WhatsApp Manager but not on the Cloud API yet: the "add a number" flow registers it.
  {
    id: '106540352242924',
    displayPhoneNumber: '15550783883',
    verifiedName: 'Wapidesk Demo Outlet',
    qualityRating: 'UNKNOWN',
    throughputMps: 80,
    registered: false,
    nameStatus: 'AVAILABLE_WITHOUT_REVIEW',
  },
];

export interface CustomerSeed {
  waId: string;
  name: string;
  userId?: string;
  username?: string;
  /** Known to the business only by username and user id (reference §10). */
  hidesNumber?: boolean;
  /** Minutes before start that the customer last wrote to the first number; null if never. */
  lastWroteMinutesAgo: number | null;
}

export const DEMO_CUSTOMERS: readonly CustomerSeed[] = [
  { waId: '15551234001', name: 'Asha Patel', lastWroteMinutesAgo: 10 },
  { waId: '447700900123', name: 'Oliver Smith', lastWroteMinutesAgo: 120 },
  { waId: '15551234002', name: 'Diego Ramírez', lastWroteMinutesAgo: 30 * 60 },
  { waId: '15551234003', name: 'Mei Chen', lastWroteMinutesAgo: null },
  { waId: '919876543210', name: 'Priya Sharma', lastWroteMinutesAgo: null },
  // A customer who hides their number behind a WhatsApp username: webhooks name her by user id only.
  {
    waId: '15551234005',
    name: 'Noor Haddad',
    userId: 'US.13491208655302741918',
    username: 'noor.bakes',
    hidesNumber: true,
    lastWroteMinutesAgo: 45,
  },
];

/**
 * Numbers ending in 0000 are "not on WhatsApp": sends to them are accepted, then fail with 131026
 * like a real unregistered number. Any other 7–15 digit number is a (new) customer on WhatsApp.
 */
export function isOnWhatsApp(waId: string): boolean {
  return !waId.endsWith('0000');
}

export interface TemplateSeed {
  id: string;
  name: string;
  language: string;
  category: 'MARKETING' | 'UTILITY' | 'AUTHENTICATION';
  status: string;
  parameterFormat: 'POSITIONAL' | 'NAMED';
  components: TemplateComponentDefinition[];
}

const ORDER_BUTTONS = (track: string, stop: string): TemplateComponentDefinition => ({
  type: 'BUTTONS',
  buttons: [
    { type: 'URL', text: track, url: 'https://shop.example.com/track/{{1}}', example: ['A123'] },
    { type: 'QUICK_REPLY', text: stop },
  ],
});

export const DEMO_TEMPLATES: readonly TemplateSeed[] = [
  {
    id: '1024578093746512',
    name: 'hello_world',
    language: 'en_US',
    category: 'UTILITY',
    status: 'APPROVED',
    parameterFormat: 'POSITIONAL',
    components: [
      { type: 'HEADER', format: 'TEXT', text: 'Hello World' },
      {
        type: 'BODY',
        text:
          'Welcome and congratulations!! This message demonstrates your ability to send a WhatsApp message ' +
          'notification from the Cloud API, hosted by Meta. Thank you for taking the time to test with us.',
      },
      { type: 'FOOTER', text: 'WhatsApp Business Platform sample message' },
    ],
  },
  {
    id: '1024578093746513',
    name: 'order_update',
    language: 'en_US',
    category: 'UTILITY',
    status: 'APPROVED',
    parameterFormat: 'POSITIONAL',
    components: [
      {
        type: 'BODY',
        text: 'Hi {{1}}, your order {{2}} has shipped.',
        example: { body_text: [['Pablo', '#123']] },
      },
      ORDER_BUTTONS('Track order', 'Stop updates'),
    ],
  },
  {
    id: '1024578093746514',
    name: 'order_update',
    language: 'es',
    category: 'UTILITY',
    status: 'APPROVED',
    parameterFormat: 'POSITIONAL',
    components: [
      {
        type: 'BODY',
        text: 'Hola {{1}}, tu pedido {{2}} ha sido enviado.',
        example: { body_text: [['Pablo', '#123']] },
      },
      ORDER_BUTTONS('Seguir pedido', 'No más avisos'),
    ],
  },
  {
    id: '1024578093746515',
    name: 'spring_sale',
    language: 'en_US',
    category: 'MARKETING',
    status: 'APPROVED',
    parameterFormat: 'POSITIONAL',
    components: [
      { type: 'HEADER', format: 'IMAGE', example: { header_handle: ['https://shop.example.com/sale.jpg'] } },
      {
        type: 'BODY',
        text: '{{1}}% off everything until {{2}}!',
        example: { body_text: [['20', 'Sunday']] },
      },
      { type: 'FOOTER', text: 'Reply STOP to opt out' },
      {
        type: 'BUTTONS',
        buttons: [
          { type: 'QUICK_REPLY', text: 'Shop now' },
          { type: 'QUICK_REPLY', text: 'Unsubscribe' },
        ],
      },
    ],
  },
  {
    id: '1024578093746516',
    name: 'booking_reminder',
    language: 'en_US',
    category: 'UTILITY',
    status: 'APPROVED',
    parameterFormat: 'NAMED',
    components: [
      {
        type: 'BODY',
        text: 'Hi {{first_name}}, your table for {{number_of_guests}} is booked.',
        example: {
          body_text_named_params: [
            { param_name: 'first_name', example: 'Pablo' },
            { param_name: 'number_of_guests', example: '4' },
          ],
        },
      },
    ],
  },
  {
    id: '1024578093746517',
    name: 'invoice_ready',
    language: 'en_US',
    category: 'UTILITY',
    status: 'APPROVED',
    parameterFormat: 'POSITIONAL',
    components: [
      {
        type: 'HEADER',
        format: 'DOCUMENT',
        example: { header_handle: ['https://shop.example.com/inv.pdf'] },
      },
      {
        type: 'BODY',
        text: 'Invoice {{1}} for {{2}} is attached.',
        example: { body_text: [['INV-7', '$10']] },
      },
    ],
  },
  {
    id: '1024578093746518',
    name: 'winter_clearance',
    language: 'en_US',
    category: 'MARKETING',
    status: 'PAUSED',
    parameterFormat: 'POSITIONAL',
    components: [{ type: 'BODY', text: 'Winter clearance: everything must go!' }],
  },
];
