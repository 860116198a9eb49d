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
