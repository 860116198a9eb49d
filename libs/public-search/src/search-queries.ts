import { Readable } from 'node:stream';
import { PUBLIC_COMMUNICATIONS_PATH, PublishedSummaryRow, RecipientKind, ReplyStatus } from '@spcomms/publication';
import { SearchCursor } from './search-cursor';
import { Bind, TextQuery } from './text-query';

/**
 * Every query of this repository reads the published projection only (published_* tables): what is
 * not published cannot be found, whatever the filters.
 */

export interface PublicSearchFilter {
  text: TextQuery | null;
  mandates: string[];
  /** Recipient codes: States, or the pseudo-code for every other recipient. */
  recipients: string[];
  /** Other recipients by id; a letter matches a code of `recipients` or one of these. */
  otherRecipientIds?: string[];
  recipientKind?: RecipientKind;
  type?: string;
  joint?: boolean;
  from?: string;
  to?: string;
  replyStatus?: ReplyStatus;
}

export type SearchRow = PublishedSummaryRow & { communicationId: string; rank: number | null; snippet: string | null };

/** A row of a search page: the keys its cursor is made of, and the hit itself as JSON text (see hitJson). */
export interface SearchPageRow {
  communicationId: string;
  /** The letter's reference, which a cursor names (also in the hit, which the API does not parse). */
  reference: string;
  sentOn: string;
  rank: number | null;
  hit: string;
}

export interface ReportReplyRow {
  reference: string;
  type: string;
  mandateCodes: string[];
  joint: boolean;
  recipientCode: string;
  recipientKind: RecipientKind;
  recipientName: string;
  sentOn: string;
  number: number;
  receivedOn: string;
  confidential: boolean;
  language: string | null;
}

export interface ExportCursor {
  rows: Readable;
  /** Returns the connection to the pool; call it once the rows are consumed or abandoned. */
  release(): Promise<void>;
}

/** Letters among which the relevance sort ranks: the most recent matches (see PublicSearchQueryDto.sort). */
export const RANK_CANDIDATES = 1000;

export const SUMMARY = `
  p.communication_id AS "communicationId", p.reference, p.type, p.language, trim(p.recipient_code) AS "recipientCode",
  p.recipient_kind AS "recipientKind", p.recipient_name AS "recipientName", p.mandates, p.joint, p.sent_on::text AS "sentOn",
  p.public_from::text AS "publicFrom", p.subject, p.themes, p.reply_status AS "replyStatus", p.reply_count AS "replyCount",
  p.last_reply_on::text AS "lastReplyOn"`;

/**
 * A hit of a search page as PostgreSQL writes it, in JSON text: the letter's summary as the record
 * page gives it (mapPublishedSummary of the publication lib: the public address as publicUrl makes
 * it, the recipient's code trimmed, each mandate's code, title and lead only), then its snippet and
 * its rank. The API passes the text through: it neither parses the page's columns nor serialises
 * them again.
 */
const hitJson = (snippet: string, rank: string) => `json_build_object(
    'reference', p.reference, 'url', '${PUBLIC_COMMUNICATIONS_PATH}/' || translate(p.reference, ' /', '--'), 'type', p.type, 'language', p.language,
    'recipient', json_build_object('code', trim(p.recipient_code), 'name', p.recipient_name, 'kind', p.recipient_kind),
    'mandates', (SELECT json_agg(json_build_object('code', e.mandate -> 'code', 'title', e.mandate -> 'title', 'lead', e.mandate -> 'lead') ORDER BY e.position)
                   FROM jsonb_array_elements(p.mandates) WITH ORDINALITY AS e(mandate, position)),
    'joint', p.joint, 'sentOn', p.sent_on, 'publicFrom', p.public_from, 'subject', p.subject, 'themes', p.themes,
    'replyStatus', p.reply_status, 'replyCount', p.reply_count, 'lastReplyOn', p.last_reply_on, 'snippet', ${snippet}, 'rank', ${rank})::text`;

