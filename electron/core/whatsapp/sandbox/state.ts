import { isBusinessUserId } from '@shared/customer-id';
import type { BusinessProfile } from '../client/types/account';
import type { SandboxClock } from './clock';
import {
  DEMO_BUSINESS,
  DEMO_CUSTOMERS,
  DEMO_PHONE_NUMBERS,
  isOnWhatsApp,
  type PhoneNumberSeed,
} from './seed-data';
import { TemplateStore } from './template-store';
import { newRegistrationState, type RegistrationState, type RegistrationStep } from './registration-state';

/** A number of the account; `registration.registered` (not the seed's flag) says whether it is on the Cloud API. */
export interface SandboxPhoneNumber extends Omit<PhoneNumberSeed, 'registered'> {
  profile: BusinessProfile;
  /** The photo set with a resumable-upload handle; served at `profilePictureUrl`. */
  profilePicture: { data: Buffer; mimeType: string; version: number } | null;
  registration: RegistrationState;
}

/** A resumable upload session (`POST /{app-id}/uploads`) and the bytes received so far. */
export interface UploadSession {
  id: string;
  fileName: string;
  fileType: string;
  fileLength: number;
  received: Buffer[];
  offset: number;
  /** Set once every byte arrived: what `profile_picture_handle` names. */
  handle: string | null;
}

export interface Customer {
  /** Their number's digits: how the sandbox keys them, even when webhooks may not show it. */
  waId: string;
  name: string;
  /** Business-scoped user id (reference §10), e.g. US.13491208655302741918; null for none yet. */
  userId: string | null;
  /** WhatsApp username, without '@'. */
  username: string | null;
  /** Hides their number behind the username: webhooks carry only `user_id`, never `wa_id`. */
  hidesNumber: boolean;
  onWhatsApp: boolean;
  /** Said STOP: marketing templates now fail with 131050 until they say START. */
  optedOut: boolean;
  /** WhatsApp holds marketing back from them: marketing templates fail with 131049 while set. */
  marketingHeld: boolean;
  /** Per business number, when the customer last wrote (sandbox ms): the 24-hour window. */
  lastInboundAt: Map<string, number>;
}

export type OutboundStatus = 'accepted' | 'sent' | 'delivered' | 'read' | 'failed';

/** A message the sandbox accepted with 200, as GET /_sandbox/messages lists it. */
export interface OutboundRecord {
  id: string;
  phoneNumberId: string;
  to: string;
  waId: string;
  type: string;
  template: { name: string; language: string; category: string } | null;
  status: OutboundStatus;
  errors: { code: number; title: string }[];
  bizOpaqueCallbackData: string | null;
  acceptedAt: number;
  payload: unknown;
}

export interface InboundRecord {
  id: string;
  phoneNumberId: string;
  from: string;
  type: string;
  receivedAt: number;
  read: boolean;
  /** When the business last showed "typing…" against this message (sandbox ms). */
  typingAt: number | null;
}

export interface MediaRecord {
  id: string;
  phoneNumberId: string;
  mimeType: string;
  sha256: string;
  data: Buffer;
  filename: string | null;
  createdAt: number;
}

/**
 * The newest messages kept per direction. A benchmark may send millions; the oldest are forgotten
 * (they can no longer be marked read or listed) so memory stays flat.
 */
const MESSAGES_KEPT = 100_000;

/** Adds to an insertion-ordered map, dropping the oldest entry beyond `MESSAGES_KEPT`. */
export function remember<V>(map: Map<string, V>, key: string, value: V): void {
  map.set(key, value);
  if (map.size > MESSAGES_KEPT) {
    const oldest = map.keys().next().value;
    if (oldest !== undefined) map.delete(oldest);
  }
}

export interface StateSeed {
  phoneNumbers?: Partial<Omit<PhoneNumberSeed, 'id'>>[];
  messagingLimitTier?: string;
}

