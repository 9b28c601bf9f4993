import { AppError } from '@shared/errors';
import type { ConnectionSettingsDto, SecretKey } from '@shared/types/settings';
import type { Actor } from '../auth/actor';
import type { Core } from '../create-core';
import { WHATSAPP_SECRET_NAMES } from '../secrets/secret-store';
import { toPhoneNumberDto } from '../messaging/phone-numbers';
import { allPhoneNumbers } from '../phone-numbers/phone-number-rows';

/** The settings screen's view of the WhatsApp connection. Secret values never leave the core. */
export class SettingsService {
  constructor(private readonly core: () => Core) {}

  async connection(): Promise<ConnectionSettingsDto> {
    const core = this.core();
    const { whatsapp } = core.ctx.config;
    const secretsSet = Object.fromEntries(
      await Promise.all(
        WHATSAPP_SECRET_NAMES.map(async (name) => [name, await core.secrets.has(name)] as const),
      ),
    ) as Record<SecretKey, boolean>;
    const numbers = await allPhoneNumbers(core.ctx.db);
    return {
      mode: whatsapp.mode,
      businessAccountId: core.whatsapp?.businessAccountId ?? whatsapp.business_account_id,
      apiVersion: whatsapp.api_version,
      graphBaseUrl: whatsapp.graph_base_url,
      secretStore: core.secrets.status(),
      secretsSet,
      localUrl: core.publicUrl,
      tunnel: core.tunnel?.status() ?? null,
      webhooks: await core.webhooks.counts(),
      phoneNumbers: numbers.map(toPhoneNumberDto),
    };
  }

  async setSecret(actor: Actor, name: SecretKey, value: string): Promise<ConnectionSettingsDto> {
    const core = this.core();
    if (!core.secrets.status().writable) throw new AppError('CONFLICT', core.secrets.status().message);
    await core.secrets.set(name, value);
    await core.ctx.tx.run((m) =>
      core.ctx.audit.record(m, {
        actorUserId: actor.user.id,
        action: 'settings.secret_set',
        targetType: 'secret',
        targetId: name,
      }),
    );
    return this.connection();
  }

  async revealVerifyToken(): Promise<{ verifyToken: string | null }> {
    return { verifyToken: await this.core().secrets.get('verify_token') };
  }

  async retryWebhooks(): Promise<{ retried: number }> {
    return { retried: await this.core().webhooks.retryFailed() };
  }

  async acknowledgeTunnelUrl(): Promise<ConnectionSettingsDto> {
    const tunnel = this.core().tunnel;
    const url = tunnel?.status().url;
    if (!tunnel || !url) throw new AppError('CONFLICT', 'The tunnel is not up');
    tunnel.markUrlReported(url);
    return this.connection();
  }
}
