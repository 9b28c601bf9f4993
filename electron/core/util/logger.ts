/** The core's log: plain lines on stderr. Callers never pass secrets; `redact` guards what they might. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

const SECRET_PATTERN = /(bearer\s+|access_token=|token["':= ]+)[A-Za-z0-9._~+/-]{8,}/gi;

export function redact(text: string): string {
  return text.replace(SECRET_PATTERN, '$1[redacted]');
}

export function consoleLogger(prefix = 'wapidesk'): Logger {
  const line = (level: string, message: string) =>
    process.stderr.write(`${new Date().toISOString()} ${prefix} ${level} ${redact(message)}\n`);
  return {
    info: (m) => line('info', m),
    warn: (m) => line('warn', m),
    error: (m, e) =>
      line('error', e instanceof Error ? `${m}: ${e.stack ?? e.message}` : e ? `${m}: ${String(e)}` : m),
  };
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
