import { TestContext, createTestContext } from '@spcomms/testing';
import { FacetRow, RunQuery, SAMPLE_BUCKETS, SUBSAMPLE_BUCKETS, countFacets, facetsQuery } from './facet-queries';
import { Parameters, PublicSearchFilter, conditions, whereSql } from './search-queries';
import { parseTextQuery } from './text-query';
import { insertPublishedLetters } from '../test/published-letters';

const filter = (q: string | undefined, extra: Partial<PublicSearchFilter> = {}): PublicSearchFilter => ({
  text: parseTextQuery(q),
  mandates: [],
  recipients: [],
  ...extra,
});

const sorted = (rows: FacetRow[]) =>
  rows
    .map((row) => ({ ...row, count: Number(row.count) }))
    .sort((a, b) => `${a.facet}/${a.value}`.localeCompare(`${b.facet}/${b.value}`));

/**
 * 2,000 letters of the mandate on water (Sep 2023 – Mar 2024) and 600 of the mandate on food (2022),
 * a tenth of them UAs: the sample holds about 4% of them (SHARE buckets of 1,024).
 */
/** The sample's share, in buckets of SAMPLE_BUCKETS, as the migrations leave it. */
const SHARE = 40;

describe('the sample of the projection and the facets counted in it', () => {
  let context: TestContext;
  const run: RunQuery = (text, values) => context.dataSource.query(text, values);

  /** The facets of the letters of the projection in the sample that match, counted there directly. */
  const countedAmongSampledLetters = (search: PublicSearchFilter, buckets?: number): Promise<FacetRow[]> => {
    const parameters = new Parameters();
    const { where } = conditions(search, parameters);
    where.push(
      buckets === undefined
        ? 'published_communication_sampled(p.communication_id)'
        : `(uuid_hash_extended(p.communication_id, 0) & 1023) < ${buckets}`,
    );
    return context.dataSource.query(facetsQuery('published_communication p', whereSql(where)), parameters.values);
  };
  const sampleIds = async () =>
    (await run('SELECT communication_id AS id FROM published_communication_sample ORDER BY 1', [])).map(
      (row) => (row as { id: string }).id,
    );
  const setBuckets = async (buckets: number) => {
    await run('UPDATE published_communication_sample_share SET buckets = $1', [buckets]);
    return Number(
      ((await run('SELECT published_communication_sample_refill() AS n', [])) as Array<{ n: number }>)[0].n,
    );
  };

  beforeAll(async () => {
    context = await createTestContext();
    await insertPublishedLetters(context.dataSource, 'WATER', 2000, '2023-09-01', 'water and sanitation');
    await insertPublishedLetters(context.dataSource, 'FOOD', 600, '2022-01-01', 'hunger and food');
  });
  afterAll(() => context.close());

  it('holds the published letters of the first 40 hash buckets of their id, and only those', async () => {
    const hashed = (await run(
      `SELECT communication_id AS id FROM published_communication WHERE (uuid_hash_extended(communication_id, 0) & 1023) < ${SHARE} ORDER BY 1`,
      [],
    )) as Array<{ id: string }>;
    expect(hashed.length).toBeGreaterThan(10);
    expect(await sampleIds()).toEqual(hashed.map((row) => row.id));
    // Each row, written by the trigger as its letter was published, keeps the bucket of its id.
    expect(
      await run(
        `SELECT count(*)::int AS n FROM published_communication_sample WHERE bucket <> (uuid_hash_extended(communication_id, 0) & 1023)`,
        [],
      ),
    ).toEqual([{ n: 0 }]);
  });

  it('is stored in bucket order once refilled, the sub-sample first', async () => {
    const inPageOrder = async () =>
      (
        (await run('SELECT bucket FROM published_communication_sample ORDER BY ctid', [])) as Array<{ bucket: number }>
      ).map((row) => row.bucket);
    const published = await inPageOrder();
    expect(published).not.toEqual([...published].sort((a, b) => a - b));

    expect(await setBuckets(SHARE)).toBe(published.length);
    const refilled = await inPageOrder();
    expect(refilled).toEqual([...published].sort((a, b) => a - b));
  });

  it('counts a search in the sub-sample when it shows enough matches there, else in the whole sample', async () => {
    for (const search of [filter('water'), filter(undefined, { from: '2024-01-01' })]) {
      const direct = await countedAmongSampledLetters(search, SUBSAMPLE_BUCKETS);
      const matches = Number(direct.find((row) => row.facet === 'total')?.count);
      expect(matches).toBeGreaterThan(0);

      const sub = await countFacets(run, search, 1, matches);
      expect(sub.scale).toBe(SAMPLE_BUCKETS / SUBSAMPLE_BUCKETS);
      expect(sorted(sub.rows)).toEqual(sorted(direct));

      const whole = await countFacets(run, search, 1, matches + 1);
      expect(whole.scale).toBe(SAMPLE_BUCKETS / SHARE);
      expect(sorted(whole.rows)).toEqual(sorted(await countedAmongSampledLetters(search)));
    }
  });

  it("scales the sample's counts, which equal a direct count of the sampled letters, beyond the limit", async () => {
    for (const search of [
      filter('water'),
      filter(undefined),
      filter('hunger', { mandates: ['FOOD'], type: 'AL' }),
      filter(undefined, { from: '2024-01-01', recipients: ['FRA'] }),
    ]) {
      const counts = await countFacets(run, search, 1);
      const direct = await countedAmongSampledLetters(search);
      expect(Number(direct.find((row) => row.facet === 'total')?.count)).toBeGreaterThan(0);
      expect(counts.scale).toBe(SAMPLE_BUCKETS / SHARE);
      expect(sorted(counts.rows)).toEqual(sorted(direct));
    }
  });

  it('counts every match while the sample shows at most the limit', async () => {
    const counts = await countFacets(run, filter('hunger'), 1_000_000);
    expect(counts.scale).toBeNull();
    expect(sorted(counts.rows.filter((row) => row.facet === 'total' || row.facet === 'type'))).toEqual([
      { facet: 'total', value: null, label: null, count: 600 },
      { facet: 'type', value: 'AL', label: null, count: 540 },
      { facet: 'type', value: 'UA', label: null, count: 60 },
    ]);
  });

  it("counts every match of a search within one mandate through that mandate's letters, as through the projection", async () => {
    // A letter of the food mandate co-signed by the mandate on water: the mandate facet counts both.
    await run(
      `UPDATE published_communication SET mandate_codes = ARRAY['FOOD', 'WATER'], joint = true
        WHERE communication_id = (SELECT communication_id FROM published_communication WHERE 'FOOD' = ANY(mandate_codes) AND type = 'AL' LIMIT 1)`,
      [],
    );
    for (const search of [
      filter('hunger', { mandates: ['FOOD'], type: 'AL' }),
      filter(undefined, { mandates: ['FOOD'], joint: true }),
      filter('water', { mandates: ['WATER'], from: '2024-01-01', recipients: ['FRA'] }),
    ]) {
      const counts = await countFacets(run, search, 1_000_000);
      expect(counts.scale).toBeNull();
      const parameters = new Parameters();
      const { where } = conditions(search, parameters);
      const direct: FacetRow[] = await context.dataSource.query(
        facetsQuery('published_communication p', whereSql(where)),
        parameters.values,
      );
      expect(Number(direct.find((row) => row.facet === 'total')?.count)).toBeGreaterThan(0);
      expect(sorted(counts.rows)).toEqual(sorted(direct));
    }
    // The exact count walks the mandate's rows; a search over several mandates reads the projection.
    const statements: string[] = [];
    const recorded: RunQuery = (text, values) => {
      statements.push(text);
      return run(text, values);
    };
    const joint = await countFacets(recorded, filter(undefined, { mandates: ['FOOD'], joint: true }), 1_000_000);
    await countFacets(recorded, filter(undefined, { mandates: ['FOOD', 'WATER'] }), 1_000_000);
    expect(statements.map((text) => /FROM published_communication_mandate m JOIN/.test(text))).toEqual([
      false,
      true,
      false,
      false,
    ]);
    expect(sorted(joint.rows.filter((row) => row.facet === 'mandate')).map((row) => [row.value, row.count])).toEqual([
      ['FOOD', 1],
      ['WATER', 1],
    ]);
  });

  it('follows its letters: a new reply status, a new vector, a letter removed from the projection', async () => {
    const [id] = await sampleIds();
    await run(
      `UPDATE published_communication SET reply_status = 'replied', reply_count = 1 WHERE communication_id = $1`,
      [id],
    );
    await run(`UPDATE published_communication SET subject = 'drought' WHERE communication_id = $1`, [id]);
    expect(
      await run(
        `SELECT s.reply_status AS "replyStatus", s.search_vector = p.search_vector AS "sameVector", s.search_vector @@ 'drought'::tsquery AS drought
           FROM published_communication_sample s JOIN published_communication p USING (communication_id) WHERE s.communication_id = $1`,
        [id],
      ),
    ).toEqual([{ replyStatus: 'replied', sameVector: true, drought: true }]);

    await run('DELETE FROM published_communication WHERE communication_id = $1', [id]);
    expect(await sampleIds()).not.toContain(id);
    expect(await countedAmongSampledLetters(filter('drought'))).toEqual([
      { facet: 'total', value: null, label: null, count: 0 },
    ]);
  });

  it('is rebuilt at another share: none (every match counted), or every letter', async () => {
    expect(await setBuckets(0)).toBe(0);
    const exact = await countFacets(run, filter('water'), 1);
    expect(exact.scale).toBeNull();
    const total = Number(exact.rows.find((row) => row.facet === 'total')?.count);
    expect(total).toBeGreaterThanOrEqual(1999);

    const letters = Number(
      ((await run('SELECT count(*)::int AS n FROM published_communication', [])) as Array<{ n: number }>)[0].n,
    );
    expect(await setBuckets(SAMPLE_BUCKETS)).toBe(letters);
    const everyLetter = await countFacets(run, filter('water'), 1, 1_000_000);
    expect(everyLetter.scale).toBe(1);
    expect(sorted(everyLetter.rows)).toEqual(sorted(exact.rows));
    // Below SUBSAMPLE_BUCKETS the sub-sample is the whole sample.
    expect(await setBuckets(4)).toBeGreaterThan(0);
    const small = await countFacets(run, filter(undefined), 1, 1);
    expect(small.scale).toBe(SAMPLE_BUCKETS / 4);
    expect(sorted(small.rows)).toEqual(sorted(await countedAmongSampledLetters(filter(undefined), 4)));
  });
});
