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

const DAY_MS = 86_400_000;

/**
 * Midnight UTC of a day given by year, month index (0–11, or beyond: it carries into the year) and day
 * (0 is the last day of the month before), in epoch milliseconds. Date.UTC would read years 0–99 as 19xx.
 */
function utcEpoch(year: number, monthIndex: number, day: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, monthIndex, day);
  return date.getTime();
}

/** Midnight UTC of a calendar day: the days' own arithmetic, free of any zone. */
function utcEpochOf(date: CalendarDate): number {
  return utcEpoch(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}

/** The calendar day of an epoch in UTC, as `YYYY-MM-DD` (years 0–9999). */
function calendarDateOfUtc(epoch: number): CalendarDate {
  return new Date(epoch).toISOString().slice(0, 10);
}

/**
 * One formatter per zone, answering an instant's day there as numbers: a formatter takes a
 * millisecond to build and microseconds to use.
 */
const DAY_FORMATS = new Map<string, Intl.DateTimeFormat>();

function dayFormatIn(timezone: string): Intl.DateTimeFormat {
  let format = DAY_FORMATS.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      era: 'short',
    });
    DAY_FORMATS.set(timezone, format);
  }
  return format;
}

/** The year, month and day on which `instant` falls in `timezone`. */
function dayPartsIn(instant: Date, timezone: string): { year: number; month: number; day: number } {
  const parts = { year: 0, month: 0, day: 0 };
  let beforeCommonEra = false;
  for (const part of dayFormatIn(timezone).formatToParts(instant)) {
    if (part.type === 'year' || part.type === 'month' || part.type === 'day') {
      parts[part.type] = Number(part.value);
    } else if (part.type === 'era') {
      beforeCommonEra = part.value === 'BC';
    }
  }
  if (beforeCommonEra) {
    parts.year = 1 - parts.year;
  }
  return parts;
}

/** A calendar day in a zone, with the instants it spans: from its first, to the first of the next. */
interface ZoneDay {
  date: CalendarDate;
  year: number;
  from: number;
  to: number;
}

/**
 * The last day found in each zone that lasted 24 hours: every instant it spans is on that day. A day on
 * which the clocks change is not kept (where they go back across midnight, an instant after the day
 * began can read the day before again), and its instants are placed one by one.
 */
const ZONE_DAYS = new Map<string, ZoneDay>();

function zoneDayOf(instant: Date, timezone: string): Pick<ZoneDay, 'date' | 'year'> {
  const epoch = instant.getTime();
  const known = ZONE_DAYS.get(timezone);
  if (known && epoch >= known.from && epoch < known.to) {
    return known;
  }
  const { year, month, day } = dayPartsIn(instant, timezone);
  const date = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const from = startOfCalendarDate(date, timezone).getTime();
  const to = startOfCalendarDate(addCalendarDays(date, 1), timezone).getTime();
  if (to - from === DAY_MS) {
    ZONE_DAYS.set(timezone, { date, year, from, to });
  }
  return { date, year };
}

/** The calendar day on which `instant` falls in `timezone` (e.g. Europe/Zurich). */
export function calendarDateIn(instant: Date, timezone: string): CalendarDate {
  return zoneDayOf(instant, timezone).date;
}

/** The calendar year in which `instant` falls in `timezone`. */
export function calendarYearIn(instant: Date, timezone: string): number {
  return zoneDayOf(instant, timezone).year;
}

export function addCalendarDays(date: CalendarDate, days: number): CalendarDate {
  return calendarDateOfUtc(utcEpochOf(date) + days * DAY_MS);
}

/** `months` later (or earlier), on the same day of the month, or that month's last day when it is shorter. */
export function addCalendarMonths(date: CalendarDate, months: number): CalendarDate {
  const target = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 + months;
  const year = Math.floor(target / 12);
  const month = target - year * 12;
  const lastDay = new Date(utcEpoch(year, month + 1, 0)).getUTCDate();
  return calendarDateOfUtc(utcEpoch(year, month, Math.min(Number(date.slice(8, 10)), lastDay)));
}

/** The instant at which a calendar day begins in `timezone`. */
export function startOfCalendarDate(date: CalendarDate, timezone: string): Date {
  return atLocalTime(date, '00:00', timezone);
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return Math.round((utcEpochOf(to) - utcEpochOf(from)) / DAY_MS);
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
