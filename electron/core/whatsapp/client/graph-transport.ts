import type { z } from 'zod';
import { redact, type Logger } from '../../util/logger';
import { ApiVersionWatch } from './api-version';
import {
  ExchangeTimeout,
  fetchExchange,
  KeepAliveExchange,
  type HttpExchange,
  type RawAnswer,
} from './http-exchange';
import {
  errorForMissingToken,
  errorFromNoAnswer,
  errorFromResponse,
  errorFromUnreadableAnswer,
  type RequestLabel,
  WhatsAppApiError,
} from '../errors';

export interface WhatsAppClientOptions {
  /** `https://graph.facebook.com`, or the sandbox's URL; from config. */
  baseUrl: string;
  /** `v25.0`; from config. */
  apiVersion: string;
  /** Read from the app's secret store on every call, so a token changed in settings applies at once. */
  getAccessToken: () => Promise<string | null>;
  /** Per request, including reading the body. Default 30 s. */
  timeoutMs?: number;
  /** Tests script answers through this; without it, JSON calls use keep-alive `node:http(s)`. */
  fetch?: typeof fetch;
  /** One line per request: method, path, status, time. Never headers, query strings or bodies. */
  logger?: Logger;
}

export type QueryValue = string | number | boolean | undefined;
export type Query = Record<string, QueryValue>;

export interface GraphRequest {
  method: 'GET' | 'POST' | 'DELETE';
  /** A path under the version root (`123/messages`) or an absolute URL that Graph handed out (paging). */
  target: string | URL;
  query?: Query;
  json?: unknown;
  form?: FormData;
  /** Raw bytes (the resumable upload's second step). */
  bytes?: { data: Buffer; contentType: string };
  /** Extra request headers (`file_offset` of the resumable upload). */
  headers?: Record<string, string>;
  /** Meta's upload sessions take the token as `OAuth <token>`; everything else as Bearer. */
  authScheme?: 'Bearer' | 'OAuth';
}

const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * The one place that talks HTTP to Graph: bearer token, timeout, logging and error mapping. Every
 * failure leaves as a WhatsAppApiError, and the token is scrubbed from anything an answer echoes back.
 */
export class GraphTransport {
  readonly versionRoot: URL;
  /** The version Meta answers with (`facebook-api-version`), which may not be the one asked for. */
  readonly apiVersion: ApiVersionWatch;
  private readonly http: HttpExchange;
  /** Media downloads may be redirected (Meta's CDN); fetch follows redirects, node:http does not. */
  private readonly download: HttpExchange;
  private readonly keepAlive: KeepAliveExchange | null;
  private readonly timeoutMs: number;

