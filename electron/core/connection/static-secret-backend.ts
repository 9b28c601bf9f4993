import type { SecretBackend, SecretName } from '../secrets/secret-store';

/**
 * Secrets that belong to the in-process sandbox: it made them, nothing else knows them, and they
 * die with it. Read-only: in sandbox mode there is nothing for the owner to set.
 */
export function sandboxSecretBackend(values: Record<SecretName, string>): SecretBackend {
  return {
    kind: 'sandbox',
    get: async (name) => values[name],
    set: async () => {
      throw new Error('Sandbox mode: the sandbox holds its own secrets');
    },
    delete: async () => undefined,
  };
}
