import { randomUUID } from 'node:crypto';
import { isAbsolute, join } from 'node:path';
import { AuditLog } from './audit/audit-log';
import { AuthService } from './auth/auth-service';
import { PasswordHasher, type ScryptCost } from './auth/password';
import { ContactService } from './contacts/contact-service';
import { SessionStore } from './auth/session-store';
import { OrganizationService } from './organization/organization-service';
import { applyConfig } from './bootstrap/apply-config';
import type { AppConfig } from './config/schema';
import type { CoreContext } from './core-context';
import { openDatabase } from './db/open-database';
import { Dispatcher } from './dispatcher/dispatcher';
import { EventBus } from './events/event-bus';
import { authHandlers } from './handlers/auth-handlers';
import { contactHandlers } from './handlers/contact-handlers';
import { listHandlers } from './handlers/list-handlers';
import { peopleHandlers } from './handlers/people-handlers';
import { tokenHandlers } from './handlers/token-handlers';
import { messageHandlers } from './handlers/message-handlers';
import { MessageService } from './messaging/message-service';
import { mediaHandlers } from './handlers/media-handlers';
import { MediaService } from './media/media-service';
import { mergeConversations } from './conversations/merge-conversations';
import { syncPhoneNumbers } from './messaging/phone-numbers';
import { settingsHandlers } from './handlers/settings-handlers';
import { organizationHandlers } from './handlers/organization-handlers';
import { GettingStartedService } from './getting-started/getting-started-service';
import { DemoCustomers } from './getting-started/demo-customers';
import { pricingHandlers } from './handlers/pricing-handlers';
import { dashboardHandlers } from './handlers/dashboard-handlers';
import { DashboardService } from './dashboard/dashboard-service';
import { connectivityHandlers } from './handlers/connectivity-handlers';
import { ConnectivityService } from './connectivity/connectivity-service';
import type { CallbackRegistrar } from './connectivity/callback-registrar';
import { logHandlers } from './handlers/log-handlers';
import { systemFolderOpener, type FolderOpener } from './logging/open-folder';
import { templateHandlers } from './handlers/template-handlers';
import { phoneNumberHandlers } from './handlers/phone-number-handlers';
import { businessProfileHandlers } from './handlers/business-profile-handlers';
import { PhoneNumberService } from './phone-numbers/phone-number-service';
import { BusinessProfileService } from './phone-numbers/business-profile-service';
import { campaignAnalyticsHandlers } from './handlers/campaign-analytics-handlers';
import { campaignHandlers } from './handlers/campaign-handlers';
import { desktopHandlers } from './handlers/desktop-handlers';
import type { DesktopIntegration } from './desktop/desktop-integration';
import { CampaignService, type CampaignServiceOptions } from './campaigns/campaign-service';
import { campaignOptOutHook } from './campaigns/opt-out';
import { recoverAfterCrash } from './campaigns/recover-after-crash';
import { CampaignAnalyticsService } from './campaigns/analytics/campaign-analytics-service';
import { TemplateService } from './templates/template-service';
import { SettingsService } from './settings/settings-service';
import { ListService } from './lists/list-service';
import { MemberService } from './people/member-service';
import { RoleService } from './people/role-service';
import type { SecretStore } from './secrets/secret-store';
import type { WhatsAppConnection } from './connection/whatsapp-connection';
import { inboundContacts } from './contacts/inbound-contact';
import { WebhookProcessor, type ProcessorOptions } from './webhooks/webhook-processor';
import type { TunnelService } from './tunnel';
import { TokenService } from './tokens/token-service';
import { ConversationService } from './conversations/conversation-service';
import { ConversationSender } from './conversations/conversation-sender';
import { InboxMembers } from './conversations/inbox-members';
import { inboxNotificationHook } from './conversations/notifier';
import { Outbox, type OutboxOptions } from './conversations/outbox';
import { conversationHandlers } from './handlers/conversation-handlers';
import { replyHandlers } from './handlers/reply-handlers';
import { AutoReplyService } from './replies/auto-replies';
import { QuickReplyService } from './replies/quick-replies';
import { systemClock, type Clock } from './util/clock';
import { resumeMergingAfterCrash } from './contacts/search-index-merge';
import { consoleLogger, type Logger } from './util/logger';

