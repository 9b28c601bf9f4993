import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';

export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
}

export interface HttpRequest {
  port: number;
  method?: string;
  path: string;
  headers?: Record<string, string>;
  /** A string is sent as is; anything else as JSON. */
  body?: unknown;
  /** Host header to send; defaults to 127.0.0.1:PORT. fetch() cannot forge it, node:http can. */
  host?: string;
}

/** One HTTP request to 127.0.0.1 with full control over the Host header and the raw body. */
export function request(options: HttpRequest): Promise<HttpResponse> {
  const payload =
    options.body === undefined
      ? undefined
      : typeof options.body === 'string'
        ? options.body
        : JSON.stringify(options.body);
  const headers: Record<string, string> = {
    host: options.host ?? `127.0.0.1:${options.port}`,
    ...(payload !== undefined ? { 'content-type': 'application/json' } : {}),
    ...options.headers,
  };
  if (payload !== undefined) headers['content-length'] = String(Buffer.byteLength(payload));
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: options.port, method: options.method ?? 'GET', path: options.path, headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

/** `POST /bridge/rpc/:op` with an optional bearer token. */
export function rpc(port: number, op: string, input: unknown, token?: string | null): Promise<HttpResponse> {
  return request({
    port,
    method: 'POST',
    path: `/bridge/rpc/${op}`,
    body: input,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
}

export interface ServerSentEvent {
  event: string;
  data: string;
}

/** A server-sent event stream read as it arrives. */
export class EventStream {
  readonly events: ServerSentEvent[] = [];
  ended = false;
  private buffer = '';
  private waiters: (() => void)[] = [];

  private constructor(readonly response: IncomingMessage) {
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => {
      this.buffer += chunk;
      let cut: number;
      while ((cut = this.buffer.indexOf('\n\n')) >= 0) {
        const block = this.buffer.slice(0, cut);
        this.buffer = this.buffer.slice(cut + 2);
        const event = parseEvent(block);
        if (event) this.events.push(event);
      }
      this.wake();
    });
    const finish = () => {
      this.ended = true;
      this.wake();
    };
    response.on('end', finish);
    response.on('close', finish);
    response.on('error', finish);
  }

  /** Opens `GET path`; resolves once the response head has arrived. */
  static open(port: number, path: string, token: string | null): Promise<EventStream> {
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          path,
          method: 'GET',
          headers: {
            host: `127.0.0.1:${port}`,
            accept: 'text/event-stream',
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
        },
        (res) => resolve(new EventStream(res)),
      );
      req.on('error', reject);
      req.end();
    });
  }

  get status(): number {
    return this.response.statusCode ?? 0;
  }

  /** Waits for the first event named `name` at or after index `from`. */
  async next(name: string, from = 0, timeoutMs = 5000): Promise<ServerSentEvent> {
    await this.until(() => this.events.slice(from).some((e) => e.event === name), timeoutMs, `event ${name}`);
    return this.events.slice(from).find((e) => e.event === name)!;
  }

  /** Waits for the server to end the stream. */
  waitForEnd(timeoutMs = 5000): Promise<void> {
    return this.until(() => this.ended, timeoutMs, 'end of stream');
  }

  close(): void {
    this.response.destroy();
  }

  private async until(test: () => boolean, timeoutMs: number, what: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!test()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}

function parseEvent(block: string): ServerSentEvent | null {
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':') || line === '') continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event = value;
    if (field === 'data') data.push(value);
  }
  return data.length ? { event, data: data.join('\n') } : null;
}
