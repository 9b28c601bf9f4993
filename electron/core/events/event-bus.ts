import { EventEmitter } from 'node:events';
import type { CoreEvent, CoreEventName, CoreEvents } from '@shared/events';

/**
 * A published event and, when it concerns only some sessions, their ids. Without `to` it goes to
 * every signed-in window whose user may read it (events/event-access.ts).
 */
export type Delivery = CoreEvent & { to?: readonly string[] };

export class EventBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    // Every open window and SSE stream subscribes; a small office can have many.
    this.emitter.setMaxListeners(0);
  }

  publish<N extends CoreEventName>(name: N, payload: CoreEvents[N], to?: readonly string[]): void {
    const delivery = { name, payload, to } as Delivery;
    this.emitter.emit('event', delivery);
  }

  subscribe(listener: (delivery: Delivery) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }
}