export interface CoreOptions {
  config: AppConfig;
  dataDir: string;
  secrets: SecretStore;
  clock?: Clock;
  logger?: Logger;
  /** Meta or the sandbox; absent in tests that need no WhatsApp. */
  whatsapp?: WhatsAppConnection | null;
  webhookProcessor?: ProcessorOptions;
  /** Runner and scheduler settings (tests make retries and ticks short). */
  campaigns?: CampaignServiceOptions;
  /** The inbox's sender (tests make retries short). */
  outbox?: OutboxOptions;
  /** Where the log files are (shown in Settings); none in tests. */
  logFolder?: string;
  /** scrypt's cost; production's unless a test suite asks for less. */
  passwordCost?: ScryptCost;
  /** Opens a folder for the user; the platform's opener unless the Electron shell gives its own. */
  openFolder?: FolderOpener;
}

export interface Core {
  ctx: CoreContext;
  dataDir: string;
  dispatcher: Dispatcher;
  events: EventBus;
  secrets: SecretStore;
  sessions: SessionStore;
  services: {
    auth: AuthService;
    members: MemberService;
    roles: RoleService;
    tokens: TokenService;
    contacts: ContactService;
    lists: ListService;
    messages: MessageService;
    templates: TemplateService;
    media: MediaService;
    campaignAnalytics: CampaignAnalyticsService;
    /** Also sends: `startSending()` with the public side, `stopSending()` before closing. */
    campaigns: CampaignService;
    conversations: ConversationService;
    conversationSender: ConversationSender;
    /** Delivers what the inbox queued; started with the public side like the campaign runner. */
    outbox: Outbox;
    quickReplies: QuickReplyService;
    autoReplies: AutoReplyService;
    inboxMembers: InboxMembers;
  };
  superAdminCreated: boolean;
  whatsapp: WhatsAppConnection | null;
  /** Applies stored webhook deliveries; started with the public listener. */
  webhooks: WebhookProcessor;
  /** Set once the public listener is up: the tunnel chosen in Settings or config.toml (maybe off). */
  tunnel: TunnelService | null;
  /** Cloud mode, once the public listener is up: registers the public webhook URL with Meta. */
  callbackRegistrar: CallbackRegistrar | null;
  /** The public listener on this machine, once it listens. */
  publicUrl: string | null;
  /** Set by the Electron shell: desktop-only settings (start at login, notifications); null headless. */
  desktop: DesktopIntegration | null;
  /** Random for each start: `/health` shows it so the tunnel probe knows it reached this run. */
  instanceId: string;
  close(): Promise<void>;
}

export function databasePath(config: AppConfig, dataDir: string): string {
  const file = config.database.file;
  return isAbsolute(file) ? file : join(dataDir, file);
}

