import { PublicSearchFilter } from './search-queries';
import {
  MANDATE_PROBE_ROWS,
  PROBE_ROWS,
  SearchSession,
  SearchStatements,
  prefersDateOrder,
  searchProbeQuery,
  searchRows,
} from './search-statements';
import { parseTextQuery } from './text-query';

const filter = (q: string | undefined, extra: Partial<PublicSearchFilter> = {}): PublicSearchFilter => ({
  text: parseTextQuery(q),
  mandates: [],
  recipients: [],
  ...extra,
});

describe('the probe of correlated searches', () => {
  it('is skipped without text and for one word alone, whose statistics are good', () => {
    expect(searchProbeQuery(filter(undefined, { mandates: ['TORTURE'] }))).toBeNull();
    expect(searchProbeQuery(filter('torture'))).toBeNull();
  });

  it('counts the matches among the most recent letters for phrases, several words and words with filters', () => {
    for (const probed of [
      filter('"death penalty"'),
      filter('police torture'),
      filter('torture', { recipients: ['IRN'] }),
      filter('torture', { mandates: ['TORTURE', 'WGAD'] }),
    ]) {
      const query = searchProbeQuery(probed);
      expect(query?.text).toContain(`ORDER BY p.sent_on DESC, p.communication_id DESC LIMIT ${PROBE_ROWS}`);
      expect(query?.text).toContain('p.search_vector @@');
      expect(query?.rows).toBe(PROBE_ROWS);
    }
    expect(searchProbeQuery(filter('torture', { recipients: ['IRN'] }))?.values).toEqual(['torture', ['IRN']]);
  });

  it("reads a mandate's own most recent letters for a search within one mandate, even for one word", () => {
    const query = searchProbeQuery(filter('torture', { mandates: ['TORTURE'], type: 'UA' }));
    expect(query?.text).toContain(`ORDER BY m.sent_on DESC, m.communication_id DESC LIMIT ${MANDATE_PROBE_ROWS}`);
    expect(query?.text).toContain('m.mandate_code = $1');
    expect(query?.rows).toBe(MANDATE_PROBE_ROWS);
    expect(query?.values).toEqual(['TORTURE', 'UA', 'torture']);
  });

  it('reads in date order only when the rows to read stay within the budget', () => {
    const full = (matches: number) => ({ read: PROBE_ROWS, matches });
    // 1,000 candidates at 210 matches in 2,000 rows: about 9,500 rows to read.
    expect(prefersDateOrder(full(210), PROBE_ROWS, 'relevance', 21)).toBe(true);
    // 1,000 candidates at 40 in 2,000: 50,000 rows, over the budget.
    expect(prefersDateOrder(full(40), PROBE_ROWS, 'relevance', 21)).toBe(false);
    expect(prefersDateOrder(full(0), PROBE_ROWS, 'relevance', 21)).toBe(false);
    // A page of 21 in date order needs few rows even for a rare match.
    expect(prefersDateOrder(full(2), PROBE_ROWS, 'date', 21)).toBe(true);
    // 1,000 candidates at 5 in 200 rows of a mandate: 40,000 rows, within the budget; at 4, over it.
    expect(prefersDateOrder({ read: MANDATE_PROBE_ROWS, matches: 5 }, MANDATE_PROBE_ROWS, 'relevance', 21)).toBe(true);
    expect(prefersDateOrder({ read: MANDATE_PROBE_ROWS, matches: 4 }, MANDATE_PROBE_ROWS, 'relevance', 21)).toBe(false);
  });

  it('reads in date order when the probe read every row there is: the walk reads no more', () => {
    expect(prefersDateOrder({ read: 37, matches: 0 }, MANDATE_PROBE_ROWS, 'relevance', 21)).toBe(true);
    expect(prefersDateOrder({ read: 1999, matches: 1 }, PROBE_ROWS, 'relevance', 21)).toBe(true);
  });
});

describe('the statements of a search page', () => {
  const statements: SearchStatements = {
    probe: { text: 'probe', values: [1] },
    page: { text: 'page', values: [2] },
  };

  /** A session whose statements are answered only when the test says so. */
  const heldSession = () => {
    const asked: string[] = [];
    const answers = new Map<string, { resolve: (rows: unknown[]) => void; reject: (error: Error) => void }>();
    const session: SearchSession = {
      query: <T>(text: string) => {
        asked.push(text);
        return new Promise<T[]>((resolve, reject) =>
          answers.set(text, { resolve: resolve as (rows: unknown[]) => void, reject }),
        );
      },
    };
    return { session, asked, answer: (text: string) => answers.get(text)! };
  };

  it('asks for the page with the probe, before the probe is answered, and answers the page', async () => {
    const { session, asked, answer } = heldSession();
    const rows = searchRows(session, statements);
    expect(asked).toEqual(['probe', 'page']);
    answer('page').resolve([{ reference: 'UA IRN 5/2023' }]);
    answer('probe').resolve([{ read: 2000, matches: 12, dateOrder: false }]);
    await expect(rows).resolves.toEqual([{ reference: 'UA IRN 5/2023' }]);
  });

  it("tells the probe's error when the probe fails (the page then fails too)", async () => {
    const { session, answer } = heldSession();
    const rows = searchRows(session, statements);
    answer('page').reject(new Error('current transaction is aborted'));
    answer('probe').reject(new Error('probe failed'));
    await expect(rows).rejects.toThrow('probe failed');
  });

  it('asks for the page alone when there is nothing to probe', async () => {
    const { session, asked, answer } = heldSession();
    const rows = searchRows(session, { ...statements, probe: null });
    expect(asked).toEqual(['page']);
    answer('page').resolve([]);
    await expect(rows).resolves.toEqual([]);
  });
});
