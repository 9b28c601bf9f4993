/**
 * Keeps secrets out of every log line. Two nets: the shapes secrets come in (a bearer header, an
 * access_token parameter, our own token prefixes), and the very values the app holds (WhatsApp's
 * access token, the app secret, the verify token), remembered as the secret store hands them out,
 * so an error that echoes one back (a URL, a server's message) is caught too.
 */
const PATTERNS: RegExp[] = [
  /(bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi,
  /((?:access_token|client_secret|app_secret|verify_token|hub\.verify_token|password)["']?\s*[=:]\s*["']?)[^\s"'&,}]{4,}/gi,
  // Session tokens (ws_…) and API tokens (wdk_…) minted by the app.
  /\b(ws_|wdk_)[A-Za-z0-9_-]{8,}/g,
  // Meta's user and system-user access tokens.
  /\bEAA[A-Za-z0-9]{20,}/g,
];

const known = new Set<string>();

/** A secret the app holds: it never appears in a log line, whatever carries it there. */
export function rememberSecret(value: string | null | undefined): void {
  // Very short values would blank out ordinary words; the stores refuse them anyway.
  if (value && value.length >= 8) known.add(value);
}

export function redact(text: string): string {
  let out = text;
  for (const value of known) if (out.includes(value)) out = out.split(value).join('[redacted]');
  for (const pattern of PATTERNS) {
    out = out.replace(pattern, (_match, prefix: unknown) =>
      typeof prefix === 'string' ? `${prefix}[redacted]` : '[redacted]',
    );
  }
  return out;
}
