import { BusinessProfileApi, PhoneNumbersApi } from './account-api';
import type { ApiVersionWatch } from './api-version';
import { GraphTransport, type WhatsAppClientOptions } from './graph-transport';
import { MediaApi } from './media-api';
import { MessagesApi } from './messages-api';
import { SubscribedAppsApi } from './subscribed-apps-api';
import { TemplatesApi } from './templates-api';

/**
 * The WhatsApp Cloud API, typed. Works against Graph or the sandbox alike: only `baseUrl` differs.
 * Every failure is a WhatsAppApiError whose `errorClass` says whether to retry, throttle, pause or drop.
 */
export class WhatsAppClient {
  readonly messages: MessagesApi;
  readonly templates: TemplatesApi;
  readonly media: MediaApi;
  readonly phoneNumbers: PhoneNumbersApi;
  readonly businessProfile: BusinessProfileApi;
  /** Where the business account's webhooks go (`/{waba-id}/subscribed_apps`). */
  readonly subscribedApps: SubscribedAppsApi;
  /** The version asked for and the one Meta answers with. */
  readonly apiVersion: ApiVersionWatch;
  private readonly transport: GraphTransport;

  constructor(options: WhatsAppClientOptions) {
    const transport = new GraphTransport(options);
    this.transport = transport;
    this.messages = new MessagesApi(transport);
    this.templates = new TemplatesApi(transport);
    this.media = new MediaApi(transport);
    this.phoneNumbers = new PhoneNumbersApi(transport);
    this.businessProfile = new BusinessProfileApi(transport);
    this.subscribedApps = new SubscribedAppsApi(transport);
    this.apiVersion = transport.apiVersion;
  }

  /** Lets go of idle connections; calls made afterwards open new ones. */
  close(): void {
    this.transport.close();
  }
}
