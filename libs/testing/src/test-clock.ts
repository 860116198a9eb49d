import { RewindableClock } from '@spcomms/clock';

/** A clock that tests set and move; it never moves by itself. */
export class TestClock extends RewindableClock {
  private current: Date;

  constructor(start: Date | string = '2026-03-02T09:00:00Z') {
    super();
    this.current = new Date(start);
  }

  now(): Date {
    return new Date(this.current);
  }

  set(to: Date | string): void {
    this.current = new Date(to);
  }

  /** Sets the clock to `to` for the work, then back to where it was. */
  async rewind<T>(to: Date, work: () => Promise<T>): Promise<T> {
    const before = this.current;
    this.current = new Date(to);
    try {
      return await work();
    } finally {
      this.current = before;
    }
  }

  advance({
    days = 0,
    hours = 0,
    minutes = 0,
    seconds = 0,
  }: {
    days?: number;
    hours?: number;
    minutes?: number;
    seconds?: number;
  }): void {
    this.current = new Date(this.current.getTime() + ((days * 24 + hours) * 60 + minutes) * 60_000 + seconds * 1000);
  }
}
