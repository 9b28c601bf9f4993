import type { Clock } from '../../electron/core/util/clock';

/** A clock the test moves by hand, so waits (lockouts, idle sessions) take no real time. */
export class MovableClock implements Clock {
  private ms: number;

  constructor(start: Date | number = Date.UTC(2030, 0, 15, 9, 0, 0)) {
    this.ms = typeof start === 'number' ? start : start.getTime();
  }

  now(): Date {
    return new Date(this.ms);
  }

  advance(ms: number): void {
    this.ms += ms;
  }

  advanceSeconds(seconds: number): void {
    this.advance(seconds * 1000);
  }
}

/** Real time, plus however far the test moved it: timers keep working, and a test can skip an hour. */
export class ShiftedClock implements Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }
}
