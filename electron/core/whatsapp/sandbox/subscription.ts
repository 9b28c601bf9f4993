/** The Meta app the sandbox pretends the client belongs to, as `subscribed_apps` names it. */
export const SANDBOX_APP = { id: '1234567890123456', name: 'Wapidesk Sandbox App' };

/** One callback verification the sandbox performed, for tests and GET /_sandbox/subscription. */
export interface CallbackVerification {
  url: string;
  at: number;
  /** HTTP status of the answer; null when the URL could not be reached. */
  status: number | null;
  ok: boolean;
  error: string | null;
}

/**
 * The business account's webhook subscription: whether our app is subscribed, and the callback URL
 * registered with `override_callback_uri`, which wins over the app dashboard's (the sandbox's
 * `callbackUrl`). Not reset with the demo data: at Meta it outlives any message.
 */
export class SandboxSubscription {
  subscribed = true;
  overrideCallbackUri: string | null = null;
  readonly verifications: CallbackVerification[] = [];

  /** Where a webhook goes now, given the app dashboard's callback URL. */
  destination(appCallbackUrl: string | null): string | null {
    if (!this.subscribed) return null;
    return this.overrideCallbackUri ?? appCallbackUrl;
  }

  recordVerification(verification: CallbackVerification): void {
    this.verifications.push(verification);
    if (this.verifications.length > 100) this.verifications.splice(0, this.verifications.length - 100);
  }
}