/**
 * Snippets are cut from the beginning of the body: ts_headline parses all the text it is given, about
 * as dear as indexing it (0.2 ms per 700 characters here), and letters run to tens of pages.
 */
export const SNIPPET_SOURCE_CHARACTERS = 3000;
export const HEADLINE_OPTIONS =
  'MaxFragments=2, MaxWords=30, MinWords=12, StartSel=**, StopSel=**, FragmentDelimiter=" … "';

export const EXPORT_COLUMNS = `
  p.reference, p.type, trim(p.recipient_code) AS "recipientCode", p.recipient_kind AS "recipientKind", p.recipient_name AS "recipientName",
  p.mandate_codes AS "mandateCodes", p.joint, p.sent_on::text AS "sentOn", p.public_from::text AS "publicFrom", p.reply_status AS "replyStatus",
  p.reply_count AS "replyCount", p.last_reply_on::text AS "lastReplyOn", p.subject, p.themes`;

/** Numbered parameters of one statement. */
export class Parameters {
  readonly values: unknown[] = [];

  readonly bind: Bind = (value) => {
    this.values.push(value);
    return `$${this.values.length}`;
  };
}

/**
 * Where the rows of a search come from. A search for the letters of one mandate walks that mandate's
 * letters in date order (published_communication_mandate, one row per letter and mandate signing
 * it, whose key is (mandate, sent on, letter) and which carries the other filter columns): a page,
 * or the candidates to rank, is then read from the most recent letter of the mandate down, without
 * reading the letters of the other mandates. Other searches read the letters themselves.
 */
export interface Source {
  /** The FROM clause. */
  from: string;
  /** The alias of the columns the filters and the date order are read from. */
  keys: 'p' | 'm';
}

export const LETTERS: Source = { from: 'published_communication p', keys: 'p' };
export const MANDATE_LETTERS: Source = {
  from: 'published_communication_mandate m JOIN published_communication p ON p.communication_id = m.communication_id',
  keys: 'm',
};

export const sourceOf = (filter: PublicSearchFilter): Source =>
  filter.mandates.length === 1 ? MANDATE_LETTERS : LETTERS;

/**
 * The WHERE conditions of a filter, and the tsquery expression when there is text to find. The text
 * condition comes last: conditions of equal cost are evaluated in order, and the cheap column tests
 * spare reading the search vector of the rows they reject.
 */
export function conditions(
  filter: PublicSearchFilter,
  parameters: Parameters,
  source: Source = LETTERS,
): { where: string[]; tsquery: string | null } {
  const { bind } = parameters;
  const k = source.keys;
  const where: string[] = [];
  const tsquery = filter.text ? filter.text.expression(bind) : null;
  if (source === MANDATE_LETTERS) {
    where.push(`m.mandate_code = ${bind(filter.mandates[0])}`);
  } else if (filter.mandates.length > 0) {
    where.push(`p.mandate_codes && ${bind(filter.mandates)}::text[]`);
  }
  const recipients: string[] = [];
  if (filter.recipients.length > 0) {
    recipients.push(`${k}.recipient_code = ANY(${bind(filter.recipients)}::bpchar[])`);
  }
  if (filter.otherRecipientIds && filter.otherRecipientIds.length > 0) {
    recipients.push(`p.other_recipient_id = ANY(${bind(filter.otherRecipientIds)}::uuid[])`);
  }
  if (recipients.length > 0) {
    where.push(recipients.length === 1 ? recipients[0] : `(${recipients.join(' OR ')})`);
  }
  if (filter.recipientKind) {
    where.push(`p.recipient_kind = ${bind(filter.recipientKind)}`);
  }
  if (filter.type) {
    where.push(`${k}.type = ${bind(filter.type)}`);
  }
  if (filter.joint !== undefined) {
    where.push(`${k}.joint = ${bind(filter.joint)}`);
  }
  if (filter.from) {
    where.push(`${k}.sent_on >= ${bind(filter.from)}::date`);
  }
  if (filter.to) {
    where.push(`${k}.sent_on <= ${bind(filter.to)}::date`);
  }
  if (filter.replyStatus) {
    where.push(`${k}.reply_status = ${bind(filter.replyStatus)}`);
  }
  if (tsquery) {
    where.push(`p.search_vector @@ ${tsquery}`);
  }
  return { where, tsquery };
}