  constructor(private readonly options: WhatsAppClientOptions) {
    const base = options.baseUrl.replace(/\/+$/, '');
    this.versionRoot = new URL(`${base}/${options.apiVersion}/`);
    this.apiVersion = new ApiVersionWatch(options.apiVersion);
    this.keepAlive = options.fetch ? null : new KeepAliveExchange();
    this.download = fetchExchange(options.fetch ?? fetch);
    this.http = this.keepAlive ? this.keepAlive.exchange : this.download;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /** Drops idle keep-alive connections (at shutdown). */
  close(): void {
    this.keepAlive?.close();
  }

  /** Graph's paging links and media URLs are only followed with the token when they stay on Graph's origin. */
  isSameOrigin(url: URL): boolean {
    return url.origin === this.versionRoot.origin;
  }

  async json<S extends z.ZodType>(request: GraphRequest, schema: S): Promise<z.output<S>> {
    const url = this.resolve(request.target, request.query);
    const label = labelOf(request.method, url);
    const body =
      request.form ??
      (request.bytes ? new Uint8Array(request.bytes.data) : undefined) ??
      (request.json === undefined ? undefined : JSON.stringify(request.json));
    const headers: Record<string, string> = { ...request.headers, accept: 'application/json' };
    if (typeof body === 'string') headers['content-type'] = 'application/json';
    if (request.bytes) headers['content-type'] = request.bytes.contentType;

    const answer = await this.exchange(
      this.http,
      request.method,
      url,
      label,
      headers,
      body,
      (r) => r.text(),
      {
        authScheme: request.authScheme,
      },
    );
    const { body: text, status, token } = answer;
    const parsed = schema.safeParse(parseJson(scrub(text, token)));
    if (!parsed.success) {
      throw errorFromUnreadableAnswer(status, label, `The answer does not match: ${parsed.error.message}`);
    }
    return parsed.data;
  }

  /** GET binary content (media download) with the bearer token, as Meta requires. */
  async binary(url: URL): Promise<{ data: Buffer; contentType: string }> {
    const label = labelOf('GET', url);
    const answer = await this.exchange(this.download, 'GET', url, label, {}, undefined, (r) => r.bytes());
    return { data: answer.body, contentType: answer.contentType };
  }

  private resolve(target: string | URL, query: Query = {}): URL {
    const url =
      typeof target === 'string' ? new URL(target.replace(/^\/+/, ''), this.versionRoot) : new URL(target);
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    return url;
  }

  private async exchange<T>(
    via: HttpExchange,
    method: string,
    url: URL,
    label: RequestLabel,
    headers: Record<string, string>,
    body: string | FormData | Uint8Array | undefined,
    readBody: (answer: RawAnswer) => Promise<T>,
    options: { authScheme?: 'Bearer' | 'OAuth' } = {},
  ): Promise<{ body: T; status: number; contentType: string; token: string }> {
    const token = await this.options.getAccessToken();
    if (!token) throw errorForMissingToken(label);
    const started = Date.now();
    try {
      const response = await via({
        method,
        url,
        headers: { ...headers, authorization: `${options.authScheme ?? 'Bearer'} ${token}` },
        body,
        timeoutMs: this.timeoutMs,
      });
      this.log(token, `${label.method} ${label.path} → ${response.status} (${Date.now() - started} ms)`);
      if (this.isSameOrigin(url)) this.apiVersion.observe(response.header('facebook-api-version'));
      if (response.status < 200 || response.status > 299) {
        const errorText = scrub(await response.text(), token);
        throw errorFromResponse(response.status, parseJsonOrText(errorText), label);
      }
      const contentType = response.header('content-type') ?? 'application/octet-stream';
      return { body: await readBody(response), status: response.status, contentType, token };
    } catch (error) {
      if (error instanceof WhatsAppApiError) throw error;
      const kind = error instanceof ExchangeTimeout ? 'timeout' : 'network';
      const detail = error instanceof ExchangeTimeout ? error.message : describeNetworkError(error);
      const failure = errorFromNoAnswer(kind, label, scrub(detail, token), error);
      this.log(token, `${label.method} ${label.path} failed: ${failure.message}`, 'warn');
      throw failure;
    }
  }

  private log(token: string, line: string, level: 'info' | 'warn' = 'info'): void {
    this.options.logger?.[level](redact(scrub(line, token)));
  }
}

function labelOf(method: string, url: URL): RequestLabel {
  return { method, path: url.pathname };
}

/** Removes the token from text that came back from the network, in case a proxy or server echoed it. */
function scrub(text: string, token: string): string {
  return token ? text.split(token).join('[redacted]') : text;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function parseJsonOrText(text: string): unknown {
  return parseJson(text) ?? text;
}

/** undici hides the useful part (`ECONNREFUSED`, `other side closed`) in `cause`; node:http does not. */
function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause;
  const ownCode = (error as NodeJS.ErrnoException).code;
  if (ownCode && !error.message.includes(ownCode)) return `${ownCode} ${error.message}`;
  if (cause instanceof Error) {
    const code = (cause as NodeJS.ErrnoException).code;
    return `${error.message}: ${code ? `${code} ` : ''}${cause.message}`;
  }
  return error.message;
}
