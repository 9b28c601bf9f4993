import type { CoreEventName, CoreEvents } from '@shared/events';

/**
 * Core events an applied webhook causes. They are published only after its transaction commits,
 * so a window never hears of a change that was rolled back.
 */
export class Effects {
  private readonly events: { name: CoreEventName; payload: unknown }[] = [];
  private readonly tasks: (() => Promise<void>)[] = [];

  /** Work to start once the change is committed, such as fetching inbound media before its link expires. */
  after(task: () => Promise<void>): void {
    this.tasks.push(task);
  }

  afterCommit(): (() => Promise<void>)[] {
    return [...this.tasks];
  }

  publish<N extends CoreEventName>(name: N, payload: CoreEvents[N]): void {
    this.events.push({ name, payload });
  }

  flush(publish: <N extends CoreEventName>(name: N, payload: CoreEvents[N]) => void): void {
    for (const event of this.events) publish(event.name, event.payload as never);
  }
}
