import { EventEmitter } from 'node:events';
import type { CoreEventMessage, CoreEventName, CoreEvents } from '@shared/events';

/**
 * Core events for open windows. `to` limits a message to some sessions (by session id); without
 * it every signed-in window gets it.
 */
export interface Delivery<N extends CoreEventName = CoreEventName> extends CoreEventMessage<N> {
  to?: readonly string[];
}

export class EventBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    // Every open window and SSE stream subscribes; a small office can have many.
    this.emitter.setMaxListeners(0);
  }

  publish<N extends CoreEventName>(name: N, payload: CoreEvents[N], to?: readonly string[]): void {
    const delivery: Delivery<N> = { name, payload, to };
    this.emitter.emit('event', delivery);
  }

  subscribe(listener: (delivery: Delivery) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }
}
