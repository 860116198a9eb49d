import { encodeSearchCursor } from '@spcomms/public-search';
import { filterParameters, parseSearchQuery, queryString } from './search-query';
import { snippetParts } from './search.view';

const cursor = encodeSearchCursor({ sort: 'date', sentOn: '2025-06-10', reference: 'UA IRN 1/2025' });

describe('parseSearchQuery', () => {
  it('reads the words, the repeated filters and a range typed as day, month and year', () => {
    const parsed = parseSearchQuery({
      q: '  journalist ',
      mandate: ['EXPRESSION', 'DEFENDERS', 'EXPRESSION'],
      recipient: 'IRN',
      type: 'UA',
      joint: 'false',
      replyStatus: 'replied',
      'from-day': '1',
      'from-month': '6',
      'from-year': '2025',
      'to-day': '',
      'to-month': '',
      'to-year': '',
      sort: 'date',
      cursor,
    });
    expect(parsed.errors).toEqual([]);
    expect(parsed.filters).toEqual({
      q: 'journalist',
      mandate: ['EXPRESSION', 'DEFENDERS'],
      recipient: ['IRN'],
      type: 'UA',
      joint: false,
      replyStatus: 'replied',
      from: '2025-06-01',
    });
    expect(parsed.query).toMatchObject({ sort: 'date', cursor });
  });

  it('keeps a year and a range to the days of the range within the year', () => {
    expect(parseSearchQuery({ year: '2025' }).filters).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(parseSearchQuery({ year: '2025', 'from-day': '3', 'from-month': '3', 'from-year': '2025' }).filters).toEqual(
      { from: '2025-03-03', to: '2025-12-31' },
    );
    const outside = parseSearchQuery({ year: '2024', 'from-day': '3', 'from-month': '3', 'from-year': '2025' });
    expect(outside.errors).toEqual([{ field: 'year', message: 'search.error.year.outside' }]);
  });

  it('reports each input it cannot use on its field, with a message for the person', () => {
    const parsed = parseSearchQuery({
      q: 'x'.repeat(501),
      mandate: 'lower',
      recipient: 'Iran',
      type: 'XX',
      joint: 'maybe',
      replyStatus: 'soon',
      year: '25',
      'from-day': '31',
      'from-month': '2',
      'from-year': '2025',
      'to-day': '1',
      'to-month': '',
      'to-year': '2025',
      sort: 'random',
      cursor: 'bm90LWEtY3Vyc29y',
      limit: '0',
    });
    expect(parsed.errors.map((error) => [error.field, error.message])).toEqual([
      ['q', 'search.error.q.long'],
      ['mandate', 'search.error.mandate.invalid'],
      ['recipient', 'search.error.recipient.invalid'],
      ['type', 'search.error.type.invalid'],
      ['joint', 'search.error.joint.invalid'],
      ['replyStatus', 'search.error.replyStatus.invalid'],
      ['from-day', 'search.error.from.invalid'],
      ['to-day', 'search.error.to.invalid'],
      ['year', 'search.error.year.invalid'],
      ['sort', 'search.error.sort.invalid'],
      ['results-title', 'search.error.limit.invalid'],
      ['results-title', 'search.error.page.invalid'],
    ]);
    expect(
      parseSearchQuery({
        'from-day': '2',
        'from-month': '3',
        'from-year': '2025',
        'to-day': '1',
        'to-month': '3',
        'to-year': '2025',
      }).errors,
    ).toEqual([{ field: 'to-day', message: 'search.error.range' }]);
  });

  it('gives the filters back as parameters for the links: no page, no sort', () => {
    const { form } = parseSearchQuery({
      q: 'a b',
      mandate: ['EXPRESSION'],
      type: 'AL',
      'from-day': '1',
      'from-month': '6',
      'from-year': '2025',
      sort: 'date',
      cursor,
      trail: [cursor, 'not a cursor'],
    });
    expect(form.trail).toEqual([cursor]);
    expect(queryString(filterParameters(form))).toBe(
      '?q=a+b&mandate=EXPRESSION&type=AL&from-day=1&from-month=6&from-year=2025',
    );
    expect(queryString([])).toBe('');
  });
});

describe('snippetParts', () => {
  it('marks the words the search found, between ** and **', () => {
    expect(snippetParts('the **execution** of **journalists** …')).toEqual([
      { text: 'the ', found: false },
      { text: 'execution', found: true },
      { text: ' of ', found: false },
      { text: 'journalists', found: true },
      { text: ' …', found: false },
    ]);
    expect(snippetParts(null)).toBeNull();
  });
});
