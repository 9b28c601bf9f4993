import type { SecretBackend, SecretName, SecretStore, WhatsAppSecretName } from '../secrets/secret-store';

const SANDBOX_OWN = 'Sandbox mode: the sandbox holds its own secrets';

/**
 * Secrets that belong to the in-process sandbox: it made them, nothing else knows them, and they
 * die with it. Read-only: in sandbox mode there is nothing for the owner to set. Any other secret
 * (the ngrok authtoken) lives in `device`, the app's own store, as in cloud mode.
 */
export function sandboxSecretBackend(
  values: Record<WhatsAppSecretName, string>,
  device?: SecretStore,
): SecretBackend {
  const isSandboxOwn = (name: SecretName): name is WhatsAppSecretName => name in values;
  return {
    kind: 'sandbox',
    get: async (name) => (isSandboxOwn(name) ? values[name] : ((await device?.get(name)) ?? null)),
    set: async (name, value) => {
      if (isSandboxOwn(name) || !device) throw new Error(SANDBOX_OWN);
      await device.set(name, value);
    },
    delete: async (name) => {
      if (!isSandboxOwn(name)) await device?.delete(name);
    },
    whyCannotSet: (name) => {
      if (isSandboxOwn(name) || !device) return `${SANDBOX_OWN}.`;
      return device.whyCannotSet(name);
    },
  };
}
