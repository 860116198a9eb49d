import { Parameters, PublicSearchFilter, conditions, whereSql } from './search-queries';

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

/**
 * The facets of the letters of `from` (aliased `p`) that pass `where`. The mandates' titles are joined
 * to their counts, not to every letter's mandates.
 */
export const facetsQuery = (from: string, where: string) => `WITH m AS MATERIALIZED (
         SELECT p.mandate_codes, p.recipient_code, p.other_recipient_id, p.recipient_name, p.type, p.sent_year, p.reply_status
           FROM ${from} ${where}
       )
       SELECT 'total' AS facet, NULL AS value, NULL AS label, count(*)::int AS count FROM m
       UNION ALL
       SELECT 'mandate', c.code, pm.title, c.count FROM (
           SELECT u.code, count(*)::int AS count FROM m CROSS JOIN LATERAL unnest(m.mandate_codes) AS u(code) GROUP BY u.code
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

/** The facets of the sample, and a row `buckets` that tells its share of the projection (count of SAMPLE_BUCKETS). */
export const sampleFacetsQuery = (where: string) =>
  `${facetsQuery('published_communication_sample p', where)}
       UNION ALL
       SELECT 'buckets', NULL, NULL, buckets::int FROM published_communication_sample_share`;

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
 * `filter`: the sample's counts scaled up when they show more than `exactLimit` matches, else every
 * match counted. Two statements at most; the repository and the benchmark's bare SQL run the same.
 */
export async function countFacets(run: RunQuery, filter: PublicSearchFilter, exactLimit: number): Promise<FacetCounts> {
  const parameters = new Parameters();
  const where = whereSql(conditions(filter, parameters).where);
  const estimate = sampleEstimate((await run(sampleFacetsQuery(where), parameters.values)) as SampleRow[], exactLimit);
  if (estimate) {
    return estimate;
  }
  const rows = (await run(facetsQuery('published_communication p', where), parameters.values)) as FacetRow[];
  return { rows, scale: null };
}
