import { AppError } from '@shared/errors';
import { rememberSecret } from '../logging/redact';

/** The WhatsApp secrets: the sandbox holds its own in sandbox mode. */
export const WHATSAPP_SECRET_NAMES = ['access_token', 'app_secret', 'verify_token'] as const;
export type WhatsAppSecretName = (typeof WHATSAPP_SECRET_NAMES)[number];

/**
 * Every secret the app keeps: the WhatsApp ones and the shop's own ngrok authtoken. They never live
 * in config.toml, the database, a log or an API answer.
 */
export const SECRET_NAMES = [...WHATSAPP_SECRET_NAMES, 'ngrok_authtoken'] as const;
export type SecretName = (typeof SECRET_NAMES)[number];

/** For headless use; a variable that is set wins over the keychain. */
export const SECRET_ENV_VARS: Record<SecretName, string> = {
  access_token: 'WAPIDESK_ACCESS_TOKEN',
  app_secret: 'WAPIDESK_APP_SECRET',
  verify_token: 'WAPIDESK_VERIFY_TOKEN',
  ngrok_authtoken: 'WAPIDESK_NGROK_AUTHTOKEN',
};

/** Where secrets set in the app are kept: the OS keychain, or a file encrypted by the OS. */
export interface SecretBackend {
  readonly kind: 'keychain' | 'encrypted-file' | 'sandbox';
  get(name: SecretName): Promise<string | null>;
  set(name: SecretName, value: string): Promise<void>;
  delete(name: SecretName): Promise<void>;
  /** Why `name` cannot be set here, or null when it can; absent means every name can be set. */
  whyCannotSet?(name: SecretName): string | null;
}

export interface SecretStoreStatus {
  backend: 'keychain' | 'encrypted-file' | 'sandbox' | 'environment';
  writable: boolean;
  message: string;
}

export class SecretStore {
  /** Secrets the app made itself this run where nothing can keep them (see keepForThisRun). */
  private readonly generated = new Map<SecretName, string>();
  /**
   * What the backend held, read once: every webhook checks its signature with the app secret and
   * every request to Graph carries the access token, and a keychain read is a round trip to another
   * process (a file read and an OS decryption without a keychain). The app is the only writer (set
   * and delete keep this in step); `fresh` reads again, for a change made outside the app.
   */
  private readonly known = new Map<SecretName, string | null>();
  /** Bumped by every write, so a read that started before it does not put back the old value. */
  private writes = 0;

  constructor(
    private readonly backend: SecretBackend | null,
    private readonly env: NodeJS.ProcessEnv = process.env,
    private readonly unavailableReason = '',
  ) {}

  async get(name: SecretName): Promise<string | null> {
    const fromEnv = this.env[SECRET_ENV_VARS[name]];
    const value = fromEnv || (await this.stored(name)) || this.generated.get(name) || null;
    // Whatever holds a secret may echo it into an error; the log never shows it.
    rememberSecret(value);
    return value;
  }

  /** Reads `name` from where it is kept again, not from memory: it may have changed outside the app. */
  async fresh(name: SecretName): Promise<string | null> {
    this.writes++;
    this.known.delete(name);
    return this.get(name);
  }

  private async stored(name: SecretName): Promise<string | null> {
    if (!this.backend) return null;
    if (this.known.has(name)) return this.known.get(name)!;
    const before = this.writes;
    const value = await this.backend.get(name);
    if (before === this.writes) this.known.set(name, value);
    return value;
  }

  async set(name: SecretName, value: string): Promise<void> {
    if (!this.backend) throw new AppError('CONFLICT', this.status().message);
    rememberSecret(value);
    this.writes++;
    this.known.delete(name);
    await this.backend.set(name, value);
    this.known.set(name, value);
  }

  /**
   * Keeps a secret the app generated (a webhook verify token) in memory for this run, when the store
   * cannot keep it (headless mode without a keychain). Anything stored or set in the environment wins.
   */
  keepForThisRun(name: SecretName, value: string): void {
    rememberSecret(value);
    this.generated.set(name, value);
  }

  async delete(name: SecretName): Promise<void> {
    this.writes++;
    this.known.delete(name);
    if (this.backend) await this.backend.delete(name);
  }

  /** Why `name` cannot be set from the app (no keychain, or the sandbox's own), or null when it can. */
  whyCannotSet(name: SecretName): string | null {
    if (!this.backend) return this.status().message;
    return this.backend.whyCannotSet?.(name) ?? null;
  }

  async has(name: SecretName): Promise<boolean> {
    return (await this.get(name)) !== null;
  }

  status(): SecretStoreStatus {
    if (this.backend?.kind === 'sandbox') {
      return {
        backend: 'sandbox',
        writable: false,
        message: 'Sandbox mode: WhatsApp is simulated here and holds its own secrets.',
      };
    }
    if (this.backend?.kind === 'keychain') {
      return { backend: 'keychain', writable: true, message: 'Secrets are kept in the system keychain.' };
    }
    if (this.backend?.kind === 'encrypted-file') {
      return {
        backend: 'encrypted-file',
        writable: true,
        message: 'No system keychain: secrets are kept in a file encrypted by the operating system.',
      };
    }
    const vars = Object.values(SECRET_ENV_VARS).join(', ');
    return {
      backend: 'environment',
      writable: false,
      message:
        `No system keychain is available${this.unavailableReason ? ` (${this.unavailableReason})` : ''}: ` +
        `secrets can only come from the environment variables ${vars}.`,
    };
  }
}
