import { DateTime } from 'luxon';

/** A calendar day as `YYYY-MM-DD`, the form PostgreSQL's `date` type reads and writes. */
export type CalendarDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Whether `value` is a day that exists, as `YYYY-MM-DD`. Checked by hand rather than parsed as a
 * date: every date of every request's input is validated, and a parse costs tens of microseconds.
 */
export function isCalendarDate(value: string): value is CalendarDate {
  const parts = ISO_DATE.exec(value);
  if (!parts) {
    return false;
  }
  const year = Number(parts[1]);
  const month = Number(parts[2]);
  const day = Number(parts[3]);
  if (month < 1 || month > 12 || day < 1) {
    return false;
  }
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]);
}

/** The calendar day on which `instant` falls in `timezone` (e.g. Europe/Zurich). */
export function calendarDateIn(instant: Date, timezone: string): CalendarDate {
  return DateTime.fromJSDate(instant, { zone: timezone }).toISODate() as CalendarDate;
}

/** The calendar year in which `instant` falls in `timezone`. */
export function calendarYearIn(instant: Date, timezone: string): number {
  return DateTime.fromJSDate(instant, { zone: timezone }).year;
}

export function addCalendarDays(date: CalendarDate, days: number): CalendarDate {
  return DateTime.fromISO(date, { zone: 'utc' }).plus({ days }).toISODate() as CalendarDate;
}

export function addCalendarMonths(date: CalendarDate, months: number): CalendarDate {
  return DateTime.fromISO(date, { zone: 'utc' }).plus({ months }).toISODate() as CalendarDate;
}

/** The instant at which a calendar day begins in `timezone`. */
export function startOfCalendarDate(date: CalendarDate, timezone: string): Date {
  return DateTime.fromISO(date, { zone: timezone }).startOf('day').toJSDate();
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return Math.round(DateTime.fromISO(to, { zone: 'utc' }).diff(DateTime.fromISO(from, { zone: 'utc' }), 'days').days);
}

/**
 * Instants found by atLocalTime, in epoch milliseconds, by zone, day and time. The letters sent on one
 * day share their deadlines' days and times, and each search of a zone's offsets costs tens of
 * microseconds, inside the transaction that holds a recipient's counter.
 */
const LOCAL_TIMES = new Map<string, number>();
/** Beyond this many, the instants found start again (a year of days holds far fewer per zone and time). */
const LOCAL_TIMES_KEPT = 4096;

/**
 * The instant of a wall-clock time (`HH:mm`) on a calendar day in `timezone`. A time that the zone
 * skips (the hour clocks go forward) is moved forward by the gap; in the hour that repeats when clocks
 * go back, the first of the two instants is taken.
 */
export function atLocalTime(date: CalendarDate, time: string, timezone: string): Date {
  const key = `${timezone} ${date} ${time}`;
  let epoch = LOCAL_TIMES.get(key);
  if (epoch === undefined) {
    const [hour, minute] = time.split(':').map(Number);
    epoch = DateTime.fromISO(date, { zone: timezone }).set({ hour, minute, second: 0, millisecond: 0 }).toMillis();
    if (LOCAL_TIMES.size >= LOCAL_TIMES_KEPT) {
      LOCAL_TIMES.clear();
    }
    LOCAL_TIMES.set(key, epoch);
  }
  return new Date(epoch);
}
