import { defineRule } from './notice';

/** A new version is ready; installing waits for the user (desktop/update-policy.ts). */
export const updateReady = defineRule({
  kind: 'update.ready',
  on: 'update.ready',
  notice: (update) => ({
    title: `Wapidesk ${update.version} is ready`,
    body: 'Choose “Restart to update” in the Wapidesk menu of the tray when it suits you.',
    route: '/',
    tag: `update-${update.version}`,
  }),
});
