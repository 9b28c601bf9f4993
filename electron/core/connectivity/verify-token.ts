import { randomBytes } from 'node:crypto';
import type { SecretStore } from '../secrets/secret-store';
import type { Logger } from '../util/logger';

/**
 * The verify token Meta sends back in its verification GET: the one the owner saved, else one
 * generated here and kept in the secret store (in memory for this run when nothing can keep it:
 * every start registers the URL again, with whatever token is in force).
 */
export async function ensureVerifyToken(secrets: SecretStore, logger: Logger): Promise<string> {
  const existing = await secrets.get('verify_token');
  if (existing) return existing;
  const generated = randomBytes(24).toString('base64url');
  if (secrets.whyCannotSet('verify_token') === null) {
    try {
      await secrets.set('verify_token', generated);
      return generated;
    } catch (error) {
      logger.warn(`could not keep the generated webhook verify token: ${String(error)}`);
    }
  }
  secrets.keepForThisRun('verify_token', generated);
  return generated;
}
