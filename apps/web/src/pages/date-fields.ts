import { isCalendarDate } from '@spcomms/clock';

/** What a person typed in the day, month and year fields of one date. */
export interface DateInput {
  day: string;
  month: string;
  year: string;
}

export type DateOutcome = { kind: 'empty' } | { kind: 'date'; date: string } | { kind: 'invalid' };

/** A query or form value as one string: the first of repeated values, trimmed, '' when absent. */
export function single(value: unknown): string {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.trim() : '';
}

/** A query or form value as a list of non-empty strings. */
export function many(value: unknown): string[] {
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return values.filter((item): item is string => typeof item === 'string' && item.trim() !== '').map((v) => v.trim());
}

/** The three fields of the date named `name` (`from-day`, `from-month`, `from-year`). */
export function dateInput(source: Record<string, unknown>, name: string): DateInput {
  return {
    day: single(source[`${name}-day`]).slice(0, 2),
    month: single(source[`${name}-month`]).slice(0, 2),
    year: single(source[`${name}-year`]).slice(0, 4),
  };
}

/**
 * A calendar day from its three fields: empty when all three are empty, invalid when one is missing,
 * not a number or the day does not exist (31 April), else `YYYY-MM-DD`.
 */
export function parseDate(input: DateInput): DateOutcome {
  const { day, month, year } = input;
  if (day === '' && month === '' && year === '') {
    return { kind: 'empty' };
  }
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) {
    return { kind: 'invalid' };
  }
  const date = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  return isCalendarDate(date) && year >= '1900' ? { kind: 'date', date } : { kind: 'invalid' };
}

/** The three fields of a known day, to show it again in a form. */
export function dateFieldsOf(date: string | undefined): DateInput {
  if (!date) {
    return { day: '', month: '', year: '' };
  }
  const [year, month, day] = date.split('-');
  return { day: String(Number(day)), month: String(Number(month)), year };
}
