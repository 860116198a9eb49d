import { CalendarDate, addCalendarDays, addCalendarMonths } from '@spcomms/clock';

/**
 * How the days [from, until] are read: whole calendar years and months from the rollup
 * (`statistics_letter_rollup`), and the days at either end, which make no whole month, letter by letter.
 * The whole periods are contiguous: they cover [whole.from, whole.to] when there are any.
 */
export interface RollupSegments {
  /** First days of the whole years (only when years are allowed). */
  years: CalendarDate[];
  /** First days of the whole months not in a whole year. */
  months: CalendarDate[];
  whole: { from: CalendarDate; to: CalendarDate } | null;
  /** At most two ranges of days, read letter by letter. */
  edges: Array<{ from: CalendarDate; to: CalendarDate }>;
}

const monthStart = (date: CalendarDate): CalendarDate => `${date.slice(0, 7)}-01`;
const monthEnd = (date: CalendarDate): CalendarDate => addCalendarDays(addCalendarMonths(monthStart(date), 1), -1);

/** Splits [from, until] into whole years (when `largest` is year), whole months and edge days. */
export function rollupSegments(from: CalendarDate, until: CalendarDate, largest: 'year' | 'month'): RollupSegments {
  const segments: RollupSegments = { years: [], months: [], whole: null, edges: [] };
  const wholePeriod = (start: CalendarDate, end: CalendarDate): void => {
    segments.whole = { from: segments.whole?.from ?? start, to: end };
  };
  let cursor = from;
  while (cursor <= until) {
    const yearEnd = `${cursor.slice(0, 4)}-12-31`;
    const endOfMonth = monthEnd(cursor);
    if (largest === 'year' && cursor.slice(5) === '01-01' && yearEnd <= until) {
      segments.years.push(cursor);
      wholePeriod(cursor, yearEnd);
      cursor = addCalendarDays(yearEnd, 1);
    } else if (cursor.slice(8) === '01' && endOfMonth <= until) {
      segments.months.push(cursor);
      wholePeriod(cursor, endOfMonth);
      cursor = addCalendarDays(endOfMonth, 1);
    } else {
      const end = endOfMonth < until ? endOfMonth : until;
      segments.edges.push({ from: cursor, to: end });
      cursor = addCalendarDays(end, 1);
    }
  }
  return segments;
}

/** Whether [from, to] is made of whole months (what the replies rollup can split by the month of the letter). */
export function wholeMonths(from: CalendarDate, to: CalendarDate): boolean {
  return from.slice(8) === '01' && monthEnd(to) === to;
}
