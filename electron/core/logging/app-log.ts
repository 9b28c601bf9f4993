import { consoleLogger, teeLogger, type Logger } from '../util/logger';
import { openLogFile } from './log-file';

export interface AppLog {
  logger: Logger;
  /** The folder of the log files, shown in Settings. */
  folder: string;
  close(): Promise<void>;
}

/**
 * The log of a running app: the rotating file in the data folder, and the same lines on stderr
 * for whoever started it from a terminal. A log file that cannot be opened (a read-only disk) is
 * said once on stderr; the app still starts.
 */
export async function openAppLog(dataDir: string, prefix = 'wapidesk'): Promise<AppLog> {
  const console = consoleLogger(prefix);
  try {
    const file = await openLogFile(dataDir);
    return { logger: teeLogger(console, file.logger), folder: file.folder, close: file.close };
  } catch (error) {
    console.warn(`could not open the log file in ${dataDir}: ${String(error)}; logging to the terminal only`);
    return { logger: console, folder: '', close: async () => undefined };
  }
}