/** Everything the sandbox knows; `reset()` puts the demo data back. */
export class SandboxState {
  readonly business = { ...DEMO_BUSINESS };
  readonly phoneNumbers = new Map<string, SandboxPhoneNumber>();
  readonly customers = new Map<string, Customer>();
  readonly outbound = new Map<string, OutboundRecord>();
  readonly inbound = new Map<string, InboundRecord>();
  readonly media = new Map<string, MediaRecord>();
  readonly templates = new TemplateStore();
  readonly uploads = new Map<string, UploadSession>();
  /** Finished uploads by handle. */
  readonly uploadedFiles = new Map<string, { data: Buffer; mimeType: string; fileName: string }>();
  /** Registration steps a test asked to fail once, with the Graph error code to answer. */
  readonly registrationFaults = new Map<RegistrationStep, number>();

  constructor(
    private readonly seed: StateSeed,
    private readonly clock: SandboxClock,
  ) {
    this.reset();
  }

  reset(): void {
    this.business.messagingLimitTier = this.seed.messagingLimitTier ?? DEMO_BUSINESS.messagingLimitTier;
    this.phoneNumbers.clear();
    DEMO_PHONE_NUMBERS.forEach((number, index) => {
      this.phoneNumbers.set(number.id, {
        ...number,
        ...this.seed.phoneNumbers?.[index],
        profile: {
          about: 'Succulents and more, delivered.',
          address: '1 Demo Street, Springfield',
          description: 'A demo shop in the Wapidesk sandbox.',
          email: 'hello@shop.example.com',
          websites: ['https://shop.example.com/'],
          vertical: 'RETAIL',
        },
        profilePicture: null,
        registration: newRegistrationState(this.seed.phoneNumbers?.[index]?.registered ?? number.registered),
      });
    });
    this.customers.clear();
    const firstNumber = DEMO_PHONE_NUMBERS[0]?.id ?? '';
    for (const seed of DEMO_CUSTOMERS) {
      const customer = this.customer(seed.waId, seed.name);
      customer.userId = seed.userId ?? null;
      customer.username = seed.username ?? null;
      customer.hidesNumber = seed.hidesNumber ?? false;
      if (seed.lastWroteMinutesAgo !== null) {
        customer.lastInboundAt.set(firstNumber, this.clock.now() - seed.lastWroteMinutesAgo * 60_000);
      }
    }
    this.outbound.clear();
    this.inbound.clear();
    this.media.clear();
    this.templates.reset();
    this.uploads.clear();
    this.uploadedFiles.clear();
    this.registrationFaults.clear();
  }

  /** The customer with this WhatsApp id, created on first contact like any new number. */
  customer(waId: string, name?: string): Customer {
    let customer = this.customers.get(waId);
    if (!customer) {
      customer = {
        waId,
        name: name ?? `Customer ${waId.slice(-4)}`,
        userId: null,
        username: null,
        hidesNumber: false,
        onWhatsApp: isOnWhatsApp(waId),
        optedOut: false,
        marketingHeld: false,
        lastInboundAt: new Map(),
      };
      this.customers.set(waId, customer);
    }
    return customer;
  }

  /** The customer with this business-scoped user id, or undefined (user ids are never made up here). */
  customerByUserId(userId: string): Customer | undefined {
    for (const customer of this.customers.values()) if (customer.userId === userId) return customer;
    return undefined;
  }

  /**
   * The customer a control call names: by WhatsApp id (digits, created on first contact) or by user
   * id (must exist). Throws with words a tester reads.
   */
  customerByKey(key: string): Customer {
    if (isBusinessUserId(key)) {
      const customer = this.customerByUserId(key);
      if (!customer) throw new Error(`No customer has the user id ${key}`);
      return customer;
    }
    const waId = key.replace(/\D/g, '');
    if (!/^\d{7,15}$/.test(waId))
      throw new Error(`${key} is not a WhatsApp id (7 to 15 digits) or a user id`);
    return this.customer(waId);
  }

  /** Whether the customer wrote to this number within the last 24 hours. */
  windowOpen(customer: Customer, phoneNumberId: string): boolean {
    const last = customer.lastInboundAt.get(phoneNumberId);
    return last !== undefined && this.clock.now() - last < 24 * 60 * 60_000;
  }
}
