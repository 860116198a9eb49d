import { SearchCursor } from './search-cursor';
import {
  conditions,
  MANDATE_LETTERS,
  Parameters,
  PublicSearchFilter,
  RANK_CANDIDATES,
  searchPageQuery,
  SearchPageRow,
  sourceOf,
  whereSql,
} from './search-queries';

/**
 * A search page's statements as they run: the probe that decides whether the matches are read in date
 * order, then the page's statement (searchPageQuery, built in search-queries.ts), in one transaction.
 */

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
 *
 * The page's statement is asked for with the probe, not once the probe is answered: what the probe
 * decides reaches the page through the transaction's settings, not through this process, and the
 * server plans a statement once the ones before it on the connection have run. On a pipelining
 * connection (the database lib's) both go out together, one round trip where there were two.
 */
export async function searchRows(session: SearchSession, statements: SearchStatements): Promise<SearchPageRow[]> {
  if (!statements.probe) {
    return session.query<SearchPageRow>(statements.page.text, statements.page.values);
  }
  const probed = session.query(statements.probe.text, statements.probe.values);
  const page = session.query<SearchPageRow>(statements.page.text, statements.page.values);
  // A failed probe fails the page too (the transaction is aborted): the probe's error is the one to tell.
  page.catch(() => undefined);
  await probed;
  return page;
}
