import { isCalendarDate } from '@spcomms/clock';
import { MANDATE_CODE, STATE_CODE } from '@spcomms/reference';
import { ALL_FIGURES, Figure, LETTER_TYPE_FILTERS, MANDATE_ROLES, REGIONS } from '@spcomms/statistics';
import { DateInput, dateFieldsOf, dateInput, parseDate, single } from '../date-fields';

/** The three dates of the dashboard: each typed as day, month and year, or given as `YYYY-MM-DD` in a link. */
export const DASHBOARD_DATES = ['cutoff', 'from', 'to'] as const;
export type DashboardDate = (typeof DASHBOARD_DATES)[number];

/** The tables whose headers sort, and the columns they sort by. */
export const SORTABLE: Record<string, readonly string[]> = {
  years: ['period', 'letters', 'replied', 'rate', 'joint'],
  states: ['name', 'letters', 'replied', 'rate', 'days'],
  mandates: ['title', 'letters', 'led', 'joined', 'replied', 'rate'],
};

export interface TableSort {
  table: string;
  column: string;
  direction: 'ascending' | 'descending';
}

export interface QueryError {
  field: string;
  message: string;
}

export interface DashboardQuery {
  /** What was typed, to show again. */
  form: Record<DashboardDate, DateInput>;
  dates: Partial<Record<DashboardDate, string>>;
  errors: QueryError[];
  sort: TableSort | null;
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

function readDate(
  query: Record<string, unknown>,
  name: DashboardDate,
): { input: DateInput; date?: string; bad: boolean } {
  const typed = ['day', 'month', 'year'].some((part) => query[`${name}-${part}`] !== undefined);
  if (typed) {
    const input = dateInput(query, name);
    const outcome = parseDate(input);
    return outcome.kind === 'date'
      ? { input, date: outcome.date, bad: false }
      : { input, bad: outcome.kind === 'invalid' };
  }
  const iso = single(query[name]);
  if (iso === '') {
    return { input: dateFieldsOf(undefined), bad: false };
  }
  if (ISO.test(iso) && isCalendarDate(iso) && iso >= '1900') {
    return { input: dateFieldsOf(iso), date: iso, bad: false };
  }
  return { input: { day: '', month: '', year: iso.slice(0, 4) }, bad: true };
}

/** Reads the dashboard's address: the cut-off and period (typed or from a link) and the sorted table. */
export function parseDashboardQuery(query: Record<string, unknown>): DashboardQuery {
  const form = {} as Record<DashboardDate, DateInput>;
  const dates: Partial<Record<DashboardDate, string>> = {};
  const errors: QueryError[] = [];
  for (const name of DASHBOARD_DATES) {
    const read = readDate(query, name);
    form[name] = read.input;
    if (read.date) {
      dates[name] = read.date;
    }
    if (read.bad) {
      errors.push({ field: `${name}-day`, message: `dashboard.error.${name}.invalid` });
    }
  }
  if (dates.from && dates.to && dates.from > dates.to) {
    errors.push({ field: 'to-day', message: 'dashboard.error.period' });
  }
  return { form, dates, errors, sort: readSort(query) };
}

function readSort(query: Record<string, unknown>): TableSort | null {
  const [table, column] = single(query.sort).split('.');
  if (!table || !column || !SORTABLE[table]?.includes(column)) {
    return null;
  }
  return { table, column, direction: single(query.order) === 'ascending' ? 'ascending' : 'descending' };
}

/** The canonical address query of a period: `cutoff=…&from=…&to=…`. */
export function periodQuery(period: { cutoff: string; from: string; to: string }): string {
  return new URLSearchParams({ cutoff: period.cutoff, from: period.from, to: period.to }).toString();
}

/** The query of a drill-down or CSV address: the figure's filters, checked as the API checks them. */
export interface FigureQuery {
  figure: Figure;
  filters: Record<string, string>;
  page: number;
}

const FILTERS: Record<string, (value: string) => boolean> = {
  cutoff: (value) => ISO.test(value) && isCalendarDate(value),
  from: (value) => ISO.test(value) && isCalendarDate(value),
  to: (value) => ISO.test(value) && isCalendarDate(value),
  repliesFrom: (value) => ISO.test(value) && isCalendarDate(value),
  repliesTo: (value) => ISO.test(value) && isCalendarDate(value),
  type: (value) => (LETTER_TYPE_FILTERS as readonly string[]).includes(value),
  state: (value) => STATE_CODE.test(value),
  region: (value) => (REGIONS as readonly string[]).includes(value),
  mandate: (value) => MANDATE_CODE.test(value),
  mandateRole: (value) => (MANDATE_ROLES as readonly string[]).includes(value),
};

/** Null when the figure is unknown or a filter does not parse (a hand-made address). */
export function parseFigureQuery(figure: string, query: Record<string, unknown>): FigureQuery | null {
  if (!(ALL_FIGURES as readonly string[]).includes(figure)) {
    return null;
  }
  const filters: Record<string, string> = {};
  for (const [name, valid] of Object.entries(FILTERS)) {
    const value = single(query[name]);
    if (value === '') {
      continue;
    }
    if (!valid(value)) {
      return null;
    }
    filters[name] = value;
  }
  const pageText = single(query.page);
  const page = pageText === '' ? 1 : /^\d{1,6}$/.test(pageText) ? Number(pageText) : 0;
  if (page < 1) {
    return null;
  }
  return { figure: figure as Figure, filters, page };
}

/**
 * The site's addresses of a figure from the API's CSV link of it (`/statistics/figures/<figure>.csv?…`):
 * the drill-down page and the CSV download, with the same query.
 */
export function figureLinks(
  csv: string,
  href: (path: string) => string,
): { figure: Figure; drill: string; csv: string } {
  const [path, search = ''] = csv.split('?');
  const figure = /\/figures\/([a-z-]+)\.csv$/.exec(path ?? '')?.[1] as Figure;
  const params = new URLSearchParams(search);
  const csvHref = `${href(`/dashboard/figures/${figure}.csv`)}${search ? `?${search}` : ''}`;
  params.set('figure', figure);
  const list = [
    'visit-requests-made',
    'visit-requests-accepted',
    'visits-carried-out',
    'visit-requests-pending',
    'standing-invitations',
  ].includes(figure)
    ? '/dashboard/visits'
    : '/dashboard/letters';
  return { figure, drill: `${href(list)}?${params.toString()}`, csv: csvHref };
}
