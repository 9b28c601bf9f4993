import type { CoreEvent } from '@shared/events';
import type { Logger } from '../util/logger';
import { mayReceive, type Audience } from './event-access';
import type { Delivery, EventBus } from './event-bus';

export interface SessionFeedOptions {
  events: EventBus;
  sessionId: string;
  /** The session's user and permissions now; null once the session is gone. */
  loadAudience: () => Promise<Audience | null>;
  send: (event: CoreEvent) => void;
  /** The session ended (signed out, expired, disabled): the feed has stopped. */
  onEnded?: () => void;
  logger: Logger;
}

/**
 * The events one signed-in session may hear, in the order they were published. Who the session is
 * (user and permissions) is read when the feed opens and again on every `people.changed` before
 * anything published after it is delivered, so a withdrawn permission silences its events at once.
 * The one place where SSE and Electron IPC decide what reaches a window.
 */
export function openSessionFeed(options: SessionFeedOptions): () => void {
  let stopped = false;
  let audience: Promise<Audience | null> = options.loadAudience();
  let queue: Promise<void> = Promise.resolve();

  const stop = () => {
    if (stopped) return;
    stopped = true;
    unsubscribe();
  };
  const end = () => {
    stop();
    options.onEnded?.();
  };

  const deliver = async (delivery: Delivery) => {
    if (stopped) return;
    if (delivery.name === 'people.changed') audience = options.loadAudience();
    const who = await audience;
    if (stopped) return;
    if (!who) {
      end();
      return;
    }
    if (!delivery.to && !mayReceive(delivery.name, delivery.payload, who)) return;
    options.send({ name: delivery.name, payload: delivery.payload } as CoreEvent);
    // Nothing published after the end of a session reaches its window.
    if (delivery.name === 'session.ended') end();
  };

  const unsubscribe = options.events.subscribe((delivery) => {
    if (delivery.to && !delivery.to.includes(options.sessionId)) return;
    queue = queue
      .then(() => deliver(delivery))
      .catch((error: unknown) => options.logger.error('could not deliver an event to a window', error));
  });
  return stop;
}
