import type { CoreEvent } from '@shared/events';
import type { Actor } from '../auth/actor';
import { progressOf } from '../campaigns/due-rows';
import type { Core } from '../create-core';
import type { Audience } from '../events/event-access';
import type { Delivery } from '../events/event-bus';
import { actorOfUser, audienceOf } from '../people/user-audience';
import { lastWebhookReceivedAt } from '../webhooks/last-delivery';
import { CampaignWatch } from './campaign-watch';
import type { DesktopPreferencesStore } from './desktop-preferences';
import type { DesktopSignal, Notice } from './notifications/notice';
import { Notifier } from './notifications/notifier';
import { trayModel, type ConnectionState, type TrayModel } from './tray-model';
import { WEBHOOK_SILENCE_MS, WebhookSilenceWatch } from './webhook-silence';

/** What the Electron shell draws and shows for the monitor (electron/main/desktop-shell.ts). */
export interface DesktopShell {
  /** The tray (icon, tooltip, menu) and the dock / taskbar badge. */
  showStatus(model: TrayModel): void;
  /** One native notification; a click opens the window at `notice.route`. */
  showNotice(notice: Notice, options: { sound: boolean }): void;
  windowFocused(): boolean;
}

/**
 * The inbox's unread count, for the tray and the badge. The inbox provides it (see
 * desktop-sources.ts); until then the tray shows no inbox line and the badge stays empty.
 */
export interface UnreadCounter {
  /** Conversations with unread messages among those `who` may read. */
  unreadFor(who: Audience): Promise<number>;
}

export interface DesktopMonitorOptions {
  core: Core;
  preferences: DesktopPreferencesStore;
  shell: DesktopShell;
  unread: UnreadCounter | null;
  /** How often webhooks, the tunnel and the secrets are looked at again. */
  pollMs?: number;
  silenceMs?: number;
  /** Redraws within this time are drawn once (progress comes every second per campaign). */
  redrawMs?: number;
}

/** Events that may change the unread count. */
const UNREAD_EVENTS = new Set(['conversations.changed', 'messages.changed']);

/**
 * The desktop app's view of the core, without Electron: it keeps what the tray shows (the
 * connection at a glance, running campaigns with their progress, the unread count), decides the
 * native notifications, and knows who this computer notifies. The shell only draws what it is told.
 */
export class DesktopMonitor {
  private readonly core: Core;
  private readonly campaigns: CampaignWatch;
  private readonly silence: WebhookSilenceWatch;
  private readonly notifier: Notifier;
  private actor: Promise<Actor | null> = Promise.resolve(null);
  private loadedActor: Actor | null = null;
  private unread: number | null = null;
  private failedWebhooks = 0;
  private accessTokenMissing = false;
  private stopping = false;
  private update: { version: string; ready: boolean } | null = null;
  private queue: Promise<void> = Promise.resolve();
  private redrawTimer: NodeJS.Timeout | null = null;
  private unreadTimer: NodeJS.Timeout | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;
  private stopPreferences: (() => void) | null = null;

  constructor(private readonly options: DesktopMonitorOptions) {
    this.core = options.core;
    this.silence = new WebhookSilenceWatch(options.silenceMs ?? WEBHOOK_SILENCE_MS);
    this.campaigns = new CampaignWatch(
      {
        running: () => this.core.services.campaigns.list({ status: 'running' }),
        figures: (id) => progressOf(this.core.ctx.db, id),
        name: async (id) => (await this.core.services.campaigns.get(id)).name,
      },
      {
        stopped: (payload) => this.signal({ name: 'campaign.stopped', payload }),
        sendsAccepted: () => this.silence.sendsAccepted(this.now()),
        changed: () => this.redraw(),
      },
    );
    this.notifier = new Notifier({
      core: this.core,
      audience: async () => {
        const actor = await this.actor;
        return actor ? audienceOf(actor) : null;
      },
      state: () => {
        const preferences = this.options.preferences.get();
        return {
          doNotDisturb: preferences.doNotDisturb,
          sound: preferences.notificationSound,
          windowFocused: this.options.shell.windowFocused(),
        };
      },
      show: (notice, showOptions) => this.options.shell.showNotice(notice, showOptions),
      logger: this.core.ctx.logger,
      now: () => this.now(),
    });
  }

