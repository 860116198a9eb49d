import { rollupSegments } from './statistics-segments';

describe('rollupSegments', () => {
  it('reads a calendar year as one whole year', () => {
    expect(rollupSegments('2024-01-01', '2024-12-31', 'year')).toEqual({
      years: ['2024-01-01'],
      months: [],
      whole: { from: '2024-01-01', to: '2024-12-31' },
      edges: [],
    });
  });

  it('reads a year as twelve months when years are not allowed', () => {
    const segments = rollupSegments('2024-01-01', '2024-12-31', 'month');
    expect(segments.years).toEqual([]);
    expect(segments.months).toHaveLength(12);
    expect(segments.months[1]).toBe('2024-02-01');
    expect(segments.whole).toEqual({ from: '2024-01-01', to: '2024-12-31' });
  });

  it('reads the days that make no whole month letter by letter, at both ends', () => {
    expect(rollupSegments('2023-11-15', '2025-02-10', 'year')).toEqual({
      years: ['2024-01-01'],
      months: ['2023-12-01', '2025-01-01'],
      whole: { from: '2023-12-01', to: '2025-01-31' },
      edges: [
        { from: '2023-11-15', to: '2023-11-30' },
        { from: '2025-02-01', to: '2025-02-10' },
      ],
    });
  });

  it('reads a year cut by the cut-off as its whole months and the days of the last one', () => {
    expect(rollupSegments('2026-01-01', '2026-03-02', 'year')).toEqual({
      years: [],
      months: ['2026-01-01', '2026-02-01'],
      whole: { from: '2026-01-01', to: '2026-02-28' },
      edges: [{ from: '2026-03-01', to: '2026-03-02' }],
    });
  });

  it('reads a few days inside one month letter by letter only', () => {
    expect(rollupSegments('2025-02-10', '2025-02-20', 'year')).toEqual({
      years: [],
      months: [],
      whole: null,
      edges: [{ from: '2025-02-10', to: '2025-02-20' }],
    });
    expect(rollupSegments('2024-02-29', '2024-02-29', 'month')).toEqual({
      years: [],
      months: [],
      whole: null,
      edges: [{ from: '2024-02-29', to: '2024-02-29' }],
    });
  });
});
