import type { TunnelSettingsDto } from './tunnel';

/** Where the registration of the callback URL with Meta stands. */
export type CallbackState = 'idle' | 'registering' | 'verified' | 'failed' | 'off';

export interface CallbackDto {
  /** Only cloud mode registers with Meta; the sandbox delivers to this computer directly. */
  applies: boolean;
  /** The owner's switch: Wapidesk points Meta at its public URL by itself. */
  automatic: boolean;
  state: CallbackState;
  /** The `<public url>/webhook` being registered, or last registered. */
  targetUrl: string | null;
  /** The URL Meta verified and shows in force. */
  registeredUrl: string | null;
  registeredAt: string | null;
  verifiedAt: string | null;
  lastAttemptAt: string | null;
  /** In plain words; null once a registration succeeds. */
  lastError: string | null;
  /** When the next automatic attempt is due (ISO 8601), while one is scheduled. */
  nextAttemptAt: string | null;
}

export interface ApiVersionDto {
  /** `[whatsapp] api_version`. */
  asked: string;
  /** The `facebook-api-version` Meta answered with last; null before any answer this run. */
  answered: string | null;
  answeredAt: string | null;
  /** When Meta answers with another version: which was asked, which answered, and what to do. */
  warning: string | null;
}

export interface WebhookFieldDto {
  /** `messages`, `calls`, `smb_message_echoes`, … */
  field: string;
  received: number;
  /** Kept without being applied: nothing in Wapidesk uses them yet. */
  keptOnly: number;
  firstSeenAt: string;
  lastSeenAt: string;
}

/** How Meta reaches this computer: API version, tunnel, callback registration and webhooks seen. */
export interface ConnectivityDto {
  mode: 'sandbox' | 'cloud';
  apiVersion: ApiVersionDto;
  tunnel: TunnelSettingsDto;
  callback: CallbackDto;
  webhooks: {
    lastReceivedAt: string | null;
    fields: WebhookFieldDto[];
  };
}
