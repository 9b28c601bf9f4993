import { SHUTDOWN_WAIT_MS } from '../entry/shutdown';

/**
 * Why the app is stopping:
 * - `user`: Quit from the menu, the tray, Cmd+Q, or the dock;
 * - `update`: "Restart to update";
 * - `system`: the computer shuts down or the user logs off (nobody to ask, little time);
 * - `signal`: SIGTERM or SIGINT from a terminal or a service manager.
 */
export type QuitTrigger = 'user' | 'update' | 'system' | 'signal';

export interface QuitQuestion {
  message: string;
  detail: string;
  /** [go ahead, stay]; the second is the default and what Escape chooses. */
  buttons: [string, string];
}

export interface QuitPlan {
  /** Asked first when not null; the app stops only if the first button is chosen. */
  ask: QuitQuestion | null;
  /** How long to wait for WhatsApp's answers to the requests in flight. */
  waitMs: number;
}

/** Windows gives an app about five seconds once the session ends. */
const SYSTEM_WAIT_MS = 4_000;

/**
 * What a quit does before stopping. A running campaign is worth a question when someone is there
 * to answer it: it stops sending until the app starts again (nothing is lost; it resumes then).
 */
export function quitPlan(trigger: QuitTrigger, runningCampaigns: number): QuitPlan {
  if (trigger === 'system') return { ask: null, waitMs: SYSTEM_WAIT_MS };
  if (trigger === 'signal' || runningCampaigns === 0) return { ask: null, waitMs: SHUTDOWN_WAIT_MS };
  const campaigns = runningCampaigns === 1 ? 'A campaign is' : `${runningCampaigns} campaigns are`;
  const verb = trigger === 'update' ? 'Restart to update' : 'Quit';
  return {
    ask: {
      message: `${campaigns} sending. ${verb} anyway?`,
      detail:
        'Sending stops until Wapidesk runs again, then carries on where it stopped. Messages already ' +
        'sent are kept; Wapidesk waits up to ten seconds for WhatsApp to confirm the last ones. ' +
        'Webhooks and replies are not received while Wapidesk is closed (Meta retries them later).',
      buttons: [verb, 'Keep running'],
    },
    waitMs: SHUTDOWN_WAIT_MS,
  };
}
