import { DataSource } from 'typeorm';
import { ScheduleBatcher, ScheduleRunner } from '@spcomms/schedules';
import { TestClock, TestResources } from '@spcomms/testing';
import { InProcessWorker, createWorkerResources, startWorker } from './support';
import { TEST_EFFECT_TABLE, TestReminderHandler } from './test-reminder.handler';

/**
 * A batch of schedule runs shares one transaction: when one handler fails, nothing of the batch
 * commits, every other row then runs on its own and is done once, and only the failing row counts a
 * failed attempt.
 */
describe('a failing handler inside a batch of schedule runs', () => {
  let resources: TestResources;
  let worker: InProcessWorker;
  let db: DataSource;

  beforeAll(async () => {
    resources = await createWorkerResources({}, new TestClock('2026-03-02T09:00:00Z'));
    worker = await startWorker(resources, { scheduleHandlers: [TestReminderHandler] });
    db = worker.dataSource;
    await db.query(TEST_EFFECT_TABLE);
  });

  afterAll(async () => {
    await worker?.close();
    await resources?.release();
  });

  /** Rows due already, written straight into the table (no job: the test runs them itself). */
  async function plant(prefix: string, failing: number[], total: number): Promise<string[]> {
    const rows: Array<{ id: string }> = await db.query(
      `INSERT INTO schedule (kind, subject_type, subject_id, due_at, payload, created_at)
       SELECT 'test.reminder', 'communication', $1 || i, $2, CASE WHEN i = ANY($3::int[]) THEN '{"fail": true}'::jsonb ELSE '{}'::jsonb END, $2
         FROM generate_series(1, $4::int) i
       RETURNING id`,
      [prefix, new Date('2026-03-02T08:00:00Z'), failing, total],
    );
    return rows.map((row) => row.id);
  }

  const effects = async (ids: string[]) =>
    (await db.query(`SELECT schedule_id FROM test_effect WHERE schedule_id = ANY($1::uuid[])`, [ids])).map(
      (row: { schedule_id: string }) => row.schedule_id,
    );
  const states = async (ids: string[]) =>
    Object.fromEntries(
      (await db.query(`SELECT id, state, attempts FROM schedule WHERE id = ANY($1::uuid[])`, [ids])).map(
        (row: { id: string; state: string; attempts: number }) => [row.id, `${row.state}/${row.attempts}`],
      ),
    );

  it('runs the other rows once each and counts one failed attempt for the failing row', async () => {
    const ids = await plant('batch-', [3], 6);

    const results = await worker
      .get(ScheduleRunner)
      .runMany(ids.map((scheduleId) => ({ scheduleId, jobId: `test:${scheduleId}` })));

    expect(results.map((result) => result.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
      'fulfilled',
    ]);
    expect(results.filter((result) => result.status === 'fulfilled').map((result) => result.value)).toEqual([
      'done',
      'done',
      'done',
      'done',
      'done',
    ]);
    expect((await effects(ids)).sort()).toEqual(ids.filter((_, index) => index !== 2).sort());
    expect(await states(ids)).toEqual(
      Object.fromEntries(ids.map((id, index) => [id, index === 2 ? 'pending/1' : 'done/0'])),
    );
  });

  it('answers each job of a batch gathered by the batcher with its own outcome', async () => {
    const ids = await plant('gathered-', [2], 5);
    const again = ids[0];

    const outcomes = await Promise.allSettled(
      [...ids, again].map((id) => worker.get(ScheduleBatcher).run(id, `test:${id}`)),
    );

    expect(outcomes.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value : 'error'))).toEqual([
      'done',
      'error',
      'done',
      'done',
      'done',
      'not_pending',
    ]);
    expect((await effects(ids)).sort()).toEqual(ids.filter((_, index) => index !== 1).sort());
    expect(await states(ids)).toEqual(
      Object.fromEntries(ids.map((id, index) => [id, index === 1 ? 'pending/1' : 'done/0'])),
    );
  });
});
