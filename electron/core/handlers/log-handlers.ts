import { AppError } from '@shared/errors';
import type { HandlerMap } from '../dispatcher/handler';
import type { FolderOpener } from '../logging/open-folder';

type LogHandlers = Pick<HandlerMap, 'logs.location' | 'logs.openFolder'>;

export function logHandlers(folder: string, open: FolderOpener): LogHandlers {
  return {
    'logs.location': async () => ({ folder: folder || null }),
    'logs.openFolder': async () => {
      if (!folder) throw new AppError('CONFLICT', 'This run writes no log file');
      try {
        await open(folder);
      } catch (error) {
        throw new AppError('CONFLICT', `Could not open the folder (${String(error)}); it is ${folder}`);
      }
      return { folder };
    },
  };
}