/** Opens the database, applies config.toml and wires services to the dispatcher. No Electron here. */
export async function createCore(options: CoreOptions): Promise<Core> {
  const database = await openDatabase(databasePath(options.config, options.dataDir));
  const clock = options.clock ?? systemClock;
  const events = new EventBus();
  const audit = new AuditLog(database.reader, clock);
  const ctx: CoreContext = {
    config: options.config,
    db: database.reader,
    tx: database.tx,
    clock,
    events,
    audit,
    organization: new OrganizationService({ db: database.reader, tx: database.tx, audit, events, clock }),
    logger: options.logger ?? consoleLogger(),
    passwords: new PasswordHasher(options.passwordCost),
  };
  const { superAdminCreated } = await applyConfig(ctx);
  await ctx.organization.load();
  const sessions = new SessionStore(ctx);
  await sessions.purgeIdle();
  const auth = new AuthService(ctx, sessions);
  const members = new MemberService(ctx, sessions);
  const roles = new RoleService(ctx);
  const contacts = new ContactService(ctx);
  contacts.onMerge(mergeConversations);
  const lists = new ListService(ctx);
  const tokens = new TokenService(ctx);
  const messages = new MessageService(ctx, options.whatsapp ?? null);
  const templates = new TemplateService(ctx, options.whatsapp ?? null);
  const media = new MediaService(ctx, options.dataDir, options.whatsapp ?? null);
  // Before anything can send: rows left `sending` by a crash become `unconfirmed`, never resent blindly.
  await recoverAfterCrash(ctx);
  await resumeMergingAfterCrash(ctx.db, ctx.tx);
  const campaigns = new CampaignService(ctx, options.whatsapp ?? null, media, options.campaigns);
  const campaignAnalytics = new CampaignAnalyticsService(ctx);
  const inboxMembers = new InboxMembers(ctx);
  const outbox = new Outbox(ctx, options.whatsapp ?? null, media, options.outbox);
  const conversations = new ConversationService(ctx, options.whatsapp ?? null, media, inboxMembers);
  const conversationSender = new ConversationSender(
    ctx,
    options.whatsapp ?? null,
    media,
    conversations,
    outbox,
  );
  const quickReplies = new QuickReplyService(ctx);
  const autoReplies = new AutoReplyService(ctx);
  autoReplies.onQueued = () => outbox.poke();
  const webhooks = new WebhookProcessor(
    ctx,
    {
      contacts: inboundContacts((m, keep, merge) => contacts.joinWithin(m, keep, merge)),
      fetchMedia: (messageId, phoneNumberId, mediaId) =>
        media.downloadInbound(messageId, phoneNumberId, mediaId),
      // Campaign opt-out keywords first: an auto-reply never answers a STOP.
      onInbound: [campaignOptOutHook(ctx.audit), autoReplies.hook(), inboxNotificationHook(inboxMembers)],
      audit: ctx.audit,
      refreshPhoneNumbers: options.whatsapp
        ? async () => {
            await syncPhoneNumbers(ctx, options.whatsapp!);
          }
        : undefined,
    },
    { retentionDays: options.config.webhooks.processed_retention_days, ...options.webhookProcessor },
  );
  const dispatcher = new Dispatcher(
    ctx,
    sessions,
    {
      ...authHandlers(ctx, auth),
      ...peopleHandlers(members, roles, ctx.audit),
      ...contactHandlers(contacts, lists),
      ...listHandlers(lists),
      ...tokenHandlers(tokens),
      ...messageHandlers(messages),
      ...templateHandlers(templates),
      ...phoneNumberHandlers(() => core, new PhoneNumberService(ctx, options.whatsapp ?? null)),
      ...businessProfileHandlers(new BusinessProfileService(ctx, options.whatsapp ?? null)),
      ...campaignAnalyticsHandlers(campaignAnalytics),
      ...campaignHandlers(campaigns),
      ...mediaHandlers(media, () => core),
      ...conversationHandlers(conversations, conversationSender, inboxMembers),
      ...replyHandlers(ctx, quickReplies, autoReplies),
      ...settingsHandlers(new SettingsService(() => core)),
      ...organizationHandlers(
        ctx.organization,
        new GettingStartedService(ctx),
        new DemoCustomers(() => core.whatsapp, contacts, lists),
      ),
      ...connectivityHandlers(new ConnectivityService(() => core)),
      ...pricingHandlers(ctx),
      ...dashboardHandlers(new DashboardService(ctx)),
      ...logHandlers(options.logFolder ?? '', options.openFolder ?? systemFolderOpener),
      ...desktopHandlers(ctx, ctx.audit, () => core.desktop),
    },
    tokens,
  );
  const core: Core = {
    ctx,
    dataDir: options.dataDir,
    dispatcher,
    events: ctx.events,
    secrets: options.secrets,
    sessions,
    services: {
      auth,
      members,
      roles,
      tokens,
      contacts,
      lists,
      messages,
      media,
      templates,
      campaignAnalytics,
      campaigns,
      conversations,
      conversationSender,
      outbox,
      quickReplies,
      autoReplies,
      inboxMembers,
    },
    superAdminCreated,
    instanceId: randomUUID(),
    whatsapp: options.whatsapp ?? null,
    webhooks,
    tunnel: null,
    callbackRegistrar: null,
    publicUrl: null,
    desktop: null,
    close: async () => {
      await campaigns.stopSending();
      await outbox.stop();
      await webhooks.stop();
      await options.whatsapp?.close();
      await database.tx.drained();
      await database.close();
    },
  };
  return core;
}
