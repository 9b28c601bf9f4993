import { redact } from '../logging/redact';

/** The core's log. Callers never pass secrets; every line is redacted anyway (logging/redact.ts). */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

export { redact };

/** A message with the error's stack, as one line of text. */
export function describeError(message: string, error?: unknown): string {
  if (error instanceof Error) return `${message}: ${error.stack ?? error.message}`;
  return error === undefined ? message : `${message}: ${String(error)}`;
}

/** Plain lines on stderr, for headless mode and the CLI. */
export function consoleLogger(prefix = 'wapidesk'): Logger {
  const line = (level: string, message: string) =>
    process.stderr.write(`${new Date().toISOString()} ${prefix} ${level} ${redact(message)}\n`);
  return {
    info: (m) => line('info', m),
    warn: (m) => line('warn', m),
    error: (m, e) => line('error', describeError(m, e)),
  };
}

/** Every line to each of the loggers. */
export function teeLogger(...loggers: Logger[]): Logger {
  return {
    info: (m) => loggers.forEach((l) => l.info(m)),
    warn: (m) => loggers.forEach((l) => l.warn(m)),
    error: (m, e) => loggers.forEach((l) => l.error(m, e)),
  };
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