  async start(): Promise<void> {
    this.unsubscribe = this.core.events.subscribe((delivery) => this.enqueue(delivery));
    let notifyUserId = this.options.preferences.get().notifyUserId;
    this.stopPreferences = this.options.preferences.onChange((preferences) => {
      if (preferences.notifyUserId !== notifyUserId) {
        notifyUserId = preferences.notifyUserId;
        this.enqueue(null);
      }
      this.redraw();
    });
    this.reloadActor();
    await Promise.all([this.campaigns.load(), this.poll(), this.refreshUnread()]);
    this.pollTimer = setInterval(() => void this.poll(), this.options.pollMs ?? 60_000);
    this.pollTimer.unref();
    this.draw();
  }

  stop(): void {
    this.unsubscribe?.();
    this.stopPreferences?.();
    for (const timer of [this.redrawTimer, this.unreadTimer]) if (timer) clearTimeout(timer);
    if (this.pollTimer) clearInterval(this.pollTimer);
  }

  /** Someone signed in on this computer: from now on notifications are for them. */
  signedIn(userId: number): void {
    this.options.preferences.update({ notifyUserId: userId });
  }

  /** Signing out says "not here any more": this computer stops notifying that person. */
  signedOut(userId: number): void {
    if (this.options.preferences.get().notifyUserId === userId) {
      this.options.preferences.update({ notifyUserId: null });
    }
  }

  /** How many campaigns are sending, whoever may see them: what a quit would interrupt. */
  runningCampaigns(): number {
    return this.campaigns.list().length;
  }

