import { z } from 'zod';
import { describeNetworkError, safeUrl } from '../describe';
import { TunnelError } from '../types';

/** What a localtunnel server assigns: where to open the sockets and the public URL. */
export interface TunnelAssignment {
  id: string;
  url: string;
  /** Host and port the client's sockets connect to. */
  remoteHost: string;
  remotePort: number;
  maxConn: number;
}

const answerSchema = z.object({
  id: z.string().min(1),
  url: z.url({ protocol: /^https?$/ }),
  port: z.number().int().min(1).max(65535),
  max_conn_count: z.number().int().min(1).optional(),
  /** Some servers name the socket address outright; the client prefers it to the host name. */
  ip: z.string().min(1).optional(),
});

/** More sockets than this buys nothing for one shop and only holds file descriptors. */
const MAX_SOCKETS = 10;

/**
 * Asks a localtunnel server for a tunnel: `GET <host>/?new`, or `GET <host>/<subdomain>` to ask for
 * a name. Unlike the `localtunnel` npm client, which retries a failed request every second forever
 * without telling anyone, this fails once with an error the user can act on; the caller retries.
 */
export async function requestTunnel(options: {
  host: string;
  subdomain: string;
  timeoutMs: number;
  signal?: AbortSignal;
}): Promise<TunnelAssignment> {
  const base = new URL(options.host);
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  const headers: Record<string, string> = { accept: 'application/json' };
  // fetch refuses URLs with credentials; a self-hosted server behind basic auth gets them as a header.
  if (base.username || base.password) {
    const pair = `${decodeURIComponent(base.username)}:${decodeURIComponent(base.password)}`;
    headers.authorization = `Basic ${Buffer.from(pair).toString('base64')}`;
    base.username = '';
    base.password = '';
  }
  const endpoint = new URL(options.subdomain ? encodeURIComponent(options.subdomain) : '?new', base);
  const shown = safeUrl(options.host);
  const signals = [AbortSignal.timeout(options.timeoutMs), ...(options.signal ? [options.signal] : [])];

  let response: Response;
  try {
    response = await fetch(endpoint, { signal: AbortSignal.any(signals), headers });
  } catch (error) {
    if (options.signal?.aborted) throw new TunnelError('Stopped');
    throw new TunnelError(`Cannot reach the tunnel server ${shown}: ${describeNetworkError(error)}`);
  }
  const text = await response.text().catch(() => '');
  const body = parseJson(text);
  if (!response.ok) {
    const said = typeof body?.message === 'string' ? `: ${body.message.slice(0, 200)}` : '';
    throw new TunnelError(`The tunnel server ${shown} refused a tunnel (HTTP ${response.status})${said}`);
  }
  const answer = answerSchema.safeParse(body);
  if (!answer.success) {
    throw new TunnelError(`The tunnel server ${shown} gave an answer that is not a localtunnel assignment`);
  }
  return {
    id: answer.data.id,
    url: answer.data.url.replace(/\/+$/, ''),
    // URL keeps IPv6 literals in brackets; net.connect wants them bare.
    remoteHost: answer.data.ip ?? base.hostname.replace(/^\[|\]$/g, ''),
    remotePort: answer.data.port,
    maxConn: Math.min(answer.data.max_conn_count ?? 1, MAX_SOCKETS),
  };
}

function parseJson(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
