import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import rolling from 'pino-roll';
import { describeError, type Logger } from '../util/logger';
import { redact } from './redact';

/** Where the log files are, inside the data folder. */
export function logFolder(dataDir: string): string {
  return join(dataDir, 'logs');
}

export interface LogFile {
  logger: Logger;
  folder: string;
  /** Writes what is buffered and closes the file. */
  close(): Promise<void>;
}

/**
 * A log a user can send: JSON lines (pino) in `logs/` of the data folder, a new file every 10 MB,
 * the five newest kept, readable by this user only. Written without worker threads, so it works the
 * same in the Electron main process, headless mode and the CLI.
 */
export async function openLogFile(dataDir: string): Promise<LogFile> {
  const folder = logFolder(dataDir);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  if (process.platform !== 'win32') chmodSync(folder, 0o700);
  const stream = await rolling({
    file: join(folder, 'wapidesk'),
    extension: '.log',
    size: '10m',
    limit: { count: 4 },
    mkdir: true,
    mode: 0o600,
  });
  const log = pino({ base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime }, stream);
  return {
    folder,
    logger: {
      info: (m) => log.info(redact(m)),
      warn: (m) => log.warn(redact(m)),
      error: (m, e) => log.error(redact(describeError(m, e))),
    },
    // Resolves once every line is on disk and the file is closed (a quit must not lose the last ones).
    close: () =>
      new Promise<void>((resolve) => {
        stream.once('close', resolve);
        stream.end();
      }),
  };
}
