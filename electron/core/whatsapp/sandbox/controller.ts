import { z } from 'zod';
import {
  applyConfigPatch,
  sandboxConfigPatchSchema,
  type SandboxConfig,
  type SandboxConfigPatch,
} from './config';
import type { SandboxContext } from './context';
import {
  changeTemplate,
  customerPreference,
  holdCustomerMarketing,
  setMessagingLimit,
  type marketingHoldSchema,
  type messagingLimitSchema,
  type preferenceSchema,
  type templateChangeSchema,
} from './account-events';
import { customerCalls, sendFieldWebhook, type CustomerCall } from './customer-calls';
import { receiveFromCustomer, type CustomerMessage } from './customer-inbound';
import { showcase } from './showcase';
import type { InboundRecord, OutboundRecord } from './state';
import type { RegistrationStep } from './registration-state';
import { DEMO_APP_ID, REGISTRATION_CODE } from './seed-data';
import type { CallbackVerification } from './subscription';
import type { JsonObject } from './webhook-payloads';
import type { WebhookDelivery } from './webhook-sender';
import { identitySchema, setCustomerIdentity } from './customer-identity';

export interface SandboxInfo {
  /** Give this to the client as `baseUrl`. */
  baseUrl: string;
  apiVersion: string;
  accessToken: string;
  appSecret: string;
  callbackUrl: string | null;
  /** The callback registered with `POST /{waba-id}/subscribed_apps`; it wins over `callbackUrl`. */
  callbackOverride: string | null;
  /** The `facebook-api-version` every answer carries: the version asked for unless set otherwise. */
  answerApiVersion: string | null;
  businessAccountId: string;
  businessName: string;
  /** The Meta app of the resumable upload API (`POST /{app-id}/uploads`). */
  appId: string;
  messagingLimitTier: string;
  /** The code every `request_code` "sends" (a real one arrives by SMS or voice call). */
  registrationCode: string;
  phoneNumbers: {
    id: string;
    displayPhoneNumber: string;
    verifiedName: string;
    qualityRating: string;
    throughputMps: number;
    /** On the Cloud API; an unregistered number neither sends nor receives. */
    registered: boolean;
    codeVerificationStatus: 'VERIFIED' | 'NOT_VERIFIED';
    twoStepPinSet: boolean;
  }[];
  customers: {
    waId: string;
    name: string;
    userId: string | null;
    username: string | null;
    /** Webhooks name them by user id only; send to them with `recipient`. */
    hidesNumber: boolean;
    optedOut: boolean;
    marketingHeld: boolean;
    onWhatsApp: boolean;
    windowOpenOn: string[];
  }[];
  notOnWhatsApp: string;
}

export const phoneNumberPatchSchema = z
  .object({
    qualityRating: z.enum(['GREEN', 'YELLOW', 'RED', 'UNKNOWN', 'NA']),
    throughputMps: z.number().int().min(1),
  })
  .partial()
  .strict();

export interface MessageFilter {
  to?: string;
  phoneNumberId?: string;
  status?: string;
}

/** What tests and the control API can do to a running sandbox; both go through here. */
export class SandboxController {
  constructor(
    private readonly ctx: SandboxContext,
    private current: { config: SandboxConfig },
    /** Known once the server listens. */
    private readonly baseUrl: () => string,
  ) {}

  info(): SandboxInfo {
    const { state, accessToken, apiVersion } = this.ctx;
    const config = this.current.config;
    const numbers = [...state.phoneNumbers.values()];
    return {
      baseUrl: this.baseUrl(),
      apiVersion,
      accessToken,
      appSecret: config.appSecret,
      callbackUrl: config.callbackUrl,
      callbackOverride: this.ctx.subscription.overrideCallbackUri,
      answerApiVersion: config.answerApiVersion,
      businessAccountId: state.business.id,
      businessName: state.business.name,
      appId: DEMO_APP_ID,
      messagingLimitTier: state.business.messagingLimitTier,
      registrationCode: REGISTRATION_CODE,
      phoneNumbers: numbers.map((n) => ({
        id: n.id,
        displayPhoneNumber: n.displayPhoneNumber,
        verifiedName: n.verifiedName,
        qualityRating: n.qualityRating,
        throughputMps: n.throughputMps,
        registered: n.registration.registered,
        codeVerificationStatus: n.registration.codeVerification,
        twoStepPinSet: n.registration.pin !== null,
      })),
      customers: [...state.customers.values()].map((c) => ({
        waId: c.waId,
        name: c.name,
        userId: c.userId,
        username: c.username,
        hidesNumber: c.hidesNumber,
        optedOut: c.optedOut,
        marketingHeld: c.marketingHeld,
        onWhatsApp: c.onWhatsApp,
        windowOpenOn: numbers.filter((n) => state.windowOpen(c, n.id)).map((n) => n.id),
      })),
      notOnWhatsApp: 'Numbers ending in 0000 are not on WhatsApp: sends to them fail with 131026.',
    };
  }

