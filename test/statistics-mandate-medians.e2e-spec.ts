import { Role } from '@spcomms/access';
import { StatisticsRollupRepository } from '../libs/statistics/src/statistics-rollup.repository';
import { rollupSegments } from '../libs/statistics/src/statistics-segments';
import { LetterSpec, StatisticsFactory } from '../libs/statistics/test/statistics-factory';
import { TestApp, createTestApp } from './support/test-app';

/**
 * One mandate's medians of the days to the first reply, overall and per recipient, come from the
 * rollup's counts per number of days by year (`days`, `recipient_days`): they equal the median computed
 * here straight from the letters written and their replies, for whole years, for days inside a year and
 * for cut-offs before and after replies, also through GET /statistics?mandate=.
 */
describe('statistics: one mandate’s medians from the rollup', () => {
  let sut: TestApp;
  let rollup: StatisticsRollupRepository;
  let mandates: Record<string, string>;
  let committee: string;

  const MANDATES = ['TORTURE', 'EXPRESSION', 'DEFENDERS'];
  const RECIPIENTS = ['IRN', 'CHN', 'USA'];
  const specs: LetterSpec[] = Array.from({ length: 72 }, (_, i) => ({
    sentOn: plusDays('2023-10-02', i * 11),
    to: RECIPIENTS[(i * 5) % RECIPIENTS.length],
    lead: MANDATES[i % 3],
    cosigners:
      i % 4 === 0 ? [MANDATES[(i + 1) % 3]] : i % 7 === 0 ? [MANDATES[(i + 1) % 3], MANDATES[(i + 2) % 3]] : [],
  }));
  /** Per letter, the days after sending its replies came (none for some; the first is not always the earliest). */
  const replyDays: number[][] = specs.map((_, i) =>
    i % 5 === 4 ? [] : i % 3 === 0 ? [(i * 29) % 200, (i * 13) % 90] : [(i * 41) % 300],
  );

  function plusDays(date: string, days: number): string {
    const day = new Date(`${date}T00:00:00Z`);
    day.setUTCDate(day.getUTCDate() + days);
    return day.toISOString().slice(0, 10);
  }

  /** PostgreSQL's percentile_cont(0.5): the middle value, or the mean of the two middle values. */
  function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = (sorted.length - 1) / 2;
    return (sorted[Math.floor(middle)] + sorted[Math.ceil(middle)]) / 2;
  }

  /** The medians of `mandate`'s letters sent in [from, until] and replied by the cut-off, overall (null) and per recipient. */
  function expected(mandate: string, from: string, until: string, cutoff: string): Array<[string | null, number]> {
    const days = new Map<string | null, number[]>();
    specs.forEach((spec, i) => {
      const signed = spec.lead === mandate || (spec.cosigners ?? []).includes(mandate);
      const received = replyDays[i].map((after) => plusDays(spec.sentOn, after)).filter((day) => day <= cutoff);
      if (!signed || spec.sentOn < from || spec.sentOn > until || received.length === 0) {
        return;
      }
      const first = Math.min(...replyDays[i].filter((after) => plusDays(spec.sentOn, after) <= cutoff));
      for (const key of [null, spec.to as string]) {
        days.set(key, [...(days.get(key) ?? []), first]);
      }
    });
    return [...days.entries()].map(([key, values]): [string | null, number] => [key, median(values)]).sort();
  }

  beforeAll(async () => {
    sut = await createTestApp();
    rollup = sut.app.get(StatisticsRollupRepository);
    committee = (await sut.createUser({ username: 'medians.committee', role: Role.Committee })).token;
    const rows: Array<{ id: string; code: string }> = await sut
      .dataSource()
      .query(`SELECT id, code FROM mandate WHERE code = ANY ($1)`, [MANDATES]);
    mandates = Object.fromEntries(rows.map((row) => [row.code, row.id]));
    const factory = new StatisticsFactory(sut.dataSource());
    const created = await factory.letters(specs);
    await factory.replies(
      created.flatMap((letter, i) =>
        replyDays[i].map((after) => ({ letter: letter.id, receivedOn: plusDays(specs[i].sentOn, after) })),
      ),
    );
  });
  afterAll(() => sut.close());

  it('reads each mandate’s medians per recipient from the rollup as the letters give them', async () => {
    const periods: Array<[string, string]> = [
      ['2024-01-01', '2024-12-31'],
      ['2023-01-01', '2025-12-31'],
      ['2024-03-05', '2024-03-28'],
    ];
    let compared = 0;
    for (const code of MANDATES) {
      for (const [from, to] of periods) {
        for (const cutoff of ['2024-05-31', '2024-12-31', '2026-03-01']) {
          const until = to < cutoff ? to : cutoff;
          const segments = rollupSegments(from, until, 'year');
          if (until < from || segments.months.length > 0) {
            continue;
          }
          const medians = await rollup.medians({ cutoff, segments, grain: 'year', scope: mandates[code] });
          const label = { code, from, to, cutoff };
          expect({ ...label, medians: [...medians.entries()].sort() }).toEqual({
            ...label,
            medians: expected(code, from, until, cutoff),
          });
          compared += medians.size;
        }
      }
    }
    expect(compared).toBeGreaterThan(40);
  });

  it('answers a mandate’s year with the medians per State of its letters', async () => {
    const answer = await sut.get('/statistics?year=2024&cutoff=2025-06-30&mandate=EXPRESSION', { token: committee });
    expect(answer.status).toBe(200);
    const medians = expected('EXPRESSION', '2024-01-01', '2024-12-31', '2025-06-30');
    expect(answer.body.replies.medianDaysToReply).toBe(medians.find(([key]) => key === null)?.[1]);
    const byState = (answer.body.byState as Array<{ code: string; medianDaysToReply: number | null }>)
      .filter((row) => row.medianDaysToReply !== null)
      .map((row): [string, number | null] => [row.code, row.medianDaysToReply])
      .sort();
    expect(byState).toEqual(medians.filter(([key]) => key !== null));
    expect(byState.length).toBeGreaterThan(1);
  });
});
