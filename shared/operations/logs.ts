import { z } from 'zod';
import { needs, operation } from './define';

export const logOperations = {
  'logs.location': operation<{ folder: string | null }>()({
    summary: 'Where the log files are, to send them with a problem report',
    access: needs('settings.read'),
    input: z.object({}).strict(),
  }),
  'logs.openFolder': operation<{ folder: string }>()({
    summary: 'Open the folder of the log files on this computer',
    access: needs('settings.read'),
    input: z.object({}).strict(),
  }),
};
