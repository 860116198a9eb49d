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
