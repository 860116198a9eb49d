/** The time source of the system. Domain code asks the clock, never `new Date()`. */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    // eslint-disable-next-line no-restricted-syntax -- the one place that reads the system time
    return new Date();
  }
}

/**
 * A clock that a piece of work can take back to a past instant, so that past events go through
 * today's services as they would have then (the demo's history: letters sent, replied to and
 * published months ago). Only for a process that does nothing else meanwhile: every reader of the
 * clock sees the past while the work runs.
 */
export abstract class RewindableClock extends Clock {
  abstract rewind<T>(to: Date, work: () => Promise<T>): Promise<T>;
}

/** The system clock, rewindable: while the work runs, time runs on from the instant it was taken back to. */
export class RewindableSystemClock extends RewindableClock {
  private readonly system = new SystemClock();
  private offset = 0;

  now(): Date {
    return new Date(this.system.now().getTime() - this.offset);
  }

  async rewind<T>(to: Date, work: () => Promise<T>): Promise<T> {
    const before = this.offset;
    this.offset = this.system.now().getTime() - to.getTime();
    try {
      return await work();
    } finally {
      this.offset = before;
    }
  }
}
