import {
  MAX_QUERY_LENGTH,
  PublicSearchFiltersDto,
  PublicSearchQueryDto,
  SEARCH_PAGE_MAX,
  decodeSearchCursor,
} from '@spcomms/public-search';
import { REPLY_STATUSES, ReplyStatus } from '@spcomms/publication';
import { DateInput, dateInput, many, parseDate, single } from '../date-fields';
import { MANDATE_CODE, RECIPIENT_CODE } from '@spcomms/reference';

export const LETTER_TYPES = ['UA', 'AL', 'OL'] as const;
export type LetterType = (typeof LETTER_TYPES)[number];

const MAX_VALUES = 20;
/** Earlier pages kept in the address for the "previous" link; older ones lead back to the first page. */
export const MAX_TRAIL = 50;

/** An input the search could not use: the field (its id in the form) and the catalogue key of the message. */
export interface SearchFieldError {
  field: string;
  message: string;
}

/** What the person asked for, as typed: the form shows it again, the links keep it. */
export interface SearchForm {
  q: string;
  mandate: string[];
  recipient: string[];
  type: string;
  joint: string;
  replyStatus: string;
  year: string;
  from: DateInput;
  to: DateInput;
  sort: string;
  cursor: string;
  trail: string[];
  /** Results per page, when the address asks for another number than the default. */
  limit: string;
}

export interface ParsedSearch {
  form: SearchForm;
  errors: SearchFieldError[];
  /** The filters for the services, when there is no error. */
  filters: PublicSearchFiltersDto;
  query: PublicSearchQueryDto;
}

const isLetterType = (value: string): value is LetterType => (LETTER_TYPES as readonly string[]).includes(value);
const isReplyStatus = (value: string): value is ReplyStatus => (REPLY_STATUSES as readonly string[]).includes(value);

/**
 * Reads the search page's query string: the words, the filters (repeatable mandate and recipient, a
 * year or a range of days entered as day, month and year), the sort and the page. Everything the
 * public API would refuse is reported as a field error with a message for the person instead.
 */
