import { AppError } from '@shared/errors';
import { rememberSecret } from '../logging/redact';

/** The WhatsApp secrets. They never live in config.toml, the database, a log or an API answer. */
export const SECRET_NAMES = ['access_token', 'app_secret', 'verify_token'] as const;
export type SecretName = (typeof SECRET_NAMES)[number];

/** For headless use; a variable that is set wins over the keychain. */
export const SECRET_ENV_VARS: Record<SecretName, string> = {
  access_token: 'WAPIDESK_ACCESS_TOKEN',
  app_secret: 'WAPIDESK_APP_SECRET',
  verify_token: 'WAPIDESK_VERIFY_TOKEN',
};

/** Where secrets set in the app are kept: the OS keychain, or a file encrypted by the OS. */
export interface SecretBackend {
  readonly kind: 'keychain' | 'encrypted-file' | 'sandbox';
  get(name: SecretName): Promise<string | null>;
  set(name: SecretName, value: string): Promise<void>;
  delete(name: SecretName): Promise<void>;
}

export interface SecretStoreStatus {
  backend: 'keychain' | 'encrypted-file' | 'sandbox' | 'environment';
  writable: boolean;
  message: string;
}

export class SecretStore {
  constructor(
    private readonly backend: SecretBackend | null,
    private readonly env: NodeJS.ProcessEnv = process.env,
    private readonly unavailableReason = '',
  ) {}

  async get(name: SecretName): Promise<string | null> {
    const fromEnv = this.env[SECRET_ENV_VARS[name]];
    const value = fromEnv || (this.backend ? await this.backend.get(name) : null);
    // Whatever holds a secret may echo it into an error; the log never shows it.
    rememberSecret(value);
    return value;
  }

  async set(name: SecretName, value: string): Promise<void> {
    if (!this.backend) throw new AppError('CONFLICT', this.status().message);
    rememberSecret(value);
    await this.backend.set(name, value);
  }

  async delete(name: SecretName): Promise<void> {
    if (this.backend) await this.backend.delete(name);
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