  config(): SandboxConfig {
    return this.current.config;
  }

  /** Throws a ZodError naming the field when the patch is not valid. */
  configure(patch: SandboxConfigPatch): SandboxConfig {
    this.current.config = applyConfigPatch(this.current.config, sandboxConfigPatchSchema.parse(patch));
    return this.current.config;
  }

  /** A simulated customer writes in; returns the new message's wamid. */
  customerSends(waId: string, message: CustomerMessage): { id: string; mediaId: string | null } {
    const result = receiveFromCustomer(this.ctx, waId, message);
    if (!result.ok) throw new Error(result.error);
    return { id: result.id, mediaId: result.mediaId };
  }

  /** A customer sends one message of every inbound type, a quarter of a second apart. */
  showcase(waId: string, phoneNumberId?: string): void {
    if (!/^\d{7,15}$/.test(waId)) throw new Error(`${waId} is not a WhatsApp id (7 to 15 digits)`);
    showcase(this.ctx, waId, phoneNumberId);
  }

  /** What customers sent, with whether the business read it and showed "typing…". */
  inbound(filter: { from?: string } = {}): InboundRecord[] {
    return [...this.ctx.state.inbound.values()].filter((m) => !filter.from || m.from === filter.from);
  }

  /** A simulated customer calls (or hangs up): the Calling API's `calls` webhook. */
  customerCalls(waId: string, call: CustomerCall): { callId: string } {
    return customerCalls(this.ctx, waId, call);
  }

  /** The customer presses WhatsApp's own marketing stop or resume: `user_preferences`. */
  customerPreference(waId: string, input: z.input<typeof preferenceSchema>): void {
    customerPreference(this.ctx, waId, input);
  }

  /**
   * The customer sets a username, hides or shows their number, or gets a new user id (then a
   * `user_changed_user_id` system message goes out, as WhatsApp sends one).
   */
  setIdentity(key: string, input: z.input<typeof identitySchema>): void {
    setCustomerIdentity(this.ctx, key, input);
  }

  /** WhatsApp holds marketing back from the customer (their marketing sends fail with 131049). */
  holdMarketing(waId: string, input: z.input<typeof marketingHoldSchema>): void {
    holdCustomerMarketing(this.ctx, waId, input);
  }

  /** WhatsApp pauses, disables, re-rates or re-categorises a template, and says so by webhook. */
  changeTemplate(id: string, input: z.input<typeof templateChangeSchema>): { id: string; status: string } {
    const template = changeTemplate(this.ctx, id, input);
    return { id: template.id, status: template.status };
  }

  /** The portfolio's messaging limit changes: `business_capability_update`. */
  setMessagingLimit(input: z.input<typeof messagingLimitSchema>): void {
    setMessagingLimit(this.ctx, input);
  }

  /** A signed webhook of any field, e.g. `smb_message_echoes`, in Meta's envelope. */
  sendWebhook(field: string, value: JsonObject): void {
    sendFieldWebhook(this.ctx, field, value);
  }

  /** The verification GETs sent to callback URLs registered through `subscribed_apps`, oldest first. */
  callbackVerifications(): readonly CallbackVerification[] {
    return this.ctx.subscription.verifications;
  }

  messages(filter: MessageFilter = {}): OutboundRecord[] {
    return [...this.ctx.state.outbound.values()].filter(
      (m) =>
        (!filter.to || m.waId === filter.to.replace(/\D/g, '')) &&
        (!filter.phoneNumberId || m.phoneNumberId === filter.phoneNumberId) &&
        (!filter.status || m.status === filter.status),
    );
  }

  webhookDeliveries(): readonly WebhookDelivery[] {
    return this.ctx.webhooks.deliveries();
  }

  setPhoneNumber(id: string, patch: z.input<typeof phoneNumberPatchSchema>): void {
    const number = this.ctx.state.phoneNumbers.get(id);
    if (!number) throw new Error(`No phone number ${id}`);
    Object.assign(number, phoneNumberPatchSchema.parse(patch));
  }

  /** The next call of a registration step answers this Graph error code (once). */
  failNextRegistrationStep(step: RegistrationStep, code: number): void {
    this.ctx.state.registrationFaults.set(step, code);
  }

  /** Moves the sandbox clock forward, e.g. 25 hours to close every service window. */
  advanceClock(ms: number): void {
    this.ctx.clock.advance(ms);
  }

  /** Back to the demo data: scheduled statuses and webhooks are dropped, the configuration stays. */
  reset(): void {
    this.ctx.scheduler.cancelTimers();
    this.ctx.clock.reset();
    this.ctx.state.reset();
    this.ctx.limits.clear();
    this.ctx.webhooks.clear();
  }

  /** Resolves when every scheduled status, review and webhook (with its retries) is done. */
  idle(): Promise<void> {
    return this.ctx.scheduler.idle();
  }
}
