/** Small helpers that turn URLs and network failures into words fit for a status line and a log. */

/**
 * A URL as we may show it: no user name, password, query or fragment, since a self-hosted tunnel
 * server or reverse proxy URL can carry credentials, and none of those belong in logs.
 */
export function safeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    parsed.search = '';
    parsed.hash = '';
    return parsed.href.replace(/\/$/, '');
  } catch {
    return '(not a URL)';
  }
}

/**
 * The most telling part of a network failure: a code such as ECONNREFUSED or ENOTFOUND when there
 * is one (fetch hides it in `cause`, happy eyeballs in an AggregateError), else the message.
 */
export function describeNetworkError(error: unknown): string {
  for (let current: unknown = error, depth = 0; current && depth < 4; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code;
    const inner = (current as { errors?: unknown }).errors;
    if (Array.isArray(inner) && inner.length > 0) current = inner[0];
    else current = (current as { cause?: unknown }).cause;
  }
  if (error instanceof Error && error.name === 'TimeoutError') return 'no answer in time';
  return scrubUrls(error instanceof Error ? error.message : String(error));
}

/** Messages from fetch, net or a library can quote the URL they were given, credentials and all. */
export function scrubUrls(text: string): string {
  // A URL ends before spaces and quotes, and never with the punctuation of the sentence around it.
  return text.replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s'"<>]*[^\s'"<>.,:;)]/gi, (url) => safeUrl(url));
}
