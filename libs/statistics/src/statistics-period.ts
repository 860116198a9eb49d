import { CalendarDate } from '@spcomms/clock';
import { StatisticsErrorCode, StatisticsException } from './statistics.exception';

/**
 * What a query counts: letters sent from `from` to `to` (both included), as of the end of `cutoff`.
 * Only letters sent on or before the cut-off and replies received on or before it count, so the same
 * query with the same cut-off gives the same figures whatever is received later.
 * Replies received are counted over [repliesFrom, repliesTo] (by default the period itself; C16
 * reports shift it by two months).
 */
export interface StatisticsPeriod {
  from: CalendarDate;
  to: CalendarDate;
  cutoff: CalendarDate;
  repliesFrom: CalendarDate;
  repliesTo: CalendarDate;
}

export interface PeriodInput {
  year?: number;
  from?: string;
  to?: string;
  cutoff?: string;
  repliesFrom?: string;
  repliesTo?: string;
}

export type TrendInterval = 'month' | 'year';

export interface TrendBucket {
  /** `YYYY-MM` or `YYYY`. */
  label: string;
  from: CalendarDate;
  to: CalendarDate;
}

/** At most this many points in a trend (50 years by month). */
export const MAX_TREND_POINTS = 600;
/** Years of a trend when no range is given. */
export const DEFAULT_TREND_YEARS = 10;

const yearOf = (date: CalendarDate): number => Number(date.slice(0, 4));
const min = (a: CalendarDate, b: CalendarDate): CalendarDate => (a < b ? a : b);
const pad = (value: number, width: number): string => String(value).padStart(width, '0');

function resolveCutoff(cutoff: string | undefined, today: CalendarDate): CalendarDate {
  const value = cutoff ?? today;
  if (value > today) {
    throw new StatisticsException(
      StatisticsErrorCode.CutoffInFuture,
      `The cut-off ${value} is after today (${today}): figures as of a day that has not ended could still change`,
      { cutoff: value, today },
    );
  }
  return value;
}

function resolveRange(input: PeriodInput, cutoff: CalendarDate): { from: CalendarDate; to: CalendarDate } {
  if (input.year !== undefined && (input.from !== undefined || input.to !== undefined)) {
    throw new StatisticsException(StatisticsErrorCode.PeriodConflict, 'Give either year or from/to, not both');
  }
  const year = input.year ?? yearOf(input.from ?? input.to ?? cutoff);
  const from = input.from ?? `${pad(year, 4)}-01-01`;
  const to = input.to ?? `${pad(year, 4)}-12-31`;
  if (from > to) {
    throw new StatisticsException(
      StatisticsErrorCode.InvalidPeriod,
      `The period starts (${from}) after it ends (${to})`,
      { from, to },
    );
  }
  if (cutoff < from) {
    throw new StatisticsException(
      StatisticsErrorCode.CutoffBeforePeriod,
      `The cut-off ${cutoff} is before the period starts (${from}): nothing would count`,
      {
        from,
        cutoff,
      },
    );
  }
  return { from, to };
}

/**
 * The period of a figures query. Defaults: the cut-off is today (Geneva); the period is the calendar
 * year `year`, else the year of `from` or `to`, else the year of the cut-off.
 */
export function resolvePeriod(input: PeriodInput, today: CalendarDate): StatisticsPeriod {
  const cutoff = resolveCutoff(input.cutoff, today);
  const { from, to } = resolveRange(input, cutoff);
  const repliesFrom = input.repliesFrom ?? from;
  const repliesTo = input.repliesTo ?? to;
  if (repliesFrom > repliesTo) {
    throw new StatisticsException(
      StatisticsErrorCode.InvalidPeriod,
      `The replies window starts (${repliesFrom}) after it ends (${repliesTo})`,
      {
        repliesFrom,
        repliesTo,
      },
    );
  }
  return { from, to, cutoff, repliesFrom, repliesTo };
}

/** Last day that counts for letters: the end of the period or the cut-off, whichever comes first. */
export function lettersUntil(period: StatisticsPeriod): CalendarDate {
  return min(period.to, period.cutoff);
}

/** Last day that counts for replies received. */
export function repliesUntil(period: StatisticsPeriod): CalendarDate {
  return min(period.repliesTo, period.cutoff);
}

/**
 * The range of a trend: the calendar year `year`, else `from` (default 1 January nine years before the
 * year of the cut-off) to `to` (default 31 December of the year of the cut-off).
 * Buckets are whole months or years; the first and last may be cut by `from` and `to`.
 */
export function resolveTrend(
  input: PeriodInput & { interval?: TrendInterval },
  today: CalendarDate,
): { period: StatisticsPeriod; interval: TrendInterval; buckets: TrendBucket[] } {
  const interval = input.interval ?? 'month';
  const cutoff = resolveCutoff(input.cutoff, today);
  // A year is that year; otherwise a bound left out takes its documented default, never the year of the other bound.
  const range =
    input.year !== undefined
      ? resolveRange(input, cutoff)
      : resolveRange(
          {
            from: input.from ?? `${pad(yearOf(cutoff) - DEFAULT_TREND_YEARS + 1, 4)}-01-01`,
            to: input.to ?? `${pad(yearOf(cutoff), 4)}-12-31`,
          },
          cutoff,
        );
  if (cutoff < range.from) {
    throw new StatisticsException(
      StatisticsErrorCode.CutoffBeforePeriod,
      `The cut-off ${cutoff} is before the range starts (${range.from})`,
    );
  }
  const buckets = trendBuckets(range.from, range.to, interval);
  if (buckets.length > MAX_TREND_POINTS) {
    throw new StatisticsException(
      StatisticsErrorCode.TooManyPoints,
      `A trend has at most ${MAX_TREND_POINTS} points; this range has ${buckets.length}`,
      {
        points: buckets.length,
        max: MAX_TREND_POINTS,
      },
    );
  }
  return { period: { ...range, cutoff, repliesFrom: range.from, repliesTo: range.to }, interval, buckets };
}

/** First day of the month after the one `date` (YYYY-MM-DD) falls in. */
function nextMonth(date: CalendarDate): CalendarDate {
  const year = yearOf(date);
  const month = Number(date.slice(5, 7));
  return month === 12 ? `${pad(year + 1, 4)}-01-01` : `${pad(year, 4)}-${pad(month + 1, 2)}-01`;
}

/** The day before the first day of a month or year (YYYY-MM-01). */
function lastDayBefore(first: CalendarDate): CalendarDate {
  const year = yearOf(first);
  const month = Number(first.slice(5, 7));
  if (month === 1) {
    return `${pad(year - 1, 4)}-12-31`;
  }
  const days = new Date(Date.UTC(year, month - 1, 0)).getUTCDate();
  return `${pad(year, 4)}-${pad(month - 1, 2)}-${pad(days, 2)}`;
}

/** The months or years from `from` to `to`, each cut to the range. */
export function trendBuckets(from: CalendarDate, to: CalendarDate, interval: TrendInterval): TrendBucket[] {
  const buckets: TrendBucket[] = [];
  let start = interval === 'year' ? `${from.slice(0, 4)}-01-01` : `${from.slice(0, 7)}-01`;
  while (start <= to && buckets.length <= MAX_TREND_POINTS) {
    const next = interval === 'year' ? `${pad(yearOf(start) + 1, 4)}-01-01` : nextMonth(start);
    const end = lastDayBefore(next);
    buckets.push({
      label: interval === 'year' ? start.slice(0, 4) : start.slice(0, 7),
      from: start < from ? from : start,
      to: end > to ? to : end,
    });
    start = next;
  }
  return buckets;
}
