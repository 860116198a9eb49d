import { reportWindows } from './report-windows';

describe('windows of the communications reports (C16)', () => {
  it('crosses the year for the March session', () => {
    expect(reportWindows(2026, 'march')).toEqual({
      letters: { from: '2025-06-01', to: '2025-11-30' },
      replies: { from: '2025-08-01', to: '2026-01-31' },
    });
  });

  it('ends the June letters window on the last day of February, 29 in leap years', () => {
    expect(reportWindows(2024, 'june').letters).toEqual({ from: '2023-12-01', to: '2024-02-29' });
    expect(reportWindows(2025, 'june').letters).toEqual({ from: '2024-12-01', to: '2025-02-28' });
    expect(reportWindows(2100, 'june').letters.to).toBe('2100-02-28');
    expect(reportWindows(2000, 'june').letters.to).toBe('2000-02-29');
    expect(reportWindows(2024, 'june').replies).toEqual({ from: '2024-02-01', to: '2024-04-30' });
  });

  it('covers March to May for the September session', () => {
    expect(reportWindows(2026, 'september')).toEqual({
      letters: { from: '2026-03-01', to: '2026-05-31' },
      replies: { from: '2026-05-01', to: '2026-07-31' },
    });
  });

  it('leaves no day of a year out of the letters windows, and counts none twice', () => {
    const days = new Set<string>();
    let count = 0;
    for (const [year, session] of [
      [2025, 'june'],
      [2025, 'september'],
      [2026, 'march'],
      [2026, 'june'],
    ] as const) {
      const { from, to } = reportWindows(year, session).letters;
      for (
        let day = new Date(`${from}T00:00:00Z`);
        day <= new Date(`${to}T00:00:00Z`);
        day = new Date(day.getTime() + 86_400_000)
      ) {
        days.add(day.toISOString().slice(0, 10));
        count++;
      }
    }
    // 1 Dec 2024 – 28 Feb 2026: 455 days, each in exactly one window.
    expect(days.size).toBe(455);
    expect(count).toBe(455);
  });
});
