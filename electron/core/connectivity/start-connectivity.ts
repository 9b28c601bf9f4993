import type { AppConfig } from '../config/schema';
import type { Core } from '../create-core';
import { tunnelTarget } from '../tunnel/from-config';
import type { NgrokLoader } from '../tunnel/ngrok/ngrok-sdk';
import { loadTunnelChoice } from '../tunnel/tunnel-choice-store';
import { TunnelService, type TunnelServiceOptions } from '../tunnel/tunnel-service';
import type { Logger } from '../util/logger';
import { apiVersionWarning } from './api-version-warning';
import { CallbackRegistrar, type CallbackRegistrarOptions } from './callback-registrar';
import { readCallbackRow } from './callback-store';

/** Test doubles at the boundary (the ngrok SDK, PATH) and short timings. */
export interface ConnectivityOptions {
  tunnel?: Pick<TunnelServiceOptions, 'fallbackAfterFailures' | 'manager'> & {
    loadNgrok?: NgrokLoader;
    env?: NodeJS.ProcessEnv;
  };
  callback?: Pick<CallbackRegistrarOptions, 'retry' | 'random'>;
}

export interface RunningConnectivity {
  stop(): Promise<void>;
}

/**
 * Keeps Meta pointed at this computer, once the public listener listens: the tunnel the owner chose
 * (Settings, else config.toml), and in cloud mode the registration of `<public url>/webhook` with
 * Meta each time that URL is known or changes; also warns when Meta answers with another Graph API
 * version than the one asked for.
 */
export async function startConnectivity(
  core: Core,
  config: AppConfig,
  publicListener: { host: string; port: number },
  logger: Logger,
  options: ConnectivityOptions = {},
): Promise<RunningConnectivity> {
  const { ctx } = core;
  const stored = await loadTunnelChoice(ctx.db, config);
  const callbackRow = await readCallbackRow(ctx.db, ctx.clock.now());
  const { loadNgrok, env, ...tunnelOptions } = options.tunnel ?? {};
  const tunnel = new TunnelService({
    ...tunnelOptions,
    target: tunnelTarget(publicListener),
    instanceId: core.instanceId,
    deps: { ngrokAuthtoken: () => core.secrets.get('ngrok_authtoken'), loadNgrok, env },
    // A URL Meta already has is not "new" to the owner.
    lastReportedUrl: callbackRow.registeredUrl?.replace(/\/webhook$/, '') ?? null,
    clock: ctx.clock,
    logger,
  });
  core.tunnel = tunnel;
  tunnel.onStatus((status) => core.events.publish('tunnel.status', status));

  const whatsapp = core.whatsapp;
  let registrar: CallbackRegistrar | null = null;
  if (whatsapp?.mode === 'cloud') {
    const created = new CallbackRegistrar(ctx, {
      ...options.callback,
      client: whatsapp.client,
      wabaId: whatsapp.businessAccountId,
      secrets: core.secrets,
      onVerified: (url) => tunnel.markUrlReported(url),
    });
    registrar = created;
    core.callbackRegistrar = created;
    tunnel.onStatus((status) => {
      if (status.state === 'up') created.publicUrlIs(status.url);
      else if (status.state !== 'connecting') created.publicUrlIs(null);
    });
  }

  const stopWatchingVersion = whatsapp?.client.apiVersion.onChange((report) => {
    const warning = apiVersionWarning(report);
    if (warning) logger.warn(warning);
    core.events.publish('connectivity.changed', { reason: 'api_version' });
  });

  if (stored.source === 'app')
    logger.info('tunnel: using the choice made in Settings (it replaces [tunnel])');
  await tunnel.apply(stored.choice);
  return {
    stop: async () => {
      stopWatchingVersion?.();
      await registrar?.stop();
      await tunnel.stop();
    },
  };
}
