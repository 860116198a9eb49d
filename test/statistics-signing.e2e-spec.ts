import { StatisticsRebuildLean1798100000000 } from '../migrations/1798100000000-StatisticsRebuildLean';
import { StatisticsFactory } from '../libs/statistics/test/statistics-factory';
import { TestApp, createTestApp } from './support/test-app';

/**
 * The mandates a letter counts for in the statistics (S): its lead always, and every mandate on it as
 * lead or invited that approved its sent version, or every such mandate when that version has no
 * approvals (imports). Each case is read as the writes keep it (the facts of one letter) and as a
 * rebuild computes it (the facts of all letters), and the previous rebuild computed the same.
 */
describe('statistics: the signing mandates of a letter', () => {
  let sut: TestApp;
  let factory: StatisticsFactory;
  let mandate: Record<string, string>;
  const letter: Record<string, string> = {};

  const CODES = ['TORTURE', 'EXPRESSION', 'DEFENDERS', 'ASSEMBLY'];

  async function addVersion(id: string, approvedBy: string[]): Promise<void> {
    const db = sut.dataSource();
    const [version]: Array<{ id: string }> = await db.query(
      `INSERT INTO communication_version (communication_id, number, content, content_hash, created_at)
       SELECT communication_id, 2, content, md5(content_hash), now() FROM communication_version WHERE communication_id = $1
       RETURNING id`,
      [id],
    );
    await db.query(
      `INSERT INTO communication_approval (communication_id, version_id, mandate_id, decision, decided_at)
       SELECT $1, $2, m, 'approve', now() FROM unnest($3::uuid[]) AS m`,
      [id, version.id, approvedBy.map((code) => mandate[code])],
    );
    await db.query(`UPDATE communication SET current_version = 2 WHERE id = $1`, [id]);
  }

  async function signing(): Promise<Record<string, string[]>> {
    const rows: Array<{ communication_id: string; mandate_ids: string[] }> = await sut
      .dataSource()
      .query(`SELECT communication_id, mandate_ids FROM statistics_letter WHERE communication_id = ANY ($1)`, [
        Object.values(letter),
      ]);
    const codeOf = new Map(Object.entries(mandate).map(([code, id]) => [id, code]));
    const byId = new Map(rows.map((row) => [row.communication_id, row.mandate_ids]));
    return Object.fromEntries(
      Object.entries(letter).map(([name, id]) => [name, (byId.get(id) ?? []).map((m) => codeOf.get(m) ?? m)]),
    );
  }

  /** The codes in the order of the mandates' ids, as the facts keep them. */
  const ordered = (...codes: string[]) =>
    [...codes].sort((a, b) => (mandate[a] < mandate[b] ? -1 : mandate[a] > mandate[b] ? 1 : 0));

  beforeAll(async () => {
    sut = await createTestApp();
    factory = new StatisticsFactory(sut.dataSource());
    const rows: Array<{ id: string; code: string }> = await sut
      .dataSource()
      .query(`SELECT id, code FROM mandate WHERE code = ANY ($1)`, [CODES]);
    mandate = Object.fromEntries(rows.map((row) => [row.code, row.id]));
    const db = sut.dataSource();
    const sentOn = '2025-03-03';

    letter.cosigned = (
      await factory.letter({ sentOn, lead: 'TORTURE', cosigners: ['EXPRESSION', 'DEFENDERS'], declined: ['ASSEMBLY'] })
    ).id;

    // Approved the first version only: the sent (second) version was approved by the lead alone.
    letter.earlierVersion = (await factory.letter({ sentOn, lead: 'TORTURE', cosigners: ['EXPRESSION'] })).id;
    await addVersion(letter.earlierVersion, ['TORTURE']);

    // No approvals of the sent version, as for an import: every mandate on the letter counts.
    letter.imported = (await factory.letter({ sentOn, lead: 'EXPRESSION', cosigners: ['DEFENDERS', 'ASSEMBLY'] })).id;
    await db.query(`DELETE FROM communication_approval WHERE communication_id = $1`, [letter.imported]);

    // The lead counts without approving, and without its row among the mandates.
    letter.leadSilent = (await factory.letter({ sentOn, lead: 'DEFENDERS', cosigners: ['TORTURE'] })).id;
    await db.query(`DELETE FROM communication_approval WHERE communication_id = $1 AND mandate_id = $2`, [
      letter.leadSilent,
      mandate.DEFENDERS,
    ]);
    letter.leadUnlisted = (await factory.letter({ sentOn, lead: 'ASSEMBLY', cosigners: ['EXPRESSION'] })).id;
    await db.query(`DELETE FROM communication_mandate WHERE communication_id = $1 AND mandate_id = $2`, [
      letter.leadUnlisted,
      mandate.ASSEMBLY,
    ]);

    // An invited mandate that declined the sent version, and one dropped from the letter after approving it.
    letter.declinedAndDropped = (
      await factory.letter({ sentOn, lead: 'TORTURE', cosigners: ['EXPRESSION', 'DEFENDERS'] })
    ).id;
    await db.query(
      `UPDATE communication_approval SET decision = 'decline' WHERE communication_id = $1 AND mandate_id = $2`,
      [letter.declinedAndDropped, mandate.EXPRESSION],
    );
    await db.query(
      `UPDATE communication_mandate SET participation = 'dropped' WHERE communication_id = $1 AND mandate_id = $2`,
      [letter.declinedAndDropped, mandate.DEFENDERS],
    );

    // Only declines of the sent version: the lead alone.
    letter.onlyDeclines = (await factory.letter({ sentOn, lead: 'DEFENDERS', cosigners: ['TORTURE'] })).id;
    await db.query(`UPDATE communication_approval SET decision = 'decline' WHERE communication_id = $1`, [
      letter.onlyDeclines,
    ]);
  });
  afterAll(() => sut.close());

  const expected = () => ({
    cosigned: ordered('TORTURE', 'EXPRESSION', 'DEFENDERS'),
    earlierVersion: ['TORTURE'],
    imported: ordered('EXPRESSION', 'DEFENDERS', 'ASSEMBLY'),
    leadSilent: ordered('DEFENDERS', 'TORTURE'),
    leadUnlisted: ordered('ASSEMBLY', 'EXPRESSION'),
    declinedAndDropped: ['TORTURE'],
    onlyDeclines: ['DEFENDERS'],
  });

  it('keeps for each letter the mandates that signed its sent version, and its lead', async () => {
    expect(await signing()).toEqual(expected());
  });

  it('rebuilds the same mandates, as the previous rebuild did', async () => {
    const db = sut.dataSource();
    await db.query('SELECT statistics_rebuild()');
    expect(await signing()).toEqual(expected());
    const joint: Array<{ communication_id: string; joint: boolean }> = await db.query(
      `SELECT communication_id, joint FROM statistics_letter WHERE communication_id = ANY ($1) ORDER BY 1`,
      [[letter.cosigned, letter.earlierVersion]],
    );
    expect(Object.fromEntries(joint.map((row) => [row.communication_id, row.joint]))).toEqual({
      [letter.cosigned]: true,
      [letter.earlierVersion]: false,
    });

    const runner = db.createQueryRunner();
    try {
      await new StatisticsRebuildLean1798100000000().down(runner);
      await db.query('SELECT statistics_rebuild()');
      expect(await signing()).toEqual(expected());
    } finally {
      await new StatisticsRebuildLean1798100000000().up(runner);
      await runner.release();
    }
  });
});
