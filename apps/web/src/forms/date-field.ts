import { textField } from './form-errors';

/** Why a date typed as day, month and year is not a date (a catalogue key: `error.date.<problem>`). */
export type DateProblem = 'missing' | 'incomplete' | 'invalid';

export interface DateFieldValue {
  /** What was typed, to show again. */
  parts: { day: string; month: string; year: string };
  /** The day as `YYYY-MM-DD`, when the parts make one. */
  value: string | null;
  problem: DateProblem | null;
}

/**
 * Reads the three fields of `components/date.eta` (`<name>-day`, `-month`, `-year`): all empty is
 * missing (no problem when the date is optional), some empty is incomplete, a day that does not exist
 * (31 April, a two-digit year) is invalid.
 */
export function readDateField(body: unknown, name: string): DateFieldValue {
  const parts = {
    day: textField(body, `${name}-day`),
    month: textField(body, `${name}-month`),
    year: textField(body, `${name}-year`),
  };
  const filled = [parts.day, parts.month, parts.year].filter(Boolean).length;
  if (filled === 0) {
    return { parts, value: null, problem: 'missing' };
  }
  if (filled < 3) {
    return { parts, value: null, problem: 'incomplete' };
  }
  if (!/^\d{1,2}$/.test(parts.day) || !/^\d{1,2}$/.test(parts.month) || !/^\d{4}$/.test(parts.year)) {
    return { parts, value: null, problem: 'invalid' };
  }
  const [day, month, year] = [Number(parts.day), Number(parts.month), Number(parts.year)];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || year < 1900) {
    return { parts, value: null, problem: 'invalid' };
  }
  const pad = (n: number) => String(n).padStart(2, '0');
  return { parts, value: `${year}-${pad(month)}-${pad(day)}`, problem: null };
}

/** The three parts of a `YYYY-MM-DD` day, to fill the date fields. */
export function dateParts(value: string | null | undefined): { day: string; month: string; year: string } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value ?? '');
  return match
    ? { day: String(Number(match[3])), month: String(Number(match[2])), year: match[1]! }
    : { day: '', month: '', year: '' };
}
