import { TransactionHost } from '@spcomms/database';
import { TestContext, createTestContext } from '@spcomms/testing';
import { Parameters, PublicSearchFilter, RANK_CANDIDATES, SearchPageRow, searchPageQuery } from './search-queries';
import {
  MANDATE_PROBE_ROWS,
  PROBE_ROWS,
  ProbeResult,
  dateOrderProbeQuery,
  prefersDateOrder,
  searchProbeQuery,
  searchRows,
  searchStatements,
} from './search-statements';
import { parseTextQuery } from './text-query';
import { insertPublishedLetters } from '../test/published-letters';

const SETTINGS = `SELECT current_setting('enable_bitmapscan') AS bitmap, current_setting('enable_seqscan') AS seq, current_setting('jit') AS jit`;
const OFF = { bitmap: 'off', seq: 'off', jit: 'off' };

/**
 * 2,100 recent letters on water, then, older, 300 letters of the mandate on albinism that all speak
 * of albinism, and 20 of the mandate on food: among the most recent letters, albinism is nowhere.
 */
describe('the probe of a search', () => {
  let context: TestContext;

  const publish = (mandate: string, count: number, from: string, subject: string) =>
    insertPublishedLetters(context.dataSource, mandate, count, from, subject);

  const probe = async (q: string, extra: Partial<PublicSearchFilter>) => {
    const query = searchProbeQuery({ text: parseTextQuery(q), mandates: [], recipients: [], ...extra });
    if (!query) {
      throw new Error(`no probe for ${q}`);
    }
    const [found]: ProbeResult[] = await context.dataSource.query(query.text, query.values);
    return { found, rows: query.rows, dateOrder: prefersDateOrder(found, query.rows, 'relevance', 21) };
  };

  beforeAll(async () => {
    context = await createTestContext();
    await publish('WATER', 2100, '2024-01-01', 'water and sanitation');
    await publish('ALBINISM', 300, '2019-01-01', 'persons with albinism');
    await publish('FOOD', 20, '2018-01-01', 'hunger and food');
  });
  afterAll(() => context.close());

  it("measures a word within one mandate on that mandate's own most recent letters", async () => {
    expect(await probe('albinism', { mandates: ['ALBINISM'] })).toEqual({
      found: { read: MANDATE_PROBE_ROWS, matches: MANDATE_PROBE_ROWS },
      rows: MANDATE_PROBE_ROWS,
      dateOrder: true,
    });
    expect(await probe('albinism', { mandates: ['WATER'] })).toEqual({
      found: { read: MANDATE_PROBE_ROWS, matches: 0 },
      rows: MANDATE_PROBE_ROWS,
      dateOrder: false,
    });
  });

  it("reads in date order when the mandate's letters that pass the filters are fewer than the probe reads", async () => {
    expect(await probe('hunger', { mandates: ['FOOD'] })).toEqual({
      found: { read: 20, matches: 20 },
      rows: MANDATE_PROBE_ROWS,
      dateOrder: true,
    });
    expect(await probe('hunger', { mandates: ['FOOD'], from: '2018-01-02' })).toEqual({
      found: { read: 11, matches: 11 },
      rows: MANDATE_PROBE_ROWS,
      dateOrder: true,
    });
  });

  it('measures other searches on the most recent letters of all', async () => {
    expect(await probe('"water and sanitation"', {})).toEqual({
      found: { read: PROBE_ROWS, matches: PROBE_ROWS },
      rows: PROBE_ROWS,
      dateOrder: true,
    });
    expect(await probe('albinism', { mandates: ['ALBINISM', 'FOOD'] })).toEqual({
      found: { read: PROBE_ROWS, matches: 0 },
      rows: PROBE_ROWS,
      dateOrder: false,
    });
  });

  it('measures a search within a date range on the most recent letters of that range', async () => {
    // Among the 2,000 most recent letters albinism is nowhere; in 2019 it is in every letter.
    expect(await probe('albinism', { from: '2019-01-01', to: '2019-12-31' })).toEqual({
      found: { read: 300, matches: 300 },
      rows: PROBE_ROWS,
      dateOrder: true,
    });
    expect(await probe('albinism', { mandates: ['ALBINISM', 'FOOD'], to: '2019-01-05', recipients: ['FRA'] })).toEqual({
      found: { read: 69, matches: 49 },
      rows: PROBE_ROWS,
      dateOrder: true,
    });
  });
});

