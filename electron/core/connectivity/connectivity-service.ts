import { AppError } from '@shared/errors';
import type { CallbackDto, ConnectivityDto } from '@shared/types/connectivity';
import type { TunnelChoice, TunnelSettingsDto, TunnelStatus } from '@shared/types/tunnel';
import type { ParsedInputOf } from '@shared/operations';
import type { Actor } from '../auth/actor';
import type { Core } from '../create-core';
import { findCloudflared } from '../tunnel/cloudflare/find-cloudflared';
import { safeUrl } from '../tunnel/describe';
import { LOCALTUNNEL_DEFAULT_HOST } from '../tunnel/from-config';
import { loadNgrokSdk, type NgrokLoader } from '../tunnel/ngrok/ngrok-sdk';
import { loadTunnelChoice, saveTunnelChoice } from '../tunnel/tunnel-choice-store';
import { readFieldStats } from '../webhooks/field-tally';
import { apiVersionDto } from './api-version-warning';
import { readCallbackRow, saveAutomatic } from './callback-store';
import { toDto } from './callback-registrar';

type TunnelChoiceInput = ParsedInputOf<'connectivity.configureTunnel'>;

/** Whether the optional ngrok SDK loads, asked once per loader (loading it is not free). */
const sdkChecks = new WeakMap<NgrokLoader, Promise<boolean>>();
function sdkInstalled(load: NgrokLoader): Promise<boolean> {
  let check = sdkChecks.get(load);
  if (!check) {
    check = load().then(
      () => true,
      () => false,
    );
    sdkChecks.set(load, check);
  }
  return check;
}

/**
 * The Settings side of how Meta reaches this computer: the API version Meta answers with, the
 * tunnel the owner chose (kept in the database, audited), the ngrok authtoken (secret store), the
 * registration of the webhook URL with Meta, and the webhook fields received.
 */
export class ConnectivityService {
  constructor(private readonly core: () => Core) {}

  async status(): Promise<ConnectivityDto> {
    const core = this.core();
    const { ctx } = core;
    const [tunnel, callback, fields] = await Promise.all([
      this.tunnelSettings(),
      this.callback(),
      readFieldStats(ctx.db),
    ]);
    return {
      mode: ctx.config.whatsapp.mode,
      apiVersion: apiVersionDto(
        core.whatsapp?.client.apiVersion.report() ?? null,
        ctx.config.whatsapp.api_version,
      ),
      tunnel,
      callback,
      webhooks: {
        lastReceivedAt: fields.lastReceivedAt?.toISOString() ?? null,
        fields: fields.rows.map((row) => ({
          field: row.field,
          received: row.received,
          keptOnly: row.keptOnly,
          firstSeenAt: row.firstSeenAt.toISOString(),
          lastSeenAt: row.lastSeenAt.toISOString(),
        })),
      },
    };
  }

  async tunnelSettings(): Promise<TunnelSettingsDto> {
    const core = this.core();
    const stored = await loadTunnelChoice(core.ctx.db, core.ctx.config);
    const deps = core.tunnel?.deps ?? {};
    const [authtokenSet, installed, cloudflared] = await Promise.all([
      core.secrets.has('ngrok_authtoken'),
      sdkInstalled(deps.loadNgrok ?? loadNgrokSdk),
      findCloudflared(stored.choice.cloudflaredPath, deps.env),
    ]);
    return {
      choice: stored.choice,
      source: stored.source,
      updatedAt: stored.updatedAt?.toISOString() ?? null,
      ngrok: {
        authtokenSet,
        authtokenCannotBeSaved: core.secrets.whyCannotSet('ngrok_authtoken'),
        sdkInstalled: installed,
      },
      cloudflared:
        'path' in cloudflared
          ? { path: cloudflared.path, problem: null }
          : { path: null, problem: cloudflared.problem },
      status: core.tunnel?.status() ?? offStatus(core.ctx.clock.now()),
    };
  }

