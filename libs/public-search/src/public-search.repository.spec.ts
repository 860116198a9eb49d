import { PublicSearchFilter, prefersDateOrder, searchProbeQuery } from './search-queries';
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
    for (const probed of [filter('"death penalty"'), filter('police torture'), filter('torture', { mandates: ['TORTURE'] })]) {
      const query = searchProbeQuery(probed);
      expect(query?.text).toContain('ORDER BY sent_on DESC, communication_id DESC LIMIT 2000');
      expect(query?.text).toContain('p.search_vector @@');
    }
    expect(searchProbeQuery(filter('torture', { mandates: ['TORTURE'] }))?.values).toEqual(['torture', ['TORTURE']]);
  });

  it('reads in date order only when the rows to read stay within the budget', () => {
    // 1,000 candidates at 210 matches in 2,000 rows: about 9,500 rows to read.
    expect(prefersDateOrder(210, 'relevance', 21)).toBe(true);
    // 1,000 candidates at 40 in 2,000: 50,000 rows, over the budget.
    expect(prefersDateOrder(40, 'relevance', 21)).toBe(false);
    expect(prefersDateOrder(0, 'relevance', 21)).toBe(false);
    // A page of 21 in date order needs few rows even for a rare match.
    expect(prefersDateOrder(2, 'date', 21)).toBe(true);
  });
});