export const whereSql = (where: string[]) => (where.length > 0 ? `WHERE ${where.join(' AND ')}` : '');

/**
 * The SQL of one page of search results (exported for the benchmark, which runs it bare through pg):
 * rows of SearchPageRow, in the page's order. Snippets are computed for the page's rows only; the
 * relevance sort ranks the RANK_CANDIDATES most recent matches, so that a common word costs a
 * bounded amount of ranking. The candidates carry
 * their keys and their rank, computed from the row already read to test it (the vector is in the
 * row): should the planner sort many matches by date, it sorts narrow rows, and no candidate is read
 * twice.
 */
export function searchPageQuery(
  filter: PublicSearchFilter,
  sort: 'date' | 'relevance',
  limit: number,
  after?: SearchCursor,
): { text: string; values: unknown[] } {
  const parameters = new Parameters();
  const { bind } = parameters;
  const source = sourceOf(filter);
  const k = source.keys;
  const { where, tsquery } = conditions(filter, parameters, source);
  const snippet = tsquery
    ? `ts_headline(published_ts_config(p.language), left(p.body, ${SNIPPET_SOURCE_CHARACTERS}), ${tsquery}, '${HEADLINE_OPTIONS}')`
    : 'NULL::text';
  let sql: string;
  if (sort === 'relevance' && tsquery) {
    const keyset =
      after?.sort === 'relevance'
        ? `WHERE (rank, sent_on, communication_id) < (${bind(after.rank)}::float8, ${bind(after.sentOn)}::date, ${bind(after.id)}::uuid)`
        : '';
    sql = `
      WITH candidates AS MATERIALIZED (
        SELECT ${k}.communication_id, ${k}.sent_on, ts_rank(p.search_vector, ${tsquery})::float8 AS rank
          FROM ${source.from} ${whereSql(where)}
         ORDER BY ${k}.sent_on DESC, ${k}.communication_id DESC LIMIT ${RANK_CANDIDATES}
      ), page AS MATERIALIZED (
        SELECT communication_id, sent_on, rank FROM candidates ${keyset}
         ORDER BY rank DESC, sent_on DESC, communication_id DESC LIMIT ${bind(limit)}
      )
      SELECT page.rank, page.sent_on::text AS "sentOn", page.communication_id AS "communicationId", p.reference, ${hitJson(snippet, 'page.rank')} AS hit
        FROM page JOIN published_communication p ON p.communication_id = page.communication_id
       ORDER BY page.rank DESC, page.sent_on DESC, page.communication_id DESC`;
  } else {
    if (after?.sort === 'date') {
      where.push(`(${k}.sent_on, ${k}.communication_id) < (${bind(after.sentOn)}::date, ${bind(after.id)}::uuid)`);
    }
    sql = `
      WITH page AS MATERIALIZED (
        SELECT ${k}.communication_id, ${k}.sent_on FROM ${source.from} ${whereSql(where)}
         ORDER BY ${k}.sent_on DESC, ${k}.communication_id DESC LIMIT ${bind(limit)}
      )
      SELECT NULL::float8 AS rank, page.sent_on::text AS "sentOn", page.communication_id AS "communicationId", p.reference, ${hitJson(snippet, 'NULL::float8')} AS hit
        FROM page JOIN published_communication p ON p.communication_id = page.communication_id
       ORDER BY page.sent_on DESC, page.communication_id DESC`;
  }
  return { text: sql, values: parameters.values };
}

