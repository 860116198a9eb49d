import { DateTime } from 'luxon';
import {
  addCalendarDays,
  addCalendarMonths,
  atLocalTime,
  calendarDateIn,
  calendarYearIn,
  daysBetween,
  isCalendarDate,
  startOfCalendarDate,
} from './calendar';

describe('calendar', () => {
  const geneva = 'Europe/Zurich';

  it('places 23:30 UTC on 31 December in the next Geneva year', () => {
    const instant = new Date('2025-12-31T23:30:00Z');
    expect(calendarYearIn(instant, geneva)).toBe(2026);
    expect(calendarDateIn(instant, geneva)).toBe('2026-01-01');
  });

  it('places 22:30 UTC in summer on the next Geneva day (UTC+2)', () => {
    expect(calendarDateIn(new Date('2026-07-14T22:30:00Z'), geneva)).toBe('2026-07-15');
    expect(calendarDateIn(new Date('2026-07-14T21:30:00Z'), geneva)).toBe('2026-07-14');
  });

  it('adds calendar days across month ends and leap days', () => {
    expect(addCalendarDays('2024-01-01', 60)).toBe('2024-03-01');
    expect(addCalendarDays('2023-01-01', 60)).toBe('2023-03-02');
    expect(addCalendarDays('2026-11-15', 60)).toBe('2027-01-14');
  });

  it('counts days between dates', () => {
    expect(daysBetween('2026-03-01', '2026-04-30')).toBe(60);
    expect(daysBetween('2026-04-30', '2026-03-01')).toBe(-60);
  });

  it('finds the start of a Geneva day across daylight saving', () => {
    expect(startOfCalendarDate('2026-03-29', geneva).toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(startOfCalendarDate('2026-03-30', geneva).toISOString()).toBe('2026-03-29T22:00:00.000Z');
  });

  it('places a Geneva wall-clock time in winter and in summer', () => {
    expect(atLocalTime('2026-01-15', '09:00', geneva).toISOString()).toBe('2026-01-15T08:00:00.000Z');
    expect(atLocalTime('2026-07-01', '09:00', geneva).toISOString()).toBe('2026-07-01T07:00:00.000Z');
    expect(atLocalTime('2026-07-02', '00:00', geneva).toISOString()).toBe('2026-07-01T22:00:00.000Z');
  });

  it('moves a time the clocks skip forward, and takes the first of a time they repeat', () => {
    expect(atLocalTime('2026-03-29', '02:30', geneva).toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(atLocalTime('2026-10-25', '02:30', geneva).toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });

  it('answers the same instant again as a new date, whatever became of the one before', () => {
    const first = atLocalTime('2026-05-04', '09:00', geneva);
    first.setUTCFullYear(1999);
    const again = atLocalTime('2026-05-04', '09:00', geneva);
    expect(again).not.toBe(first);
    expect(again.toISOString()).toBe('2026-05-04T07:00:00.000Z');
    expect(atLocalTime('2026-05-04', '09:00', 'America/New_York').toISOString()).toBe('2026-05-04T13:00:00.000Z');
  });

  it('validates calendar dates', () => {
    expect(isCalendarDate('2026-02-28')).toBe(true);
    expect(isCalendarDate('2026-02-30')).toBe(false);
    expect(isCalendarDate('28.02.2026')).toBe(false);
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2000-02-29')).toBe(true);
    expect(isCalendarDate('1900-02-29')).toBe(false);
    expect(isCalendarDate('2025-02-29')).toBe(false);
    expect(isCalendarDate('2026-12-31')).toBe(true);
    expect(isCalendarDate('2026-04-31')).toBe(false);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isCalendarDate('2026-00-10')).toBe(false);
    expect(isCalendarDate('2026-01-00')).toBe(false);
    expect(isCalendarDate('2026-1-01')).toBe(false);
    expect(isCalendarDate('2026-01-01T00:00')).toBe(false);
  });
});

/**
 * The calendar's arithmetic is done by hand and with one formatter per zone; luxon, which does the
 * same with its own objects, is the reference it must agree with on every day.
 */
describe('calendar, against luxon', () => {
  // Santiago's clocks skip midnight; Beirut's go back from midnight to 23:00 of the day before.
  const zones = [
    'Europe/Zurich',
    'America/New_York',
    'America/Santiago',
    'Asia/Beirut',
    'Asia/Tehran',
    'Pacific/Kiritimati',
    'UTC',
  ];
  const days: string[] = [];
  for (let day = DateTime.fromISO('2023-01-01', { zone: 'utc' }); day.year < 2030; day = day.plus({ days: 1 })) {
    days.push(day.toISODate()!);
  }
  /** The cases where the two disagree, as `case: ours ≠ luxon's` (none expected). */
  const disagreements = (cases: Array<[string, unknown, unknown]>) =>
    cases.filter(([, ours, luxons]) => ours !== luxons).map(([name, ours, luxons]) => `${name}: ${ours} ≠ ${luxons}`);

  it('adds days and months, and counts the days between, as luxon does on every day of 2023–2029', () => {
    const cases: Array<[string, unknown, unknown]> = [];
    const july = DateTime.fromISO('2026-07-01', { zone: 'utc' });
    for (const date of days) {
      const luxon = DateTime.fromISO(date, { zone: 'utc' });
      for (const offset of [-400, -60, -1, 0, 1, 14, 60, 366]) {
        cases.push([
          `${date} + ${offset} days`,
          addCalendarDays(date, offset),
          luxon.plus({ days: offset }).toISODate(),
        ]);
      }
      for (const offset of [-13, -1, 1, 2, 12, 25]) {
        cases.push([
          `${date} + ${offset} months`,
          addCalendarMonths(date, offset),
          luxon.plus({ months: offset }).toISODate(),
        ]);
      }
      cases.push([`days to ${date}`, daysBetween('2026-07-01', date), Math.round(luxon.diff(july, 'days').days)]);
    }
    expect(cases).toHaveLength(days.length * 15);
    expect(disagreements(cases)).toEqual([]);
  });

  it('places instants on the day and year luxon gives, around every midnight and change of clocks', () => {
    const cases: Array<[string, unknown, unknown]> = [];
    for (const zone of zones) {
      // Every 67 minutes over three years, in order then in reverse: each hour of the day, both sides of
      // every change of clocks, coming to a day from the one before it and from the one after it.
      const epochs: number[] = [];
      for (let epoch = Date.UTC(2025, 0, 1); epoch < Date.UTC(2028, 0, 1); epoch += 67 * 60_000) {
        epochs.push(epoch);
      }
      for (const epoch of [...epochs, ...epochs.reverse()]) {
        const instant = new Date(epoch);
        const luxon = DateTime.fromJSDate(instant, { zone });
        cases.push([`${instant.toISOString()} in ${zone}`, calendarDateIn(instant, zone), luxon.toISODate()]);
        cases.push([`year of ${instant.toISOString()} in ${zone}`, calendarYearIn(instant, zone), luxon.year]);
      }
    }
    expect(cases.length).toBeGreaterThan(zones.length * 4 * 23_000);
    expect(disagreements(cases)).toEqual([]);
  });

  it('starts each day where luxon starts it, in zones whose clocks skip midnight', () => {
    const cases: Array<[string, unknown, unknown]> = [];
    for (const zone of zones) {
      for (const date of days) {
        cases.push([
          `${date} in ${zone}`,
          startOfCalendarDate(date, zone).toISOString(),
          DateTime.fromISO(date, { zone }).startOf('day').toJSDate().toISOString(),
        ]);
      }
    }
    expect(disagreements(cases)).toEqual([]);
  });

  it('reads and writes the years before 100 and the first of the calendar', () => {
    expect(addCalendarDays('0099-12-31', 1)).toBe('0100-01-01');
    expect(addCalendarMonths('0050-01-31', 1)).toBe('0050-02-28');
    expect(daysBetween('0001-01-01', '0001-12-31')).toBe(364);
    expect(calendarDateIn(new Date('0050-06-01T12:00:00Z'), 'UTC')).toBe('0050-06-01');
  });
});
