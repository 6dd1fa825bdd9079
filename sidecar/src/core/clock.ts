/**
 * Time as a parameter. Modules that read the time take a Clock, so tests step through time
 * instead of sleeping; production passes `systemClock`.
 */
export interface Clock {
  /** Milliseconds since the epoch, like Date.now(). */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that only moves when told to: for tests and replays. */
export class ManualClock implements Clock {
  constructor(private ms = 0) {}

  now(): number {
    return this.ms;
  }

  set(ms: number): void {
    this.ms = ms;
  }

  advance(ms: number): number {
    this.ms += ms;
    return this.ms;
  }
}
