import { DateTime } from 'luxon';

/** A calendar day as `YYYY-MM-DD`, the form PostgreSQL's `date` type reads and writes. */
export type CalendarDate = string;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isCalendarDate(value: string): value is CalendarDate {
  return ISO_DATE.test(value) && DateTime.fromISO(value, { zone: 'utc' }).isValid;
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

/** The instant of a wall-clock time (`HH:mm`) on a calendar day in `timezone`. */
export function atLocalTime(date: CalendarDate, time: string, timezone: string): Date {
  const [hour, minute] = time.split(':').map(Number);
  return DateTime.fromISO(date, { zone: timezone }).set({ hour, minute, second: 0, millisecond: 0 }).toJSDate();
}
