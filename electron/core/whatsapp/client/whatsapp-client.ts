import { BusinessProfileApi, PhoneNumbersApi } from './account-api';
import { GraphTransport, type WhatsAppClientOptions } from './graph-transport';
import { MediaApi } from './media-api';
import { MessagesApi } from './messages-api';
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

  constructor(options: WhatsAppClientOptions) {
    const transport = new GraphTransport(options);
    this.messages = new MessagesApi(transport);
    this.templates = new TemplatesApi(transport);
    this.media = new MediaApi(transport);
    this.phoneNumbers = new PhoneNumbersApi(transport);
    this.businessProfile = new BusinessProfileApi(transport);
  }
}
