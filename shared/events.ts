/** Events the core publishes to open windows (Electron IPC or server-sent events on the bridge). */
export interface CoreEvents {
  'people.changed': { reason: string };
  'session.ended': { reason: 'logout' | 'password_changed' | 'disabled' | 'expired' };
  'contacts.changed': { reason: string };
  'lists.changed': { reason: string };
  'import.progress': { importId: string; processed: number; total: number };
}
export type CoreEventName = keyof CoreEvents;
export interface CoreEventMessage<N extends CoreEventName = CoreEventName> {
  name: N;
  payload: CoreEvents[N];
}
