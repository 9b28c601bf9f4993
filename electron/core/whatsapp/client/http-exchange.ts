import http from 'node:http';
import https from 'node:https';

/** What the transport needs of an answer, whichever HTTP client produced it. */
export interface RawAnswer {
  status: number;
  header(name: string): string | null;
  text(): Promise<string>;
  bytes(): Promise<Buffer>;
}

export interface ExchangeRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: string | FormData | Uint8Array | undefined;
  /** The deadline for connect, headers and body alike: past it the exchange fails with `ExchangeTimeout`. */
  timeoutMs: number;
}

/** No complete answer within the deadline (a server that stalls mid-body included). */
export class ExchangeTimeout extends Error {
  constructor(timeoutMs: number) {
    super(`No complete answer within ${timeoutMs} ms.`);
    this.name = 'ExchangeTimeout';
  }
}

export type HttpExchange = (request: ExchangeRequest) => Promise<RawAnswer>;

/** Through `fetch` (an injected one in tests, the global one for multipart uploads). */
export function fetchExchange(fetchImpl: typeof fetch): HttpExchange {
  return async ({ method, url, headers, body, timeoutMs }) => {
    // The signal also ends a body still being read when the deadline passes.
    const signal = AbortSignal.timeout(timeoutMs);
    const rethrow = (error: unknown): never => {
      throw signal.aborted ? new ExchangeTimeout(timeoutMs) : error;
    };
    const response = await fetchImpl(url, { method, headers, body, signal, redirect: 'follow' }).catch(
      rethrow,
    );
    return {
      status: response.status,
      header: (name) => response.headers.get(name),
      text: () => response.text().catch(rethrow),
      bytes: async () => Buffer.from(await response.arrayBuffer().catch(rethrow)),
    };
  };
}

/**
 * Connections kept per host, open and idle alike: as many as a campaign needs at Meta's highest
 * rates (1,000 messages a second at ~250 ms each). Sends beyond it wait in the agent for one to be
 * free. Without a cap a campaign's 500 sends in flight opened 500 connections and the agent kept 256
 * of them idle, so each wave opened the rest again (a TLS handshake each against Meta): 10% of a
 * campaign's CPU in bench/campaign.ts.
 */
const CONNECTIONS = 256;
const AGENT_OPTIONS = {
  keepAlive: true,
  scheduling: 'lifo',
  maxSockets: CONNECTIONS,
  maxFreeSockets: CONNECTIONS,
} as const;

/**
 * `node:http(s)` with keep-alive agents: one connection per concurrent send, reused, and no web
 * streams. Measured on a campaign, a send costs about a third of the CPU of `fetch` (bench/README.md),
 * which is why JSON calls go this way. Multipart uploads and redirects (media URLs) stay on fetch.
 */
export class KeepAliveExchange {
  private readonly agents = {
    'http:': new http.Agent(AGENT_OPTIONS),
    'https:': new https.Agent(AGENT_OPTIONS),
  };
  private readonly viaFetch = fetchExchange(fetch);

  readonly exchange: HttpExchange = (request) => {
    const { body, url } = request;
    if (body instanceof FormData) return this.viaFetch(request);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return this.viaFetch(request);
    return this.send({ ...request, body });
  };

  /** Closes idle connections (they are unref'd, so they never hold the process open either way). */
  close(): void {
    this.agents['http:'].destroy();
    this.agents['https:'].destroy();
  }

  private send({
    method,
    url,
    headers,
    body,
    timeoutMs,
  }: ExchangeRequest & { body: string | Uint8Array | undefined }): Promise<RawAnswer> {
    const secure = url.protocol === 'https:';
    const agent = secure ? this.agents['https:'] : this.agents['http:'];
    const outgoing: Record<string, string | number> = { ...headers };
    if (body !== undefined) outgoing['content-length'] = Buffer.byteLength(body);
    return new Promise<RawAnswer>((resolve, reject) => {
      let settled = false;
      // Settles once, whichever comes first: the whole body, an error, a premature close or the deadline.
      const settle = (outcome: { answer: RawAnswer } | { error: Error }) => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        if ('answer' in outcome) resolve(outcome.answer);
        else reject(outcome.error);
      };
      const request = (secure ? https : http).request(url, { method, headers: outgoing, agent });
      // A plain timer rather than AbortSignal.timeout: a signal is an event target with listeners to
      // add and remove, ~2% of a campaign's main thread at one a message (bench/README.md).
      const deadline = setTimeout(() => {
        settle({ error: new ExchangeTimeout(timeoutMs) });
        request.destroy();
      }, timeoutMs);
      request.once('error', (error) => settle({ error }));
      request.once('response', (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.once('error', (error) => settle({ error }));
        response.once('close', () => {
          if (!response.complete) settle({ error: new Error('other side closed before the answer ended') });
        });
        response.once('end', () => {
          const data = Buffer.concat(chunks);
          settle({
            answer: {
              status: response.statusCode ?? 0,
              header: (name) => headerValue(response.headers[name.toLowerCase()]),
              text: () => Promise.resolve(data.toString('utf8')),
              bytes: () => Promise.resolve(data),
            },
          });
        });
      });
      request.end(body);
    });
  }
}

function headerValue(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(', ') : value;
}
