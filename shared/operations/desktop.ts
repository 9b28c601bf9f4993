import { z } from 'zod';
import { needs, operation } from './define';
import type { DesktopPreferencesDto } from '../types/desktop';

/**
 * The desktop app's own settings for this computer. Only the Electron shell provides them: in
 * headless mode `desktop.preferences` answers null (the Settings screen shows no card) and
 * `desktop.setPreferences` is refused with CONFLICT.
 */
export const desktopOperations = {
  'desktop.preferences': operation<DesktopPreferencesDto | null>()({
    summary:
      'This computer’s desktop settings (start at login, do not disturb, sound); null outside the desktop app',
    access: needs('settings.read'),
    input: z.object({}).strict(),
  }),
  'desktop.setPreferences': operation<DesktopPreferencesDto>()({
    summary: 'Change this computer’s desktop settings',
    access: needs('settings.write'),
    input: z
      .object({
        launchAtLogin: z.boolean().optional(),
        doNotDisturb: z.boolean().optional(),
        notificationSound: z.boolean().optional(),
      })
      .strict()
      .refine((patch) => Object.keys(patch).length > 0, 'Say what to change'),
  }),
};
