import {
  addCalendarDays,
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