/** How many published letters match a filter (for the benchmark's report). */
export function searchCountQuery(filter: PublicSearchFilter): { text: string; values: unknown[] } {
  const parameters = new Parameters();
  const { where } = conditions(filter, parameters);
  return {
    text: `SELECT count(*)::int AS n FROM published_communication p ${whereSql(where)}`,
    values: parameters.values,
  };
}

/** Rows the probe of a search over all letters reads: the most recent published letters. */
export const PROBE_ROWS = 2000;
/** Rows the probe of a search for one mandate reads: the mandate's most recent letters that pass the other filters. */
export const MANDATE_PROBE_ROWS = 200;
/** Above this many rows to read in date order, the planner is left to choose (the index of words may be cheaper). */
export const DATE_ORDER_BUDGET = 40_000;
/**
 * The settings that make the planner read the matches in date order through its index (no word-index
 * bitmap, no full scan), without JIT compilation: the paths switched off make the planner's costs
 * huge, so that PostgreSQL would otherwise compile the query (15–20 ms here) to read a few thousand
 * rows. The probe switches them off for its transaction when it prefers that order (see
 * dateOrderProbeQuery).
 */
export const DATE_ORDER_SETTINGS = ['enable_bitmapscan', 'enable_seqscan', 'jit'] as const;

/** The statement of a probe, and the rows it reads at most. */
export interface SearchProbe {
  text: string;
  values: unknown[];
  rows: number;
}

/** What a probe found: the rows it read (fewer than its rows when there are no more) and how many of them match. */
export interface ProbeResult {
  read: number;
  matches: number;
}

/**
 * The planner estimates the matches of a phrase or of several words as if the words were
 * independent, and those of words within a mandate's letters as if the words were as frequent there
 * as anywhere; for correlated ones ("torture and ill-treatment", "albinism" in the letters of the
 * mandate on albinism) it expects a few thousand matches where there are a hundred thousand, and
 * gathers them all to sort them by date (seconds) instead of walking the date order until the page
 * is full (tens of milliseconds). The probe measures instead, on the rows that walk would read: for
 * one mandate, its MANDATE_PROBE_ROWS most recent letters that pass the other filters (an index-only
 * scan of the mandate's rows, then those letters' vectors); otherwise the PROBE_ROWS most recent
 * letters of the date range (of all letters without one), against the whole search: the walk starts at
 * the end of the range, so that the most recent letters of all say nothing of an older range. Null when there is no need: no text, or one word without
 * filters (its statistics are good).
 */
export function searchProbeQuery(filter: PublicSearchFilter): SearchProbe | null {
  if (!filter.text) {
    return null;
  }
  const parameters = new Parameters();
  const source = sourceOf(filter);
  if (source === MANDATE_LETTERS) {
    const { where } = conditions({ ...filter, text: null }, parameters, source);
    const tsquery = filter.text.expression(parameters.bind);
    return {
      text: `SELECT count(*)::int AS read, count(*) FILTER (WHERE hit)::int AS matches FROM (
               SELECT p.search_vector @@ ${tsquery} AS hit FROM ${source.from} ${whereSql(where)}
                ORDER BY m.sent_on DESC, m.communication_id DESC LIMIT ${MANDATE_PROBE_ROWS}
             ) probe`,
      values: parameters.values,
      rows: MANDATE_PROBE_ROWS,
    };
  }
  if (filter.text.singleWord && Object.keys(filter).every((key) => !isFilterSet(filter, key))) {
    return null;
  }
  // The walk starts at the end of the date range: the probe reads the range's most recent letters.
  const range = conditions({ text: null, mandates: [], recipients: [], from: filter.from, to: filter.to }, parameters);
  const { where } = conditions({ ...filter, from: undefined, to: undefined }, parameters);
  return {
    text: `SELECT count(*)::int AS read, count(*) FILTER (${whereSql(where)})::int AS matches FROM (
             SELECT * FROM published_communication p ${whereSql(range.where)}
              ORDER BY p.sent_on DESC, p.communication_id DESC LIMIT ${PROBE_ROWS}
           ) p`,
    values: parameters.values,
    rows: PROBE_ROWS,
  };
}