export function parseSearchQuery(source: Record<string, unknown>): ParsedSearch {
  const form: SearchForm = {
    q: single(source.q).slice(0, MAX_QUERY_LENGTH + 1),
    mandate: many(source.mandate).slice(0, MAX_VALUES + 1),
    recipient: many(source.recipient).slice(0, MAX_VALUES + 1),
    type: single(source.type),
    joint: single(source.joint),
    replyStatus: single(source.replyStatus),
    year: single(source.year),
    from: dateInput(source, 'from'),
    to: dateInput(source, 'to'),
    sort: single(source.sort),
    cursor: single(source.cursor),
    trail: many(source.trail).slice(-MAX_TRAIL),
    limit: single(source.limit),
  };
  const errors: SearchFieldError[] = [];
  const filters: PublicSearchFiltersDto = {};
  if (form.q.length > MAX_QUERY_LENGTH) {
    errors.push({ field: 'q', message: 'search.error.q.long' });
  } else if (form.q !== '') {
    filters.q = form.q;
  }
  if (form.mandate.length > MAX_VALUES || form.mandate.some((code) => !MANDATE_CODE.test(code))) {
    errors.push({ field: 'mandate', message: 'search.error.mandate.invalid' });
  } else if (form.mandate.length > 0) {
    filters.mandate = [...new Set(form.mandate)];
  }
  if (form.recipient.length > MAX_VALUES || form.recipient.some((code) => !RECIPIENT_CODE.test(code))) {
    errors.push({ field: 'recipient', message: 'search.error.recipient.invalid' });
  } else if (form.recipient.length > 0) {
    filters.recipient = [...new Set(form.recipient)];
  }
  if (form.type !== '') {
    if (isLetterType(form.type)) {
      filters.type = form.type;
    } else {
      errors.push({ field: 'type', message: 'search.error.type.invalid' });
    }
  }
  if (form.joint !== '') {
    if (form.joint === 'true' || form.joint === 'false') {
      filters.joint = form.joint === 'true';
    } else {
      errors.push({ field: 'joint', message: 'search.error.joint.invalid' });
    }
  }
  if (form.replyStatus !== '') {
    if (isReplyStatus(form.replyStatus)) {
      filters.replyStatus = form.replyStatus;
    } else {
      errors.push({ field: 'replyStatus', message: 'search.error.replyStatus.invalid' });
    }
  }
  const from = parseDate(form.from);
  const to = parseDate(form.to);
  if (from.kind === 'invalid') {
    errors.push({ field: 'from-day', message: 'search.error.from.invalid' });
  }
  if (to.kind === 'invalid') {
    errors.push({ field: 'to-day', message: 'search.error.to.invalid' });
  }
  if (from.kind === 'date' && to.kind === 'date' && from.date > to.date) {
    errors.push({ field: 'to-day', message: 'search.error.range' });
  }
  let start = from.kind === 'date' ? from.date : undefined;
  let end = to.kind === 'date' ? to.date : undefined;
  if (form.year !== '') {
    if (/^\d{4}$/.test(form.year) && form.year >= '1990' && form.year <= '2100') {
      // A year and a range together: the days of the range within the year.
      start = start && start > `${form.year}-01-01` ? start : `${form.year}-01-01`;
      end = end && end < `${form.year}-12-31` ? end : `${form.year}-12-31`;
    } else {
      errors.push({ field: 'year', message: 'search.error.year.invalid' });
    }
  }
  if (start) {
    filters.from = start;
  }
  if (end) {
    filters.to = end;
  }
  if (start && end && start > end && !errors.some((error) => error.field === 'to-day')) {
    errors.push({ field: 'year', message: 'search.error.year.outside' });
  }
  const query: PublicSearchQueryDto = { ...filters };
  if (form.sort !== '') {
    if (form.sort === 'relevance' || form.sort === 'date') {
      query.sort = form.sort;
    } else {
      errors.push({ field: 'sort', message: 'search.error.sort.invalid' });
    }
  }
  if (form.limit !== '') {
    if (/^\d{1,3}$/.test(form.limit) && Number(form.limit) >= 1 && Number(form.limit) <= SEARCH_PAGE_MAX) {
      query.limit = Number(form.limit);
    } else {
      errors.push({ field: 'results-title', message: 'search.error.limit.invalid' });
    }
  }
  if (form.cursor !== '') {
    if (decodeSearchCursor(form.cursor)) {
      query.cursor = form.cursor;
    } else {
      errors.push({ field: 'results-title', message: 'search.error.page.invalid' });
    }
  }
  form.trail = form.trail.filter((cursor) => decodeSearchCursor(cursor) !== null);
  return { form, errors, filters, query };
}

/** The filters of a search as query parameters (no page, no sort): for the CSV link and the facet links. */
export function filterParameters(form: SearchForm): Array<[string, string]> {
  const parameters: Array<[string, string]> = [];
  if (form.q) {
    parameters.push(['q', form.q]);
  }
  for (const code of form.mandate) {
    parameters.push(['mandate', code]);
  }
  for (const code of form.recipient) {
    parameters.push(['recipient', code]);
  }
  for (const name of ['type', 'joint', 'replyStatus', 'year'] as const) {
    if (form[name]) {
      parameters.push([name, form[name]]);
    }
  }
  for (const name of ['from', 'to'] as const) {
    const date = form[name];
    if (date.day || date.month || date.year) {
      parameters.push([`${name}-day`, date.day], [`${name}-month`, date.month], [`${name}-year`, date.year]);
    }
  }
  return parameters;
}

export function queryString(parameters: Array<[string, string]>): string {
  const text = new URLSearchParams(parameters).toString();
  return text === '' ? '' : `?${text}`;
}
