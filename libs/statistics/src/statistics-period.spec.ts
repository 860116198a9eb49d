import { StatisticsErrorCode } from './statistics.exception';
import { lettersUntil, repliesUntil, resolvePeriod, resolveTrend, trendBuckets } from './statistics-period';

const TODAY = '2026-03-02';

function codeOf(work: () => unknown): string | undefined {
  try {
    work();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
}

describe('resolvePeriod', () => {
  it('defaults to the calendar year of today, as of today', () => {
    expect(resolvePeriod({}, TODAY)).toEqual({
      from: '2026-01-01',
      to: '2026-12-31',
      cutoff: TODAY,
      repliesFrom: '2026-01-01',
      repliesTo: '2026-12-31',
    });
  });

  it('takes a year and a cut-off', () => {
    const period = resolvePeriod({ year: 2017, cutoff: '2018-01-31' }, TODAY);
    expect(period).toMatchObject({ from: '2017-01-01', to: '2017-12-31', cutoff: '2018-01-31' });
    expect(lettersUntil(period)).toBe('2017-12-31');
    expect(repliesUntil(period)).toBe('2017-12-31');
  });

  it('takes the year of the cut-off when no period is given', () => {
    expect(resolvePeriod({ cutoff: '2018-01-31' }, TODAY)).toMatchObject({ from: '2018-01-01', to: '2018-12-31' });
  });

  it('stops letters and replies at the cut-off when it falls inside the period', () => {
    const period = resolvePeriod({ year: 2025, cutoff: '2025-06-30' }, TODAY);
    expect(lettersUntil(period)).toBe('2025-06-30');
    expect(repliesUntil(period)).toBe('2025-06-30');
  });

  it('takes a replies window shifted from the letters period (C16)', () => {
    const period = resolvePeriod(
      {
        from: '2016-06-01',
        to: '2016-11-30',
        repliesFrom: '2016-08-01',
        repliesTo: '2017-01-31',
        cutoff: '2017-01-31',
      },
      TODAY,
    );
    expect(repliesUntil(period)).toBe('2017-01-31');
    expect(lettersUntil(period)).toBe('2016-11-30');
  });

  it.each([
    [{ cutoff: '2026-03-03' }, StatisticsErrorCode.CutoffInFuture],
    [{ year: 2017, from: '2017-01-01' }, StatisticsErrorCode.PeriodConflict],
    [{ from: '2017-02-01', to: '2017-01-31' }, StatisticsErrorCode.InvalidPeriod],
    [{ year: 2019, cutoff: '2018-12-31' }, StatisticsErrorCode.CutoffBeforePeriod],
    [
      { year: 2017, cutoff: '2018-01-31', repliesFrom: '2018-02-01', repliesTo: '2018-01-01' },
      StatisticsErrorCode.InvalidPeriod,
    ],
  ])('refuses %j with %s', (input, code) => {
    expect(codeOf(() => resolvePeriod(input, TODAY))).toBe(code);
  });
});

describe('trends', () => {
  it('cuts months to the range', () => {
    expect(trendBuckets('2017-01-15', '2017-03-10', 'month')).toEqual([
      { label: '2017-01', from: '2017-01-15', to: '2017-01-31' },
      { label: '2017-02', from: '2017-02-01', to: '2017-02-28' },
      { label: '2017-03', from: '2017-03-01', to: '2017-03-10' },
    ]);
  });

  it('counts years', () => {
    expect(trendBuckets('2016-01-01', '2018-12-31', 'year').map((bucket) => bucket.label)).toEqual([
      '2016',
      '2017',
      '2018',
    ]);
  });

  it('defaults to the ten years ending with the year of the cut-off, by month', () => {
    const trend = resolveTrend({}, TODAY);
    expect(trend.interval).toBe('month');
    expect(trend.buckets).toHaveLength(120);
    expect(trend.buckets[0].label).toBe('2017-01');
    expect(trend.buckets[119].label).toBe('2026-12');
  });

  it('runs from `from` to 31 December of the year of the cut-off when only `from` is given', () => {
    const trend = resolveTrend({ from: '2020-01-01', interval: 'year' }, TODAY);
    expect(trend.period).toMatchObject({ from: '2020-01-01', to: '2026-12-31', cutoff: TODAY });
    expect(trend.buckets.map((bucket) => bucket.label)).toEqual([
      '2020',
      '2021',
      '2022',
      '2023',
      '2024',
      '2025',
      '2026',
    ]);
    expect(resolveTrend({ from: '2019-06-15', cutoff: '2024-05-31', interval: 'year' }, TODAY).period.to).toBe(
      '2024-12-31',
    );
  });

  it('starts nine years before the year of the cut-off when only `to` is given', () => {
    expect(resolveTrend({ to: '2025-06-30' }, TODAY).period).toMatchObject({ from: '2017-01-01', to: '2025-06-30' });
  });

  it('takes one calendar year when `year` is given', () => {
    expect(resolveTrend({ year: 2021, interval: 'year' }, TODAY).buckets).toEqual([
      { label: '2021', from: '2021-01-01', to: '2021-12-31' },
    ]);
  });

  it('refuses more than 600 points', () => {
    expect(codeOf(() => resolveTrend({ from: '1950-01-01', to: '2026-12-31', interval: 'month' }, TODAY))).toBe(
      StatisticsErrorCode.TooManyPoints,
    );
    expect(resolveTrend({ from: '1950-01-01', to: '2026-12-31', interval: 'year' }, TODAY).buckets).toHaveLength(77);
  });
});
