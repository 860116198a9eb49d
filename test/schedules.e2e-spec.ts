import { QueueEvents } from 'bullmq';
import { DataSource } from 'typeorm';
import { TransactionHost } from '@spcomms/database';
import { QueueName } from '@spcomms/queue';
import {
  ScheduleReconciler,
  ScheduleRelay,
  ScheduleRunner,
  ScheduleState,
  SchedulesErrorCode,
  SchedulesService,
} from '@spcomms/schedules';
import { SmtpTestServer, TestClock, TestResources } from '@spcomms/testing';
import { ScheduleRepository } from '../libs/schedules/src/schedule.repository';
import { InProcessWorker, count, createWorkerResources, startWorker, waitUntil, watchQueue } from './faults/support';
import { TEST_EFFECT_TABLE, TEST_REMINDER, TestReminderHandler } from './faults/test-reminder.handler';

describe('schedules engine', () => {
  let resources: TestResources;
  let smtp: SmtpTestServer;
  let worker: InProcessWorker;
  let clock: TestClock;
  let db: DataSource;
  let events: QueueEvents;
  let schedules: SchedulesService;
  let tx: TransactionHost;
  let subjectNumber = 0;

  const nextSubject = () => ({ type: 'test_subject', id: `subject-${++subjectNumber}` });
  const effects = (subjectId: string) =>
    count(
      db,
      `SELECT count(*) AS n FROM test_effect e JOIN schedule s ON s.id = e.schedule_id WHERE s.subject_id = $1`,
      [subjectId],
    );
  const rowsOf = async (subjectId: string) =>
    (await db.query(
      `SELECT id, kind, due_at, state, attempts, last_error FROM schedule WHERE subject_id = $1 ORDER BY due_at`,
      [subjectId],
    )) as Array<{
      id: string;
      kind: string;
      due_at: Date;
      state: string;
      attempts: number;
      last_error: string | null;
    }>;
  const plan = (subject: { type: string; id: string }, dueAt: Date, payload: Record<string, unknown> = {}) =>
    tx.run(() => schedules.plan(TEST_REMINDER, subject, dueAt, payload));
  const waitForState = (subjectId: string, state: string) =>
    waitUntil(async () => (await rowsOf(subjectId)).every((row) => row.state === state), {
      triggers: [events],
      what: `${subjectId} ${state}`,
    });

  beforeAll(async () => {
    smtp = await SmtpTestServer.start();
    clock = new TestClock('2026-03-02T09:00:00Z');
    resources = await createWorkerResources({ SMTP_URL: smtp.url, SCHEDULE_MAX_ATTEMPTS: '3' }, clock);
    worker = await startWorker(resources, { scheduleHandlers: [TestReminderHandler] });
    db = worker.dataSource;
    await db.query(TEST_EFFECT_TABLE);
    events = await watchQueue(resources.config, QueueName.Schedules);
    schedules = worker.get(SchedulesService);
    tx = worker.get(TransactionHost);
  });

  afterAll(async () => {
    await events?.close();
    await worker?.close();
    await resources?.release();
    await smtp?.stop();
  });

  it('runs a planned row once when the clock reaches it, and not before', async () => {
    const subject = nextSubject();
    const dueAt = new Date('2026-03-04T09:00:00Z');
    await plan(subject, dueAt, { to: 'focal.point@mission.example', language: 'fr' });

    // Two days ahead: outside the horizon, nothing is enqueued and nothing runs.
    expect((await worker.get(ScheduleReconciler).run()).added).toBe(0);
    expect(await effects(subject.id)).toBe(0);

    // Ten minutes before: within the horizon, a delayed job waits in Redis; a run now does nothing.
    clock.set('2026-03-04T08:50:00Z');
    expect((await worker.get(ScheduleReconciler).run()).added).toBe(1);
    const [row] = await db.query(`SELECT id FROM schedule WHERE subject_id = $1`, [subject.id]);
    await expect(worker.get(ScheduleRunner).run(row.id)).resolves.toBe('not_due');
    expect((await rowsOf(subject.id))[0].state).toBe(ScheduleState.Pending);

    // At the due time the reconciler brings the delayed job forward; it runs once.
    clock.set(dueAt);
    expect((await worker.get(ScheduleReconciler).run()).advanced).toBe(1);
    await waitForState(subject.id, ScheduleState.Done);
    expect(await effects(subject.id)).toBe(1);

    // The reminder e-mail went out, in French, once.
    await smtp.waitForCount(1);
    const mail = smtp.received.find((message) => message.to.includes('focal.point@mission.example'));
    expect(mail?.subject).toMatch(/^Rappel : réponse à TEST /);
    expect(mail?.text).toContain('Procédures spéciales');
    expect(mail?.messageId).toMatch(/^<outbox\.[0-9a-f-]{36}@spcomms\.local>$/);

    // Running the row again, by a stray job, changes nothing.
    await expect(worker.get(ScheduleRunner).run(row.id)).resolves.toBe('not_pending');
    expect((await worker.get(ScheduleReconciler).run()).added).toBe(0);
    expect(await effects(subject.id)).toBe(1);
  });

  it('plans idempotently: the same kind, subject and time is one row', async () => {
    const subject = nextSubject();
    const dueAt = new Date(clock.now().getTime() + 3 * 86_400_000);
    await plan(subject, dueAt);
    await plan(subject, dueAt);
    await tx.run(() => schedules.planMany(subject, [{ kind: TEST_REMINDER, dueAt }]));
    expect(await rowsOf(subject.id)).toHaveLength(1);
  });

  it('refuses an undeclared kind and a plan outside a transaction', async () => {
    await expect(tx.run(() => schedules.plan('test.undeclared', nextSubject(), clock.now()))).rejects.toMatchObject({
      code: SchedulesErrorCode.UndeclaredKind,
    });
    await expect(schedules.plan(TEST_REMINDER, nextSubject(), clock.now())).rejects.toThrow(
      /inside the caller's transaction/,
    );
  });

  it('writes the rows planned at commit together with the COMMIT, relays them once committed, and none when it rolls back', async () => {
    const [first, second, rolledBack] = [nextSubject(), nextSubject(), nextSubject()];
    const dueAt = new Date(clock.now().getTime() + 3_600_000);
    const insert = jest.spyOn(worker.get(ScheduleRepository), 'insertStatements');
    const relayed = jest.spyOn(worker.get(ScheduleRelay), 'relayPlanned');
    try {
      await tx.run(async () => {
        schedules.planAtCommit(first, [{ kind: TEST_REMINDER, dueAt }]);
        schedules.planAtCommit(second, [
          { kind: TEST_REMINDER, dueAt },
          { kind: TEST_REMINDER, dueAt: new Date(dueAt.getTime() + 60_000) },
        ]);
        // Not written yet: reads in the transaction do not see them.
        expect(await schedules.listForSubject(first)).toEqual([]);
      });
      expect(insert).toHaveBeenCalledTimes(1);
      expect(insert.mock.calls[0][0].map((row) => row.subjectId)).toEqual([first.id, second.id, second.id]);
      const written = [...(await rowsOf(first.id)), ...(await rowsOf(second.id))];
      expect(written.map((row) => row.state)).toEqual([
        ScheduleState.Pending,
        ScheduleState.Pending,
        ScheduleState.Pending,
      ]);
      // The queue hears of the three rows the statement answered.
      expect(relayed).toHaveBeenCalledTimes(1);
      expect(relayed.mock.calls[0][0].map((row) => row.id).sort()).toEqual(written.map((row) => row.id).sort());
    } finally {
      insert.mockRestore();
      relayed.mockRestore();
    }

    await expect(
      tx.run(async () => {
        schedules.planAtCommit(rolledBack, [{ kind: TEST_REMINDER, dueAt }]);
        throw new Error('the sending failed');
      }),
    ).rejects.toThrow('the sending failed');
    expect(await rowsOf(rolledBack.id)).toEqual([]);
    // An undeclared kind is refused at once, not at the commit.
    await expect(
      tx.run(async () => schedules.planAtCommit(nextSubject(), [{ kind: 'nope', dueAt }])),
    ).rejects.toMatchObject({ code: SchedulesErrorCode.UndeclaredKind });
  });

  it('never runs cancelled rows', async () => {
    const subject = nextSubject();
    const dueAt = new Date(clock.now().getTime() + 5 * 60_000);
    await plan(subject, dueAt);
    await plan(subject, new Date(dueAt.getTime() + 86_400_000));
    expect(await tx.run(() => schedules.cancelPending(subject))).toBe(2);

    clock.set(new Date(dueAt.getTime() + 2 * 86_400_000));
    await worker.get(ScheduleReconciler).run();
    const [row] = await db.query(`SELECT id FROM schedule WHERE subject_id = $1 ORDER BY due_at LIMIT 1`, [subject.id]);
    // Even a job left in Redis from before the cancellation does nothing.
    await expect(worker.get(ScheduleRunner).run(row.id)).resolves.toBe('not_pending');
    expect(await effects(subject.id)).toBe(0);
    expect((await schedules.listForSubject(subject)).map((schedule) => schedule.state)).toEqual([
      'cancelled',
      'cancelled',
    ]);
  });

  it('replans an extended deadline: the old time never fires, the new one fires once; moving back revives the old row', async () => {
    const subject = nextSubject();
    const first = new Date(clock.now().getTime() + 86_400_000);
    const extended = new Date(first.getTime() + 7 * 86_400_000);
    await plan(subject, first);

    await tx.run(() => schedules.replan(subject, [TEST_REMINDER], [{ kind: TEST_REMINDER, dueAt: extended }]));
    expect((await rowsOf(subject.id)).map((row) => row.state)).toEqual(['cancelled', 'pending']);

    // Back to the first date, then forward again: one pending row at each step, never two.
    await tx.run(() => schedules.replan(subject, [TEST_REMINDER], [{ kind: TEST_REMINDER, dueAt: first }]));
    expect((await rowsOf(subject.id)).map((row) => row.state)).toEqual(['pending', 'cancelled']);
    await tx.run(() => schedules.replan(subject, [TEST_REMINDER], [{ kind: TEST_REMINDER, dueAt: extended }]));
    expect((await rowsOf(subject.id)).map((row) => row.state)).toEqual(['cancelled', 'pending']);

    clock.set(new Date(first.getTime() + 60_000));
    await worker.get(ScheduleReconciler).run();
    expect(await effects(subject.id)).toBe(0);

    clock.set(extended);
    await worker.get(ScheduleReconciler).run();
    await waitUntil(async () => (await rowsOf(subject.id))[1].state === ScheduleState.Done, { triggers: [events] });
    expect(await effects(subject.id)).toBe(1);
    expect((await rowsOf(subject.id)).map((row) => row.state)).toEqual(['cancelled', 'done']);
  });

  it('retries a failing handler with back-off, then marks the row failed', async () => {
    const subject = nextSubject();
    await plan(subject, clock.now(), { fail: true });
    await waitUntil(async () => (await rowsOf(subject.id))[0].attempts === 1, {
      triggers: [events],
      what: 'first failure',
    });
    const [afterFirst] = await rowsOf(subject.id);
    expect(afterFirst).toMatchObject({ state: 'pending', last_error: 'Error: test handler told to fail' });
    // The failed run's write was rolled back with it.
    expect(await effects(subject.id)).toBe(0);

    // Not retried before its back-off (30 s, then 60 s) by the clock.
    clock.advance({ seconds: 31 });
    await worker.get(ScheduleReconciler).run();
    await waitUntil(async () => (await rowsOf(subject.id))[0].attempts === 2, {
      triggers: [events],
      what: 'second failure',
    });
    clock.advance({ seconds: 61 });
    await worker.get(ScheduleReconciler).run();
    await waitForState(subject.id, ScheduleState.Failed);
    expect((await rowsOf(subject.id))[0]).toMatchObject({ state: 'failed', attempts: 3 });
  });

  it('marks a row of a kind without handler failed, loudly, and goes on', async () => {
    const [row] = await db.query(
      `INSERT INTO schedule (kind, subject_type, subject_id, due_at, created_at) VALUES ('test.unhandled', 'test_subject', 'orphan', $1, $1) RETURNING id`,
      [clock.now()],
    );
    await worker.get(ScheduleReconciler).run();
    await waitForState('orphan', ScheduleState.Failed);
    expect((await rowsOf('orphan'))[0].last_error).toBe('No handler for schedule kind test.unhandled');
    await expect(worker.get(ScheduleRunner).run(row.id)).resolves.toBe('not_pending');
  });

  it('relays rows as they enter the horizon on its timer tick', async () => {
    const subject = nextSubject();
    await plan(subject, new Date(clock.now().getTime() + 3600_000));
    const relay = worker.get(ScheduleRelay);
    await relay.tick();
    expect(await effects(subject.id)).toBe(0);
    clock.advance({ minutes: 50 });
    expect((await relay.tick()).added).toBe(1);
    clock.advance({ minutes: 10 });
    await worker.get(ScheduleReconciler).run();
    await waitForState(subject.id, ScheduleState.Done);
    expect(await effects(subject.id)).toBe(1);
  });
});
