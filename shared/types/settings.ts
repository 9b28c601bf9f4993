import type { TunnelStatus } from './tunnel';

export type SecretKey = 'access_token' | 'app_secret' | 'verify_token';

export interface ConnectionSettingsDto {
  mode: 'sandbox' | 'cloud';
  businessAccountId: string;
  apiVersion: string;
  graphBaseUrl: string;
  /** Where secrets are kept and whether they can be set here. */
  secretStore: {
    backend: 'keychain' | 'encrypted-file' | 'sandbox' | 'environment';
    writable: boolean;
    message: string;
  };
  /** Which secrets are set; their values are never sent to the UI. */
  secretsSet: Record<SecretKey, boolean>;
  /** The public listener on this machine, e.g. http://127.0.0.1:8787. */
  localUrl: string | null;
  tunnel: TunnelStatus | null;
  webhooks: { pending: number; failed: number };
  phoneNumbers: {
    id: string;
    displayPhoneNumber: string;
    verifiedName: string | null;
    qualityRating: string | null;
    messagingLimitTier: string | null;
    throughputMps: number;
  }[];
}
