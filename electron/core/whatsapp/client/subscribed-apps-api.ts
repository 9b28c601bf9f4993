import { z } from 'zod';
import type { GraphTransport } from './graph-transport';
import { successSchema } from './response-schemas';

/** One app subscribed to the business account's webhooks, as `GET /{waba-id}/subscribed_apps` lists it. */
export interface SubscribedApp {
  appId: string | null;
  name: string | null;
  /** The callback URL this account's webhooks go to instead of the app's own; null when none. */
  overrideCallbackUri: string | null;
}

const appSchema = z.looseObject({
  id: z.union([z.string(), z.number()]).transform(String).optional(),
  name: z.string().optional(),
  link: z.string().optional(),
  override_callback_uri: z.string().optional(),
});

/**
 * Meta's examples put the app in `whatsapp_business_api_data` and the override beside it; some
 * answers carry the override inside. Both are read.
 */
const listSchema = z.looseObject({
  data: z.array(
    z.looseObject({
      whatsapp_business_api_data: appSchema.optional(),
      override_callback_uri: z.string().optional(),
    }),
  ),
});

/**
 * `/{waba-id}/subscribed_apps` (reference §10): subscribes our app to the business account's webhooks
 * and, with `override_callback_uri`, points them at a URL of our choosing. Meta first sends the
 * verification GET to that URL with the verify token and refuses the call if it is not answered.
 */
export class SubscribedAppsApi {
  constructor(private readonly transport: GraphTransport) {}

  /** Points the account's webhooks at `callbackUri`; Meta verifies it before answering. */
  async overrideCallback(wabaId: string, callbackUri: string, verifyToken: string): Promise<boolean> {
    const answer = await this.transport.json(
      {
        method: 'POST',
        target: `${encodeURIComponent(wabaId)}/subscribed_apps`,
        json: { override_callback_uri: callbackUri, verify_token: verifyToken },
      },
      successSchema,
    );
    return answer.success;
  }

  /** Subscribes without an override: webhooks go back to the callback URL of Meta's app dashboard. */
  async useAppCallback(wabaId: string): Promise<boolean> {
    const answer = await this.transport.json(
      { method: 'POST', target: `${encodeURIComponent(wabaId)}/subscribed_apps`, json: {} },
      successSchema,
    );
    return answer.success;
  }

  async list(wabaId: string): Promise<SubscribedApp[]> {
    const answer = await this.transport.json(
      { method: 'GET', target: `${encodeURIComponent(wabaId)}/subscribed_apps` },
      listSchema,
    );
    return answer.data.map((row) => {
      const app = row.whatsapp_business_api_data;
      return {
        appId: app?.id ?? null,
        name: app?.name ?? null,
        overrideCallbackUri: row.override_callback_uri ?? app?.override_callback_uri ?? null,
      };
    });
  }
}
