import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { AppError } from '@shared/errors';
import { formatBytes } from './media-types';
import { isPublicAddress } from './public-address';

export interface LinkFetchOptions {
  /** For the whole download, redirects included. */
  timeoutMs: number;
  /** The most bytes read for a given Content-Type; a longer answer is refused as too large. */
  maxBytesFor(contentType: string): number;
  maxRedirects: number;
  /**
   * Off in the app: only internet addresses are fetched. What a link fetches is published at
   * /media/ on the public (tunnelled) listener, so fetching from this machine or the shop's network
   * could publish a router page, a NAS file or a cloud metadata answer to the world. A file from
   * the local network can still be added by uploading it. Tests switch this on to use loopback.
   */
  allowPrivateNetwork: boolean;
}

export interface FetchedLink {
  data: Buffer;
  contentType: string;
  /** From Content-Disposition, else the last path segment of the final URL; null when neither. */
  fileName: string | null;
}

const refuse = (message: string): AppError =>
  new AppError('VALIDATION', message, { fields: [{ field: 'url', message }] });

/**
 * Downloads a public link's content: http and https only, internet addresses only (checked on the
 * address actually connected to, so a DNS answer cannot swap in a private one), a few redirects,
 * one deadline for everything and a size cap read as it streams.
 */
export async function fetchLink(link: string, options: LinkFetchOptions): Promise<FetchedLink> {
  const deadline = Date.now() + options.timeoutMs;
  let url = parseLink(link);
  for (let redirects = 0; ; redirects++) {
    const response = await get(url, options, deadline);
    const status = response.statusCode ?? 0;
    const location = response.headers.location;
    if (status >= 300 && status < 400 && location) {
      response.destroy();
      if (redirects >= options.maxRedirects) throw refuse('The link redirects too many times');
      url = parseLink(new URL(location, url).toString());
      continue;
    }
    if (status < 200 || status >= 300) {
      response.destroy();
      throw refuse(`The link answered HTTP ${status}, not the file`);
    }
    const contentType = response.headers['content-type'] ?? '';
    const data = await readCapped(response, options.maxBytesFor(contentType), deadline);
    return { data, contentType, fileName: fileNameOf(response, url) };
  }
}

function parseLink(link: string): URL {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    throw refuse('Not a valid link');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw refuse('Only http:// and https:// links can be added');
  }
  if (url.username || url.password) throw refuse('A link with a user name or password cannot be added');
  return url;
}

function get(url: URL, options: LinkFetchOptions, deadline: number): Promise<IncomingMessage> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  // Node connects to an IP literal without a lookup, so literals are checked here.
  if (isIP(host) && !options.allowPrivateNetwork && !isPublicAddress(host)) {
    return Promise.reject(refuse('The link points to this computer or a private network'));
  }
  const requestOptions: RequestOptions = {
    method: 'GET',
    headers: { 'user-agent': 'Wapidesk', accept: '*/*', 'accept-encoding': 'identity' },
    lookup: guardedLookup(options.allowPrivateNetwork),
    timeout: Math.max(1, deadline - Date.now()),
  };
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send(url, requestOptions, (response) => {
      clearTimeout(timer);
      resolve(response);
    });
    const timer = setTimeout(
      () => request.destroy(refuse('The link did not answer in time')),
      Math.max(1, deadline - Date.now()),
    );
    request.on('timeout', () => request.destroy(refuse('The link did not answer in time')));
    request.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (error instanceof AppError) return reject(error);
      if (error.code === 'EPRIVATE') {
        return reject(refuse('The link points to this computer or a private network'));
      }
      reject(refuse(`The link could not be fetched (${error.code ?? error.message})`));
    });
    request.end();
  });
}

/** Resolves as usual, then refuses when any address is not on the internet. */
function guardedLookup(allowPrivateNetwork: boolean): LookupFunction {
  return (hostname, lookupOptions, callback) => {
    dnsLookup(hostname, { ...lookupOptions, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      if (!allowPrivateNetwork && addresses.some((a) => !isPublicAddress(a.address))) {
        const refused: NodeJS.ErrnoException = new Error(`${hostname} resolves to a private address`);
        refused.code = 'EPRIVATE';
        return callback(refused, '', 0);
      }
      if (lookupOptions.all) return callback(null, addresses);
      const first = addresses[0];
      if (!first) return callback(Object.assign(new Error('no address'), { code: 'ENOTFOUND' }), '', 0);
      callback(null, first.address, first.family);
    });
  };
}

function readCapped(response: IncomingMessage, maxBytes: number, deadline: number): Promise<Buffer> {
  const tooLarge = () => refuse(`Too large: the file may be at most ${formatBytes(maxBytes)}`);
  const declared = Number(response.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    response.destroy();
    return Promise.reject(tooLarge());
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (error: unknown, data?: Buffer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (data) resolve(data);
      else reject(error instanceof AppError ? error : refuse('The link stopped sending before the end'));
    };
    const timer = setTimeout(
      () => response.destroy(refuse('The link did not send the file in time')),
      Math.max(1, deadline - Date.now()),
    );
    response.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) response.destroy(tooLarge());
      else chunks.push(chunk);
    });
    response.on('error', (error) => finish(error));
    response.on('end', () => (response.complete ? finish(null, Buffer.concat(chunks, size)) : finish(null)));
    // Destroyed without an error (the peer went away): no 'end' follows.
    response.on('close', () => finish(null));
  });
}

function fileNameOf(response: IncomingMessage, url: URL): string | null {
  const disposition = response.headers['content-disposition'] ?? '';
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition)?.[1];
  if (extended) {
    try {
      return decodeURIComponent(extended.trim());
    } catch {
      // Badly encoded: fall through to the plain name.
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;]+)/i.exec(disposition);
  const name = (plain?.[1] ?? plain?.[2])?.trim();
  if (name) return name;
  const segment = url.pathname.split('/').pop() ?? '';
  try {
    return decodeURIComponent(segment) || null;
  } catch {
    return segment || null;
  }
}