/** The same letters: what the probe does to the settings, and what a search answers whichever way it reads. */
describe('a search page on one connection', () => {
  let context: TestContext;
  let tx: TransactionHost;
  let defaults: Record<string, string>;

  const filter = (q: string | undefined, extra: Partial<PublicSearchFilter> = {}): PublicSearchFilter => ({
    text: parseTextQuery(q),
    mandates: [],
    recipients: [],
    ...extra,
  });

  beforeAll(async () => {
    context = await createTestContext();
    tx = context.get(TransactionHost);
    await insertPublishedLetters(context.dataSource, 'WATER', 2100, '2024-01-01', 'water and sanitation');
    await insertPublishedLetters(context.dataSource, 'ALBINISM', 300, '2019-01-01', 'persons with albinism');
    await insertPublishedLetters(context.dataSource, 'FOOD', 20, '2018-01-01', 'hunger and food');
    // A few albinism letters of 2019 that also speak of water, ranked above the others.
    await context.dataSource.query(
      `UPDATE published_communication SET body = body || ' Water, water and water.'
        WHERE 'ALBINISM' = ANY(mandate_codes) AND reference LIKE '% 7_/2019'`,
    );
    [defaults] = await context.dataSource.query(SETTINGS);
  });
  afterAll(() => context.close());

  /** The probe of a search in a transaction of its own, with the settings seen just after it. */
  const probeOn = (searched: PublicSearchFilter) =>
    tx.onReadClient(async (session) => {
      const probe = searchProbeQuery(searched)!;
      const decision = dateOrderProbeQuery(probe, 'relevance', 21);
      const [found] = await session.query<ProbeResult & { dateOrder: boolean }>(decision.text, decision.values);
      const [during] = await session.query(SETTINGS);
      const [{ pid }] = await session.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      return { found, expected: prefersDateOrder(found, probe.rows, 'relevance', 21), during, pid };
    }, true);

  /** The settings of the pool's connection to backend `pid`, found among its idle ones (each held while looking further). */
  const settingsOf = async (pid: number) => {
    const find = (held: number): Promise<Record<string, string> | null> =>
      tx.onReadClient(async (session) => {
        const [found] = await session.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
        return found.pid === pid
          ? (await session.query<Record<string, string>>(SETTINGS))[0]
          : held < 20
            ? find(held + 1)
            : null;
      });
    let settings = await find(0);
    for (let attempt = 0; attempt < 20 && !settings; attempt++) {
      await context.dataSource.query('SELECT 1');
      settings = await find(0);
    }
    return settings;
  };

  it('switches the date-order settings off for the page when the probe prefers that order, and only then', async () => {
    const walk = await probeOn(filter('albinism', { mandates: ['ALBINISM'] }));
    expect(walk).toMatchObject({
      found: { read: MANDATE_PROBE_ROWS, matches: MANDATE_PROBE_ROWS, dateOrder: true },
      expected: true,
      during: OFF,
    });
    const planner = await probeOn(filter('albinism', { mandates: ['WATER'] }));
    expect(planner).toMatchObject({
      found: { read: MANDATE_PROBE_ROWS, matches: 0, dateOrder: false },
      expected: false,
      during: defaults,
    });
    const range = await probeOn(filter('albinism', { from: '2019-01-01', to: '2019-12-31' }));
    expect(range).toMatchObject({ found: { read: 300, matches: 300, dateOrder: true }, expected: true, during: OFF });
  });

  it('runs the page, sent with the probe before its answer, with the settings the probe left', async () => {
    const settingsAfter = (searched: PublicSearchFilter) => {
      const probe = dateOrderProbeQuery(searchProbeQuery(searched)!, 'relevance', 21);
      return tx.onReadClient((session) => searchRows(session, { probe, page: { text: SETTINGS, values: [] } }), true);
    };
    expect(await settingsAfter(filter('albinism', { mandates: ['ALBINISM'] }))).toEqual([OFF]);
    expect(await settingsAfter(filter('albinism', { mandates: ['WATER'] }))).toEqual([defaults]);
  });

  it('ends the settings with the search: its connection serves the next reads with the defaults', async () => {
    const walk = await probeOn(filter('albinism', { mandates: ['ALBINISM'] }));
    expect(walk.during).toEqual(OFF);
    expect(await settingsOf(walk.pid)).toEqual(defaults);
    // On the read connection, outside a transaction, the search opens one of its own.
    const inside = await tx.onReadConnection(async () => {
      await tx.onReadClient(async (session) => {
        await session.query(`SELECT set_config('enable_seqscan', 'off', true)`);
      }, true);
      return (await tx.manager.query(SETTINGS))[0];
    });
    expect(inside).toEqual(defaults);
  });

  /**
   * The page computed another way: the matches in date order, the RANK_CANDIDATES most recent of
   * them ranked, the best first (ties newest first), without the mandates' table, the probe or a CTE.
   */
  const expectedPage = async (searched: PublicSearchFilter, limit: number) => {
    const parameters = new Parameters();
    const tsquery = searched.text!.expression(parameters.bind);
    const mandate = parameters.bind(searched.mandates[0] ?? null);
    const from = parameters.bind(searched.from ?? '0001-01-01');
    const to = parameters.bind(searched.to ?? '9999-12-31');
    const rows: Array<{ reference: string; rank: number }> = await context.dataSource.query(
      `SELECT reference, rank FROM (
         SELECT p.reference, p.sent_on, p.communication_id, ts_rank(p.search_vector, ${tsquery})::float8 AS rank
           FROM published_communication p
          WHERE p.search_vector @@ ${tsquery} AND (${mandate}::text IS NULL OR ${mandate}::text = ANY(p.mandate_codes))
            AND p.sent_on BETWEEN ${from}::date AND ${to}::date
          ORDER BY p.sent_on DESC, p.communication_id DESC LIMIT ${RANK_CANDIDATES}) candidates
        ORDER BY rank DESC, sent_on DESC, communication_id DESC LIMIT ${limit}`,
      parameters.values,
    );
    return rows;
  };

  /** The page as the API reads it (the probe, then the page in the order it chose), and as the planner alone reads it. */
  const pages = async (searched: PublicSearchFilter, limit: number) => {
    const keys = (rows: SearchPageRow[]) => rows.map((row) => ({ reference: row.reference, rank: row.rank }));
    const statements = searchStatements(searched, 'relevance', limit);
    const api = await tx.onReadClient((session) => searchRows(session, statements), statements.probe !== null);
    const page = searchPageQuery(searched, 'relevance', limit);
    const planner: SearchPageRow[] = await context.dataSource.query(page.text, page.values);
    return { api: keys(api), planner: keys(planner) };
  };

  it('answers the same page whichever order the probe chose, the best matches among the most recent', async () => {
    for (const searched of [
      filter('albinism', { from: '2019-01-01', to: '2019-12-31' }),
      filter('albinism water', { from: '2019-01-01', to: '2019-12-31' }),
      filter('albinism', { mandates: ['ALBINISM'] }),
      filter('water', { mandates: ['ALBINISM'], to: '2019-01-20' }),
      filter('water', { mandates: ['WATER'], from: '2024-02-01' }),
      filter('hunger', { mandates: ['FOOD'] }),
    ]) {
      const expected = await expectedPage(searched, 25);
      expect(expected.length).toBeGreaterThan(0);
      expect(await pages(searched, 25)).toEqual({ api: expected, planner: expected });
    }
  });
});
