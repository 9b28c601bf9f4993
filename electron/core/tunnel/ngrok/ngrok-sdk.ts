/**
 * The part of ngrok's official Node SDK (`@ngrok/ngrok`) that Wapidesk uses. The SDK is an optional
 * dependency with a native module per platform: it is named through a variable so neither the
 * bundler nor the type checker needs it, and loaded only when a shop chooses ngrok (as keytar is, in
 * secrets/keytar-backend.ts).
 */
const NGROK_MODULE = '@ngrok/ngrok';

export interface NgrokListener {
  /** The public URL, e.g. `https://myshop.ngrok-free.app`. */
  url(): string | null;
  close(): Promise<void>;
}

export interface NgrokForwardConfig {
  /** `host:port` of the public listener. */
  addr: string;
  authtoken: string;
  /** The free static domain; absent for a random URL. */
  domain?: string;
  /** `closed` when the session loses ngrok's servers, `connected` once the SDK reconnects it. */
  onStatusChange?: (status: string) => void;
}

export interface NgrokSdk {
  forward(config: NgrokForwardConfig): Promise<NgrokListener>;
  /** Closes every listener and session of this process. */
  kill?(): Promise<void>;
}

/** How the provider gets the SDK; tests pass a local fake. */
export type NgrokLoader = () => Promise<NgrokSdk>;

/** The installed SDK; rejects when the optional dependency is missing or its native part fails. */
export const loadNgrokSdk: NgrokLoader = async () => {
  const loaded = (await import(/* @vite-ignore */ NGROK_MODULE)) as NgrokSdk & { default?: NgrokSdk };
  return typeof loaded.forward === 'function' ? loaded : (loaded.default ?? loaded);
};
