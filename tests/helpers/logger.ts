import type { Logger } from '../../electron/core/util/logger';

export interface LogLine {
  level: 'info' | 'warn' | 'error';
  message: string;
  error?: unknown;
}

/** A silent logger that remembers what it was told, for tests that check what reaches the log. */
export class CapturingLogger implements Logger {
  readonly lines: LogLine[] = [];

  info(message: string): void {
    this.lines.push({ level: 'info', message });
  }

  warn(message: string): void {
    this.lines.push({ level: 'warn', message });
  }

  error(message: string, error?: unknown): void {
    this.lines.push({ level: 'error', message, error });
  }
}
