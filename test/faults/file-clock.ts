import { readFileSync, writeFileSync } from 'node:fs';
import { Clock } from '@spcomms/clock';

/**
 * A clock for worker child processes under test: the instant is whatever ISO time the test last
 * wrote into the file (re-read at most every 20 ms). Test-only; production uses SystemClock.
 */
export class FileClock extends Clock {
  private cached = 0;
  private readAt = -Infinity;

  constructor(private readonly file: string) {
    super();
  }

  now(): Date {
    const real = performance.now();
    if (real - this.readAt > 20) {
      this.cached = Date.parse(readFileSync(this.file, 'utf8').trim());
      this.readAt = real;
    }
    return new Date(this.cached);
  }

  static write(file: string, instant: Date | string): void {
    writeFileSync(file, new Date(instant).toISOString());
  }
}
