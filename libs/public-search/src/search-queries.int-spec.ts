import { TestContext, createTestContext } from '@spcomms/testing';
import {
  DATE_ORDER_ONLY,
  MANDATE_PROBE_ROWS,
  PROBE_ROWS,
  ProbeResult,
  PublicSearchFilter,
  prefersDateOrder,
  searchProbeQuery,
} from './search-queries';
import { parseTextQuery } from './text-query';
import { insertPublishedLetters } from '../test/published-letters';

const SETTINGS = `SELECT current_setting('enable_bitmapscan') AS bitmap, current_setting('enable_seqscan') AS seq, current_setting('jit') AS jit`;

describe('the date-order settings of a search', () => {
  let context: TestContext;

  beforeAll(async () => {
    context = await createTestContext();
  });
  afterAll(() => context.close());

  it('switch off bitmaps, full scans and JIT compilation for the transaction only', async () => {
    const runner = context.dataSource.createQueryRunner();
    try {
      await runner.startTransaction();
      await runner.query(`SET LOCAL jit = on`);
      await runner.query(DATE_ORDER_ONLY);
      expect(await runner.query(SETTINGS)).toEqual([{ bitmap: 'off', seq: 'off', jit: 'off' }]);
      await runner.commitTransaction();
      expect(await runner.query(SETTINGS)).toEqual([
        {
          bitmap: 'on',
          seq: 'on',
          jit: (await runner.query(`SELECT reset_val FROM pg_settings WHERE name = 'jit'`))[0].reset_val,
        },
      ]);
    } finally {
      await runner.release();
    }
  });
});

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