/** Whether the filter narrows the search by `key` (the text aside). */
function isFilterSet(filter: PublicSearchFilter, key: string): boolean {
  const value = filter[key as keyof PublicSearchFilter];
  return key !== 'text' && value !== undefined && !(Array.isArray(value) && value.length === 0);
}

/**
 * Whether to read the matches in date order: when the rows that walk needs (the page, or the
 * candidates to rank), at the share of matches the probe found, stay within DATE_ORDER_BUDGET; or
 * when the probe read every row there is (fewer than it would), which the walk then reads at most.
 */
export function prefersDateOrder(probe: ProbeResult, rows: number, sort: 'date' | 'relevance', limit: number): boolean {
  if (probe.read < rows) {
    return true;
  }
  const needed = sort === 'relevance' ? RANK_CANDIDATES : limit;
  return probe.matches > 0 && (needed * rows) / probe.matches <= DATE_ORDER_BUDGET;
}

/**
 * The probe as one statement that also acts on what it finds: it answers its rows read and matches,
 * and whether the page is to be read in date order (prefersDateOrder, in SQL); in that case it has
 * switched DATE_ORDER_SETTINGS off for the rest of its transaction (`set_config(…, true)`), for the
 * page's statement, which is planned after it. One statement where the probe, the settings and their
 * own statement took two round trips, and the answer does not wait for the COMMIT (see searchRows).
 */
export function dateOrderProbeQuery(
  probe: SearchProbe,
  sort: 'date' | 'relevance',
  limit: number,
): { text: string; values: unknown[] } {
  const needed = sort === 'relevance' ? RANK_CANDIDATES : limit;
  const parameters = new Parameters();
  parameters.values.push(...probe.values);
  const off = DATE_ORDER_SETTINGS.map((name) => `set_config('${name}', 'off', true)`).join(' || ');
  return {
    text: `SELECT read, matches, (CASE WHEN read < ${probe.rows} OR (matches > 0 AND ${parameters.bind(needed)}::bigint * ${probe.rows} <= ${DATE_ORDER_BUDGET}::bigint * matches)
                  THEN ${off} END) IS NOT NULL AS "dateOrder"
             FROM (${probe.text}) found`,
    values: parameters.values,
  };
}

/** Statements on one connection (a ReadSession of the database lib). */
export interface SearchSession {
  query<T>(text: string, values?: unknown[]): Promise<T[]>;
}

/** The statements of a search page: the probe (null: none, the page alone) and the page. */
export interface SearchStatements {
  probe: { text: string; values: unknown[] } | null;
  page: { text: string; values: unknown[] };
}

export function searchStatements(
  filter: PublicSearchFilter,
  sort: 'date' | 'relevance',
  limit: number,
  after?: SearchCursor,
): SearchStatements {
  const probe = searchProbeQuery(filter);
  return {
    probe: probe && dateOrderProbeQuery(probe, sort, limit),
    page: searchPageQuery(filter, sort, limit, after),
  };
}

/**
 * The rows of a search page: the page's statement alone when there is nothing to probe; else, in one
 * transaction (the caller's: see TransactionHost.onReadClient), the probe (dateOrderProbeQuery), then
 * the page's statement, planned with the settings the probe left.
 */
export async function searchRows(session: SearchSession, statements: SearchStatements): Promise<SearchPageRow[]> {
  if (statements.probe) {
    await session.query(statements.probe.text, statements.probe.values);
  }
  return session.query<SearchPageRow>(statements.page.text, statements.page.values);
}
