import { StatisticsRebuildLean1798100000000 } from '../migrations/1798100000000-StatisticsRebuildLean';
import { StatisticsRepository } from '../libs/statistics/src/statistics.repository';
import { LetterSelection } from '../libs/statistics/src/statistics-rows';
import { ALL_LETTERS, aggregatesOf, mandateRowsOf } from '../libs/statistics/src/statistics-rollup-cells';
import { StatisticsRollupRepository } from '../libs/statistics/src/statistics-rollup.repository';
import { rollupSegments, wholeMonths } from '../libs/statistics/src/statistics-segments';
import { CreatedLetter, LetterSpec, StatisticsFactory } from '../libs/statistics/test/statistics-factory';
import { TestApp, createTestApp } from './support/test-app';

/**
 * The rollup (`statistics_letter_rollup`) answers exactly what the letters answer one by one: for
 * periods made of whole years, whole months and odd days, for cut-offs before, inside and after the
 * replies and follow-ups, for every letter and for one mandate's; and after writes that move letters
 * between months, take replies away and change the signing mandates, it still equals a rebuild.
 */
describe('statistics rollup', () => {
  let sut: TestApp;
  let factory: StatisticsFactory;
  let rollup: StatisticsRollupRepository;
  let letters: StatisticsRepository;
  let mandates: Record<string, string>;
  let created: CreatedLetter[];

  const MANDATES = ['TORTURE', 'EXPRESSION', 'DEFENDERS'];
  const RECIPIENTS = ['IRN', 'CHN', 'USA', 'RUS', 'BRA'];

  function plusDays(date: string, days: number): string {
    const day = new Date(`${date}T00:00:00Z`);
    day.setUTCDate(day.getUTCDate() + days);
    return day.toISOString().slice(0, 10);
  }

  beforeAll(async () => {
    sut = await createTestApp();
    factory = new StatisticsFactory(sut.dataSource());
    rollup = sut.app.get(StatisticsRollupRepository);
    letters = sut.app.get(StatisticsRepository);
    const rows: Array<{ id: string; code: string }> = await sut
      .dataSource()
      .query(`SELECT id, code FROM mandate WHERE code = ANY ($1)`, [MANDATES]);
    mandates = Object.fromEntries(rows.map((row) => [row.code, row.id]));

    // 90 letters every 7 days from November 2023 to August 2025, spread over types, recipients and mandates.
    const specs: LetterSpec[] = Array.from({ length: 90 }, (_, i) => ({
      sentOn: plusDays('2023-11-03', i * 7),
      type: (['UA', 'AL', 'OL'] as const)[i % 3],
      ...(i % 11 === 0
        ? { otherRecipient: `Rollup company ${i % 2}` }
        : { to: RECIPIENTS[(i * 7) % RECIPIENTS.length] }),
      lead: MANDATES[i % 3],
      cosigners:
        i % 4 === 0 ? [MANDATES[(i + 1) % 3]] : i % 9 === 0 ? [MANDATES[(i + 1) % 3], MANDATES[(i + 2) % 3]] : [],
      victims: i % 5 === 0 ? [{ gender: 'female' }, { gender: 'male', group: i % 2 === 0 }] : [{ gender: 'unknown' }],
      reprisal: i % 13 === 0,
    }));
    created = await factory.letters(specs);
    // Replies from the same day to a year later, a second reply to some, and a correction that is no reply.
    const replies = created.flatMap((letter, i) =>
      i % 6 === 5
        ? []
        : [
            { letter: letter.id, receivedOn: plusDays(specs[i].sentOn, (i * 37) % 400) },
            ...(i % 4 === 1 ? [{ letter: letter.id, receivedOn: plusDays(specs[i].sentOn, 70 + i) }] : []),
          ],
    );
    const ids = await factory.replies(replies);
    await factory.reply({
      letter: replies[0].letter,
      receivedOn: plusDays(replies[0].receivedOn, 3),
      correctsReplyId: ids[0],
    });
    // Follow-ups sent some weeks after the letters they follow up.
    for (const i of [2, 10, 30, 55]) {
      await factory.letter({
        sentOn: plusDays(specs[i].sentOn, 35 + i),
        type: 'AL',
        to: 'IRN',
        lead: 'TORTURE',
        followsUp: [created[i].id],
      });
    }
  });
  afterAll(() => sut.close());

  const PERIODS: Array<[string, string]> = [
    ['2024-01-01', '2024-12-31'],
    ['2023-01-01', '2025-12-31'],
    ['2023-11-15', '2025-02-10'],
    ['2024-03-01', '2024-05-31'],
    ['2024-02-10', '2024-02-20'],
    ['2024-06-15', '2024-07-20'],
  ];
  const CUTOFFS = ['2024-02-15', '2024-06-30', '2024-12-31', '2025-01-20', '2025-06-30', '2026-03-01'];

  async function sentOn(id: string): Promise<string> {
    const [row]: Array<{ sent_on: string }> = await sut
      .dataSource()
      .query(`SELECT sent_on::text FROM communication WHERE id = $1`, [id]);
    return row.sent_on;
  }

  const sortRows = <T>(rows: T[]): T[] => [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

  async function compare(from: string, to: string, cutoff: string, scope: string | null): Promise<void> {
    const until = to < cutoff ? to : cutoff;
    if (until < from) {
      return;
    }
    const selection: LetterSelection = { from, until, cutoff, mandateIds: scope ? [scope] : null };
    const segments = rollupSegments(from, until, 'year');
    const key = scope ?? ALL_LETTERS;
    const mandateIds = scope ? [scope] : Object.values(mandates);
    const request = { cutoff, segments, grain: 'year' as const };
    const cells = await rollup.cells({
      ...request,
      scope: key,
      dimensions: ['total', 'type', 'recipient', 'other'],
      mandates: mandateIds,
    });
    const label = { from, to, cutoff, scope };

    // Replies received in a window (the period, or shifted two months as C16 reports do) split by their letters.
    for (const [windowFrom, windowTo] of [
      [from, to],
      [plusDays(from, 59), plusDays(to, 62)],
    ]) {
      const windowUntil = windowTo < cutoff ? windowTo : cutoff;
      const replySelection = {
        from: windowFrom,
        until: windowUntil,
        periodFrom: from,
        periodTo: until,
        mandateIds: scope ? [scope] : null,
      };
      if (wholeMonths(from, until) && windowFrom <= windowUntil) {
        const fromRollup = await rollup.replies({
          segments: rollupSegments(windowFrom, windowUntil, 'year'),
          scope: key,
          periodFrom: from,
          periodTo: until,
        });
        expect({ ...label, windowFrom, replies: fromRollup }).toEqual({
          ...label,
          windowFrom,
          replies: await letters.replyAggregate(replySelection),
        });
      }
    }

    const expectedMandates = (await letters.mandateAggregates(selection, scope ? [scope] : null)).filter((row) =>
      mandateIds.includes(row.mandateId),
    );
    expect({ ...label, rows: sortRows(mandateRowsOf(cells, mandateIds)) }).toEqual({
      ...label,
      rows: sortRows(expectedMandates),
    });

    if (scope === null || segments.months.length === 0) {
      const medians =
        scope === null && segments.months.length === 0
          ? await rollup.medians(request)
          : await letters.medianDays(selection);
      // The letters' grouping sets also give an empty total and group the letters to States under a null
      // non-State recipient, which no figure reads (an absent total is zero).
      const expected = (await letters.letterAggregates(selection)).filter(
        (row) => row.letters > 0 && (!row.byOther || row.otherRecipientId !== null),
      );
      expect({ ...label, rows: sortRows(aggregatesOf(cells, key, medians)) }).toEqual({
        ...label,
        rows: sortRows(expected),
      });
    }
    if (scope === null) {
      // The medians straight from the rollup also where months are read, by month grain of the letters at the ends.
      const years = rollupSegments(from, until, 'year');
      if (years.months.length === 0) {
        expect({ ...label, medians: [...(await rollup.medians(request)).entries()].sort() }).toEqual({
          ...label,
          medians: [...(await letters.medianDays(selection)).entries()].sort(),
        });
      }
    }
  }

  it('answers every period and cut-off as the letters do, for every letter and for one mandate', async () => {
    expect.hasAssertions();
    for (const [from, to] of PERIODS) {
      for (const cutoff of CUTOFFS) {
        await compare(from, to, cutoff, null);
        await compare(from, to, cutoff, mandates.EXPRESSION);
      }
    }
  });

  async function compareTrend(from: string, to: string, cutoff: string, unit: 'month' | 'year'): Promise<void> {
    const until = to < cutoff ? to : cutoff;
    if (until < from) {
      return;
    }
    const label = { from, to, cutoff, unit };
    const segments = rollupSegments(from, until, unit);
    const expected = await letters.trend({ from, until, cutoff, mandateIds: null }, unit, 'OTH');
    expect({ ...label, rows: sortRows(await rollup.trend({ cutoff, segments, grain: unit }, 'OTH')) }).toEqual({
      ...label,
      rows: sortRows(expected),
    });
  }

  it('draws the trends by month and by year as the letters do', async () => {
    expect.hasAssertions();
    for (const [from, to] of PERIODS) {
      for (const cutoff of CUTOFFS) {
        for (const unit of ['month', 'year'] as const) {
          await compareTrend(from, to, cutoff, unit);
        }
      }
    }
    for (const [from, to] of [PERIODS[1], PERIODS[2], PERIODS[5]]) {
      for (const cutoff of CUTOFFS) {
        const until = to < cutoff ? to : cutoff;
        if (until < from) {
          continue;
        }
        for (const unit of ['month', 'year'] as const) {
          const label = { from, to, cutoff, unit };
          const segments = rollupSegments(from, until, unit);
          for (const scope of [null, mandates.DEFENDERS]) {
            const replies = await rollup.replyTrend(segments, unit, scope ?? ALL_LETTERS);
            expect({ ...label, scope, replies: [...replies.entries()].sort() }).toEqual({
              ...label,
              scope,
              replies: [...(await letters.replyTrend(from, until, unit, scope ? [scope] : null)).entries()].sort(),
            });
          }
        }
      }
    }
  });

  it('follows writes that move letters, take replies away and change the signing mandates, and equals a rebuild', async () => {
    const db = sut.dataSource();
    await db.query(`UPDATE communication SET sent_on = sent_on + 40 WHERE id = ANY ($1)`, [
      [created[3].id, created[20].id],
    ]);
    // An earlier reply recorded late: the first reply, its days and its month move.
    await factory.reply({ letter: created[8].id, receivedOn: plusDays(await sentOn(created[8].id), 1) });
    await db.query(`DELETE FROM communication_mandate WHERE communication_id = $1 AND participation <> 'lead'`, [
      created[0].id,
    ]);
    // A letter taken back to draft leaves every cell it counted in (its replies with it).
    await db.query(`UPDATE communication SET status = 'draft', reference = NULL, sent_on = NULL WHERE id = $1`, [
      created[12].id,
    ]);
    for (const cutoff of ['2024-06-30', '2026-03-01']) {
      await compare('2024-01-01', '2024-12-31', cutoff, null);
      await compare('2023-11-15', '2025-02-10', cutoff, null);
      await compare('2024-01-01', '2024-12-31', cutoff, mandates.TORTURE);
      await compareTrend('2023-11-15', '2025-02-10', cutoff, 'month');
      await compareTrend('2023-01-01', '2025-12-31', cutoff, 'year');
    }
    const rollups = async () => [
      await db.query(
        `SELECT * FROM statistics_letter_rollup ORDER BY mandate_id, grain, period_start, dimension, value`,
      ),
      await db.query(`SELECT * FROM statistics_reply_rollup ORDER BY mandate_id, grain, period_start, letter_month`),
    ];
    const kept = await rollups();
    expect(kept[0].length).toBeGreaterThan(0);
    expect(kept[1].length).toBeGreaterThan(0);
    await db.query('SELECT statistics_rebuild()');
    expect(await rollups()).toEqual(kept);
  });

  it('rebuilds without its keys and indexes and leaves them as they were, enforced, with the rows of the previous rebuild', async () => {
    const db = sut.dataSource();
    const schema = async () => [
      await db.query(
        `SELECT tablename, indexname, indexdef FROM pg_indexes WHERE tablename LIKE 'statistics\\_%' ORDER BY 1, 2`,
      ),
      await db.query(
        `SELECT conrelid::regclass::text AS relation, conname, pg_get_constraintdef(oid) AS definition, convalidated
           FROM pg_constraint WHERE conrelid::regclass::text LIKE 'statistics\\_%' ORDER BY 1, 2`,
      ),
    ];
    const contents = async () => [
      await db.query(`SELECT * FROM statistics_letter ORDER BY communication_id`),
      await db.query(`SELECT * FROM statistics_reply ORDER BY reply_id`),
      await db.query(
        `SELECT * FROM statistics_letter_rollup ORDER BY mandate_id, grain, period_start, dimension, value`,
      ),
      await db.query(`SELECT * FROM statistics_reply_rollup ORDER BY mandate_id, grain, period_start, letter_month`),
    ];
    const before = await schema();
    expect(before[0]).toHaveLength(9);
    expect(before[1].filter((row: { conname: string }) => row.conname.startsWith('fk_'))).toHaveLength(2);
    await db.query('SELECT statistics_rebuild()');
    expect(await schema()).toEqual(before);
    const rebuilt = await contents();
    expect(rebuilt[0].length).toBeGreaterThan(0);
    // The keys are enforced again: a letter counted twice, a fact of no letter.
    const [letter] = rebuilt[0] as Array<Record<string, unknown>>;
    await expect(
      db.query(`INSERT INTO statistics_letter SELECT * FROM statistics_letter WHERE communication_id = $1`, [
        letter.communication_id,
      ]),
    ).rejects.toThrow(/pk_statistics_letter/);
    await expect(
      db.query(
        `INSERT INTO statistics_reply (reply_id, communication_id, received_on, letter_sent_on, on_time)
         VALUES (gen_random_uuid(), gen_random_uuid(), DATE '2024-01-01', DATE '2024-01-01', true)`,
      ),
    ).rejects.toThrow(/fk_statistics_reply_letter/);
    // The previous rebuild (the migration's down) computes the same rows; the migration's up restores this one.
    const runner = db.createQueryRunner();
    try {
      await new StatisticsRebuildLean1798100000000().down(runner);
      await db.query('SELECT statistics_rebuild()');
      expect(await contents()).toEqual(rebuilt);
      expect(await schema()).toEqual(before);
    } finally {
      await new StatisticsRebuildLean1798100000000().up(runner);
      await runner.release();
    }
    await db.query('SELECT statistics_rebuild()');
    expect(await contents()).toEqual(rebuilt);
  });
});
