import { csvPath, median, rate, ratio } from './statistics.mapper';

describe('statistics mapper', () => {
  it('computes the 2017 reply rate as 68%', () => {
    expect(rate(365, 534)).toEqual({ value: 0.6835, percent: 68, numerator: 365, denominator: 534 });
  });

  it('answers null for a share of nothing', () => {
    expect(rate(0, 0)).toEqual({ value: null, percent: null, numerator: 0, denominator: 0 });
    expect(ratio(1, 3)).toBe(0.3333);
  });

  it('keeps half days of a median', () => {
    expect(median(12.5)).toBe(12.5);
    expect(median(null)).toBeNull();
  });

  it('builds CSV links without the parameters not given', () => {
    expect(
      csvPath('/statistics/figures', 'letters-sent', {
        from: '2017-01-01',
        to: '2017-12-31',
        state: undefined,
        mandate: 'TORTURE',
      }),
    ).toBe('/statistics/figures/letters-sent.csv?from=2017-01-01&to=2017-12-31&mandate=TORTURE');
  });
});
