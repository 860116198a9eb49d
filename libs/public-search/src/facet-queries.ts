import { Parameters, PublicSearchFilter, conditions, sourceOf, whereSql } from './search-queries';

/**
 * The facets of a search: counted in the fixed sample of the projection first
 * (published_communication_sample, see its migration), then, when the sample shows that few letters
 * match, counted exactly in the projection. Every query reads the published projection or the sample
 * derived from it, which holds nothing else.
 */

export interface FacetRow {
  facet: 'total' | 'mandate' | 'recipient' | 'type' | 'year' | 'replyStatus';
  value: string | null;
  label: string | null;
  count: number;
}

/**
 * Facet counts as read: exact (scale null), or counted in the sample, each count to be multiplied by
 * `scale` (the inverse of the share of the projection sampled).
 */
export interface FacetCounts {
  rows: FacetRow[];
  scale: number | null;
}

/** The hash buckets of letter ids; the sample holds the letters of the first `buckets` of them. */
export const SAMPLE_BUCKETS = 1024;

/** The columns the facets count, read from a letter (aliased `p`) of the projection or of the sample. */
const FACET_COLUMNS =
  'p.mandate_codes, p.recipient_code, p.other_recipient_id, p.recipient_name, p.type, p.sent_year, p.reply_status';

/**
 * The facets of the letters of the CTE `m` (FACET_COLUMNS), defined by `ctes`. The mandates' titles
 * are joined to their counts, not to every letter's mandates; the mandates are unnested in the
 * select list (a set-returning projection), not by a function scan per letter.
 */
const facetsOf = (ctes: string) => `WITH ${ctes}
       SELECT 'total' AS facet, NULL AS value, NULL AS label, count(*)::int AS count FROM m
       UNION ALL
       SELECT 'mandate', c.code, pm.title, c.count FROM (
           SELECT u.code, count(*)::int AS count FROM (SELECT unnest(m.mandate_codes) AS code FROM m) u GROUP BY u.code
         ) c LEFT JOIN published_mandate pm ON pm.code = c.code
       UNION ALL
       SELECT 'recipient', coalesce(other_recipient_id::text, trim(recipient_code)), max(recipient_name), count(*)::int
         FROM m GROUP BY recipient_code, other_recipient_id
       UNION ALL
       SELECT 'type', type, NULL, count(*)::int FROM m GROUP BY type
       UNION ALL
       SELECT 'year', sent_year::text, NULL, count(*)::int FROM m GROUP BY sent_year
       UNION ALL
       SELECT 'replyStatus', reply_status, NULL, count(*)::int FROM m GROUP BY reply_status`;

/** The facets of the letters of `from` (aliased `p`) that pass `where` (a WHERE clause, or nothing). */
export const facetsQuery = (from: string, where: string) =>
  facetsOf(`m AS MATERIALIZED (SELECT ${FACET_COLUMNS} FROM ${from} ${where})`);

/**
 * The sub-sample: the letters of the sample in its first SUBSAMPLE_BUCKETS hash buckets (an eighth of
 * the sample at its share of 40, about 4,900 letters of a million; all of it at a share of 5 or less),
 * stored first in the sample (see 1798000000000-PublishedFacetSubsample).
 */
export const SUBSAMPLE_BUCKETS = 5;
/**
 * The matches the sub-sample must show for its counts to stand for the search: with 400, the total is
 * within 5% (one standard deviation), as the sample's is from 400 of its letters. Fewer, and the whole
 * sample is counted.
 */
export const SUBSAMPLE_MIN_MATCHES = 400;

/**
 * The facets of the sample, and a row `buckets` that tells the share of the projection they were
 * counted in (of SAMPLE_BUCKETS). One statement: the matches in the sub-sample first; when they are at
 * least `minMatches`, the facets are theirs, else the sample's (the sample's scan runs only then: its
 * condition holds no column, so that PostgreSQL tests it once, before reading any row).
 */
export const sampleFacetsQuery = (where: string[], minMatches: number) =>
  `${facetsOf(`sub AS MATERIALIZED (
           SELECT ${FACET_COLUMNS} FROM published_communication_sample p ${whereSql([`p.bucket < ${SUBSAMPLE_BUCKETS}`, ...where])}
       ), enough AS MATERIALIZED (
           SELECT count(*) >= ${minMatches} AS yes FROM sub
       ), m AS MATERIALIZED (
           SELECT * FROM sub WHERE (SELECT yes FROM enough)
           UNION ALL
           SELECT ${FACET_COLUMNS} FROM published_communication_sample p ${whereSql(['NOT (SELECT yes FROM enough)', ...where])}
       )`)}
       UNION ALL
       SELECT 'buckets', NULL, NULL, (CASE WHEN (SELECT yes FROM enough) THEN least(buckets, ${SUBSAMPLE_BUCKETS}) ELSE buckets END)::int
         FROM published_communication_sample_share`;

/** A row of sampleFacetsQuery. */
type SampleRow = Omit<FacetRow, 'facet'> & { facet: FacetRow['facet'] | 'buckets' };

/**
 * The counts of the sample, scaled, when they show more than `exactLimit` letters matching; null when
 * the letters are to be counted exactly (no sample, or few matches in it).
 */
export function sampleEstimate(rows: SampleRow[], exactLimit: number): FacetCounts | null {
  const buckets = Number(rows.find((row) => row.facet === 'buckets')?.count ?? 0);
  const total = Number(rows.find((row) => row.facet === 'total')?.count ?? 0);
  if (buckets === 0) {
    return null;
  }
  const scale = SAMPLE_BUCKETS / buckets;
  return total * scale > exactLimit
    ? { rows: rows.filter((row): row is FacetRow => row.facet !== 'buckets'), scale }
    : null;
}

/** Runs one statement: the rows it answers. */
export type RunQuery = (text: string, values: unknown[]) => Promise<unknown[]>;

/**
 * Counts by mandate, recipient, type, year and reply status, and in all, of the letters that match
 * `filter`: the counts of the sub-sample when it shows at least `subsampleMinMatches` matches, else
 * the sample's, scaled up when they show more than `exactLimit` matches; else every match counted.
 * Two statements at most; the repository and the benchmark's bare SQL run the same.
 */
export async function countFacets(
  run: RunQuery,
  filter: PublicSearchFilter,
  exactLimit: number,
  subsampleMinMatches = SUBSAMPLE_MIN_MATCHES,
): Promise<FacetCounts> {
  const parameters = new Parameters();
  const { where } = conditions(filter, parameters);
  const sampled = await run(sampleFacetsQuery(where, subsampleMinMatches), parameters.values);
  const estimate = sampleEstimate(sampled as SampleRow[], exactLimit);
  if (estimate) {
    return estimate;
  }
  // Every match, read as the search reads it: a search within one mandate walks that mandate's rows
  // (published_communication_mandate, its filter columns in the index) and reads only those letters,
  // not the intersection of the whole projection's indexes on the mandate, the dates and the words.
  const exact = new Parameters();
  const source = sourceOf(filter);
  const exactWhere = whereSql(conditions(filter, exact, source).where);
  const rows = (await run(facetsQuery(source.from, exactWhere), exact.values)) as FacetRow[];
  return { rows, scale: null };
}
