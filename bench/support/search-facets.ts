/**
 * The facets of bench:search: the API's answers (GET /public/communications/facets), the same
 * statements run bare through `pg` (countFacets), and, as the baseline measured in the same run, the
 * statements the facets ran before the sample of the projection existed (facetsBefore). The three
 * take turns, a round each, so that a passing load on the machine falls on all of them.
 */
import { inTurn } from './turns';
import { Pool } from 'pg';
import {
  FacetCounts,
  FacetRow,
  Parameters,
  PublicSearchFilter,
  conditions,
  countFacets,
  facetsQuery,
  whereSql,
} from '@spcomms/public-search';

/**
 * The baseline: every match counted up to 10,000 (one statement that stops at the 10,001st match),
 * beyond estimated from a repeatable TABLESAMPLE SYSTEM of the wide projection's pages holding about
 * 20,000 letters.
 */
export const BEFORE = { exact: 10_000, sample: 20_000, seed: 20_261_205 };

export async function facetsBefore(pool: Pool, filter: PublicSearchFilter): Promise<FacetCounts> {
  const parameters = new Parameters();
  const where = whereSql(conditions(filter, parameters).where);
  const run = async (from: string, tail: string) =>
    (await pool.query<FacetRow>(facetsQuery(from, `${where}${tail}`), parameters.values)).rows;
  const exact = await run('published_communication p', ` LIMIT ${BEFORE.exact + 1}`);
  if (Number(exact.find((row) => row.facet === 'total')?.count ?? 0) <= BEFORE.exact) {
    return { rows: exact, scale: null };
  }
  const { letters } = (
    await pool.query<{ letters: number }>(
      `SELECT reltuples::float8 AS letters FROM pg_class WHERE oid = 'published_communication'::regclass`,
    )
  ).rows[0];
  const percent = letters > BEFORE.sample ? Math.max(0.01, Math.round((10_000 * BEFORE.sample) / letters) / 100) : 100;
  const from =
    percent < 100
      ? `published_communication p TABLESAMPLE SYSTEM (${percent}) REPEATABLE (${BEFORE.seed})`
      : 'published_communication p';
  return { rows: await run(from, ''), scale: percent < 100 ? 100 / percent : null };
}

/** What the API runs for the facets, bare. */
export const facetsNow = (pool: Pool, filter: PublicSearchFilter, exactLimit: number): Promise<FacetCounts> =>
  countFacets(async (text, values) => (await pool.query(text, values)).rows, filter, exactLimit);

export interface FacetSides {
  /** Answers whether the answer was estimated. */
  api(index: number): Promise<boolean>;
  sql(index: number): Promise<FacetCounts>;
  before(index: number): Promise<FacetCounts>;
}

export interface FacetResult {
  api: number[];
  sql: number[];
  before: number[];
  /** Answers estimated, of the API's and of the baseline's. */
  estimated: { api: number; before: number };
}

type Measure = (total: number, concurrency: number, work: (index: number) => Promise<void>) => Promise<number[]>;

/** `requests` of each side, in `rounds` taking turns, after a few to warm up. */
export async function measureFacets(
  sides: FacetSides,
  requests: number,
  rounds: number,
  concurrency: number,
  measure: Measure,
): Promise<FacetResult> {
  // Warm the caches: each side runs some of the queries first, with as many clients as measured.
  for (const side of [sides.api, sides.sql, sides.before]) {
    await measure(concurrency * 4, concurrency, async (index) => {
      await side(index);
    });
  }
  const result: FacetResult = { api: [], sql: [], before: [], estimated: { api: 0, before: 0 } };
  const perRound = Math.ceil(requests / rounds);
  const turns: Array<(at: (index: number) => number) => Promise<void>> = [
    async (at) => {
      result.api.push(
        ...(await measure(perRound, concurrency, async (index) => {
          const estimated = await sides.api(at(index));
          result.estimated.api += estimated ? 1 : 0;
        })),
      );
    },
    async (at) => {
      result.sql.push(
        ...(await measure(perRound, concurrency, async (index) => {
          await sides.sql(at(index));
        })),
      );
    },
    async (at) => {
      result.before.push(
        ...(await measure(perRound, concurrency, async (index) => {
          const { scale } = await sides.before(at(index));
          result.estimated.before += scale === null ? 0 : 1;
        })),
      );
    },
  ];
  for (let round = 0; round < rounds; round++) {
    // Each side leads the rounds in turn: the first reads the round's letters for the others.
    for (const turn of inTurn(turns, round)) {
      await turn((index) => round * perRound + index);
    }
  }
  for (const durations of [result.api, result.sql, result.before]) {
    durations.sort((a, b) => a - b);
  }
  return result;
}