  /**
   * "Pause all campaigns" from the tray, as the person this computer notifies, when they hold
   * campaigns.write (the tray offers it only then). Returns how many were paused.
   */
  async pauseAll(): Promise<number> {
    const actor = await this.actor;
    if (!actor?.permissions.has('campaigns.write')) return 0;
    let paused = 0;
    for (const campaign of this.campaigns.list()) {
      try {
        await this.core.services.campaigns.pause(actor, campaign.id);
        paused += 1;
      } catch (error) {
        // It finished or was paused meanwhile: nothing left to do for it.
        this.core.ctx.logger.warn(
          `could not pause campaign ${campaign.id}: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
    return paused;
  }

  setUpdate(update: { version: string; ready: boolean } | null): void {
    const newlyReady = update?.ready && !this.update?.ready;
    this.update = update;
    if (newlyReady && update) this.signal({ name: 'update.ready', payload: { version: update.version } });
    this.redraw();
  }

  /** The app is stopping: the tray says so and offers nothing more. */
  setStopping(): void {
    this.stopping = true;
    this.draw();
  }

  /** What the tray shows now. */
  model(): TrayModel {
    const actor = this.loadedActor;
    const running = this.campaigns.list();
    return trayModel({
      organization: this.core.ctx.config.organization.name,
      connection: this.connection(),
      campaigns: actor?.permissions.has('campaigns.read') ? running : null,
      anyRunning: running.length > 0,
      unread: this.unread,
      doNotDisturb: this.options.preferences.get().doNotDisturb,
      canPauseCampaigns: actor?.permissions.has('campaigns.write') ?? false,
      update: this.update,
    });
  }

  /** Looks again at what no event announces: webhook arrivals, failures, the access token. */
  async poll(): Promise<void> {
    try {
      const [last, counts, hasToken] = await Promise.all([
        lastWebhookReceivedAt(this.core.ctx.db),
        this.core.webhooks.counts(),
        this.core.ctx.config.whatsapp.mode === 'cloud' ? this.core.secrets.has('access_token') : true,
      ]);
      if (last) this.silence.webhookReceived(last.getTime());
      this.failedWebhooks = counts.failed;
      this.accessTokenMissing = !hasToken;
      const silent = this.silence.check(this.now());
      if (silent) this.signal({ name: 'webhooks.silent', payload: silent });
    } catch (error) {
      this.core.ctx.logger.warn(
        `the tray could not read the connection state: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    this.redraw();
  }

  /** Resolves once every event and signal handed in so far has been handled (for the tests). */
  idle(): Promise<void> {
    return this.queue;
  }

  private connection(): ConnectionState {
    if (this.stopping) return { kind: 'stopping' };
    const config = this.core.ctx.config;
    const problem = this.problem();
    if (problem) return { kind: 'problem', problem };
    return config.whatsapp.mode === 'sandbox' ? { kind: 'sandbox' } : { kind: 'connected' };
  }

  private problem(): string | null {
    if (this.accessTokenMissing) return 'no WhatsApp access token; set it in Settings';
    const tunnel = this.core.tunnel?.status();
    if (tunnel?.state === 'down') return `the tunnel is down (${tunnel.lastError ?? 'reconnecting'})`;
    if (this.silence.silent(this.now())) return 'no webhooks arrive although messages were sent';
    if (this.failedWebhooks > 0) {
      return `${this.failedWebhooks} webhook deliver${this.failedWebhooks === 1 ? 'y' : 'ies'} could not be applied`;
    }
    return null;
  }

  private now(): number {
    return this.core.ctx.clock.now().getTime();
  }

  private reloadActor(): void {
    const userId = this.options.preferences.get().notifyUserId;
    const rbac = this.core.ctx.config.features.IS_ROLE_BASED_ACCESS_CONTROL_ENABLED;
    const loading = userId === null ? Promise.resolve(null) : actorOfUser(this.core.ctx.db, userId, rbac);
    this.actor = loading;
    loading.then(
      (actor) => {
        // A slower, older load must not overwrite a newer one (sign-in then sign-out at once).
        if (this.actor !== loading) return;
        this.loadedActor = actor;
        this.redraw();
      },
      () => undefined,
    );
  }

  /** Null: who this computer notifies changed; reload before the next event. */
  private enqueue(delivery: Delivery | null): void {
    this.queue = this.queue
      .then(() => this.handle(delivery))
      .catch((error: unknown) =>
        this.core.ctx.logger.error('the desktop monitor could not handle an event', error),
      );
  }

  private signal(signal: DesktopSignal): void {
    this.queue = this.queue
      .then(async () => {
        await this.notifier.consider(signal);
      })
      .catch((error: unknown) => this.core.ctx.logger.error('a desktop notification failed', error));
  }

  private async handle(delivery: Delivery | null): Promise<void> {
    if (!delivery || delivery.name === 'people.changed') {
      this.reloadActor();
      this.scheduleUnread();
      if (!delivery) return;
    }
    // Events addressed to some sessions (a sign-out) are about those windows, not this computer.
    if (delivery.to) return;
    const event = { name: delivery.name, payload: delivery.payload } as CoreEvent;
    await this.campaigns.handle(event);
    if (event.name === 'webhooks.failed' || event.name === 'tunnel.status') await this.poll();
    if (UNREAD_EVENTS.has(event.name)) this.scheduleUnread();
    await this.notifier.consider(event);
  }

  private scheduleUnread(): void {
    if (!this.options.unread || this.unreadTimer) return;
    this.unreadTimer = setTimeout(() => {
      this.unreadTimer = null;
      void this.refreshUnread();
    }, 500);
    this.unreadTimer.unref();
  }

  private async refreshUnread(): Promise<void> {
    const counter = this.options.unread;
    const actor = await this.actor;
    const next =
      counter && actor ? await counter.unreadFor(audienceOf(actor)).catch(() => this.unread) : null;
    if (next !== this.unread) {
      this.unread = next;
      this.redraw();
    }
  }

  private redraw(): void {
    if (this.redrawTimer) return;
    this.redrawTimer = setTimeout(() => {
      this.redrawTimer = null;
      this.draw();
    }, this.options.redrawMs ?? 250);
    this.redrawTimer.unref();
  }

  private draw(): void {
    this.options.shell.showStatus(this.model());
  }
}