  /** Saves the owner's tunnel (fields left out keep their value) and runs it at once. */
  async configureTunnel(actor: Actor, input: TunnelChoiceInput): Promise<TunnelSettingsDto> {
    const core = this.core();
    const { ctx } = core;
    const current = (await loadTunnelChoice(ctx.db, ctx.config)).choice;
    const next: TunnelChoice = { ...current };
    for (const [key, value] of Object.entries(input) as [keyof TunnelChoice, never][]) {
      if (value !== undefined) next[key] = value;
    }
    if (next.provider === 'fixed' && next.enabled) {
      if (!next.fixedUrl || next.fixedUrl.replace(/\/+$/, '') === LOCALTUNNEL_DEFAULT_HOST) {
        throw new AppError('VALIDATION', 'A fixed URL needs the public https address of your reverse proxy', {
          fields: [{ field: 'fixedUrl', message: 'Your public https address' }],
        });
      }
    }
    await ctx.tx.run(async (m) => {
      await saveTunnelChoice(m, next, actor.user.id, ctx.clock.now());
      await ctx.audit.record(m, {
        actorUserId: actor.user.id,
        action: 'tunnel.configured',
        targetType: 'tunnel',
        targetId: next.provider,
        details: {
          enabled: next.enabled,
          provider: next.provider,
          ...(next.provider === 'fixed' ? { fixedUrl: safeUrl(next.fixedUrl) } : {}),
          ...(next.provider === 'ngrok' ? { ngrokDomain: next.ngrokDomain } : {}),
          ...(next.provider === 'localtunnel' ? { localtunnelHost: safeUrl(next.localtunnelHost) } : {}),
        },
      });
    });
    ctx.events.publish('connectivity.changed', { reason: 'tunnel_settings' });
    await core.tunnel?.apply(next);
    return this.tunnelSettings();
  }

  async setNgrokAuthtoken(actor: Actor, authtoken: string): Promise<TunnelSettingsDto> {
    const core = this.core();
    const why = core.secrets.whyCannotSet('ngrok_authtoken');
    if (why) throw new AppError('CONFLICT', why);
    await core.secrets.set('ngrok_authtoken', authtoken);
    await core.ctx.tx.run((m) =>
      core.ctx.audit.record(m, {
        actorUserId: actor.user.id,
        action: 'tunnel.ngrok_authtoken_set',
        targetType: 'secret',
        targetId: 'ngrok_authtoken',
      }),
    );
    core.ctx.events.publish('connectivity.changed', { reason: 'tunnel_settings' });
    const choice = core.tunnel?.currentChoice();
    const status = core.tunnel?.status();
    if (choice?.enabled && (choice.provider === 'ngrok' || status?.advice?.suggest === 'ngrok')) {
      await core.tunnel?.restart();
    }
    return this.tunnelSettings();
  }

  async restartTunnel(): Promise<TunnelSettingsDto> {
    const tunnel = this.core().tunnel;
    if (!tunnel) throw new AppError('CONFLICT', 'The tunnel does not run in this process');
    await tunnel.restart();
    return this.tunnelSettings();
  }

  async callback(): Promise<CallbackDto> {
    const core = this.core();
    if (core.callbackRegistrar) return core.callbackRegistrar.status();
    const row = await readCallbackRow(core.ctx.db, core.ctx.clock.now());
    return toDto(row, null, core.ctx.config.whatsapp.mode === 'cloud');
  }

  async registerCallback(): Promise<CallbackDto> {
    const core = this.core();
    if (!core.callbackRegistrar) {
      throw new AppError(
        'CONFLICT',
        core.ctx.config.whatsapp.mode === 'cloud'
          ? 'The public listener does not run in this process'
          : 'Sandbox mode: the sandbox delivers webhooks to this computer without a registration',
      );
    }
    return core.callbackRegistrar.registerNow();
  }

  async setAutomaticCallback(actor: Actor, automatic: boolean): Promise<CallbackDto> {
    const core = this.core();
    if (core.callbackRegistrar) return core.callbackRegistrar.setAutomatic(actor, automatic);
    const { ctx } = core;
    await ctx.tx.run((m) => saveAutomatic(m, ctx.audit, actor, automatic, ctx.clock.now()));
    ctx.events.publish('connectivity.changed', { reason: 'callback' });
    return this.callback();
  }
}

function offStatus(now: Date): TunnelStatus {
  return {
    state: 'off',
    url: null,
    webhookUrl: null,
    lastError: null,
    urlChanged: false,
    retryInMs: null,
    since: now.toISOString(),
    provider: null,
    failures: 0,
    fallbackFrom: null,
    fallbackReason: null,
    advice: null,
  };
}
