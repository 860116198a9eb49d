import { systemActor } from '@spcomms/access';
import { TransactionHost } from '@spcomms/database';
import { TestContext, createTestContext } from '@spcomms/testing';
import { AuditAnchorService } from './audit-anchor.service';
import { chainHash, contentDigest } from './audit-hash';
import { AuditVerifierService } from './audit-verifier.service';
import { AuditService } from './audit.service';

interface EventRow {
  seq: string;
  subject_seq: string;
  prev_hash: string | null;
  hash: string;
  after: Record<string, unknown> | null;
}

describe('audit log', () => {
  let sut: AuditService;
  let verifier: AuditVerifierService;
  let tx: TransactionHost;
  let context: TestContext;

  beforeAll(async () => {
    context = await createTestContext();
    sut = context.get(AuditService);
    verifier = context.get(AuditVerifierService);
    tx = context.get(TransactionHost);
  });
  afterAll(() => context.close());

  const actor = systemActor('audit-test');
  const append = (id: string, after: unknown = { n: id }) =>
    tx.run(() => sut.record(actor, { action: 'test.append', subject: { type: 'test', id }, after }));
  const chainOf = (id: string): Promise<EventRow[]> =>
    context.dataSource.query(
      `SELECT seq::text AS seq, subject_seq::text AS subject_seq, prev_hash, hash, after FROM audit_event
        WHERE subject_type = 'test' AND subject_id = $1 ORDER BY audit_event.subject_seq`,
      [id],
    );
  const expectLinked = (chain: EventRow[]) =>
    chain.forEach((event, index) => {
      expect(event.subject_seq).toBe(String(index + 1));
      expect(event.prev_hash).toBe(index === 0 ? null : chain[index - 1].hash);
    });

  it('refuses to record outside a transaction', async () => {
    await expect(sut.record(actor, { action: 'test.loose', subject: { type: 'test', id: 'loose' } })).rejects.toThrow(
      /inside a transaction/,
    );
  });

  it("stores who, what, before and after, linked to the subject's event before it", async () => {
    await append('first', { title: 'Before' });
    await tx.run(() =>
      sut.record(actor, {
        action: 'test.change',
        subject: { type: 'test', id: 'first' },
        before: { title: 'Before' },
        after: { title: 'After', at: new Date('2026-03-02T09:00:00Z') },
      }),
    );
    const history = await sut.history({ type: 'test', id: 'first' });
    expect(history.map((event) => event.action)).toEqual(['test.append', 'test.change']);
    expect(history[1]).toMatchObject({
      actorType: 'system',
      actorId: null,
      actorLabel: 'audit-test',
      before: { title: 'Before' },
      after: { title: 'After', at: '2026-03-02T09:00:00.000Z' },
      occurredAt: context.clock.now(),
      subjectSeq: '2',
      prevHash: history[0].hash,
    });
    expect(BigInt(history[1].seq)).toBeGreaterThan(BigInt(history[0].seq));
    // The link computed by the database is the one the verifier recomputes.
    expect(history[1].hash).toBe(chainHash(history[0].hash, '2', contentDigest(history[1])));
  });

  it("keeps no event of a transaction that rolled back, and leaves no gap in the subject's chain", async () => {
    await append('rollback');
    await expect(
      tx.run(async () => {
        await sut.record(actor, { action: 'test.rolled_back', subject: { type: 'test', id: 'rollback' } });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    await append('rollback', { n: 'after' });
    const chain = await chainOf('rollback');
    expect(chain.map((event) => event.after)).toEqual([{ n: 'rollback' }, { n: 'after' }]);
    expectLinked(chain);
  });

  describe('the database', () => {
    beforeAll(async () => {
      await append('protected');
      await context.get(AuditAnchorService).anchor();
    });

    it.each([
      ['audit_event', 'UPDATE', `UPDATE audit_event SET action = 'forged'`],
      ['audit_event', 'DELETE', 'DELETE FROM audit_event'],
      ['audit_event', 'TRUNCATE', 'TRUNCATE audit_event'],
      ['audit_anchor_head', 'UPDATE', `UPDATE audit_anchor_head SET hash = repeat('0', 64)`],
      ['audit_anchor_head', 'DELETE', 'DELETE FROM audit_anchor_head'],
      ['audit_anchor_head', 'TRUNCATE', 'TRUNCATE audit_anchor_head'],
      ['audit_anchor', 'UPDATE', `UPDATE audit_anchor SET hash = repeat('0', 64)`],
      ['audit_anchor', 'DELETE', 'DELETE FROM audit_anchor'],
    ])('refuses %s %s', async (table, operation, sql) => {
      const count = async () =>
        (await context.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;
      const before = await count();
      expect(before).toBeGreaterThan(0);
      await expect(context.dataSource.query(sql)).rejects.toMatchObject({
        message: `${table} is append-only: ${operation} refused`,
        driverError: expect.objectContaining({ code: '42501' }),
      });
      await expect(count()).resolves.toBe(before);
    });
  });

  it('forms a gapless chain per subject when 20 appends to one subject and 20 to others run concurrently', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, index) => [append('crowded', { n: index }), append(`alone-${index}`)]).flat(),
    );
    const crowded = await chainOf('crowded');
    expect(crowded).toHaveLength(20);
    expectLinked(crowded);
    expect(new Set(crowded.map((event) => (event.after as { n: number }).n)).size).toBe(20);
    for (let index = 0; index < 20; index++) {
      expectLinked(await chainOf(`alone-${index}`));
    }
    await expect(verifier.verify()).resolves.toMatchObject({ ok: true });
  });

  it('chains the events of one transaction in the order recorded, each on its subject, seq in that order', async () => {
    await tx.run(async () => {
      for (const [step, id] of [
        ['one', 'ordered'],
        ['two', 'a-ordered-other'],
        ['three', 'ordered'],
        ['four', 'ordered'],
      ]) {
        await sut.record(actor, { action: `test.step_${step}`, subject: { type: 'test', id } });
      }
    });
    const history = await sut.history({ type: 'test', id: 'ordered' });
    expect(history.map((event) => event.action)).toEqual(['test.step_one', 'test.step_three', 'test.step_four']);
    expect(history.map((event) => event.subjectSeq)).toEqual(['1', '2', '3']);
    expect(history[1].prevHash).toBe(history[0].hash);
    expect(history[2].prevHash).toBe(history[1].hash);
    expectLinked(await chainOf('a-ordered-other'));
    // seq follows the order recorded, not the order in which the subjects' heads are locked.
    const [other] = await sut.history({ type: 'test', id: 'a-ordered-other' });
    expect(BigInt(other.seq)).toBeGreaterThan(BigInt(history[0].seq));
  });

  /**
   * A transaction that has appended its events and waits, its COMMIT sent behind them, for `release`:
   * the statement registered after the audit's write takes an advisory lock that another connection
   * holds. `holding` resolves once the server shows the transaction waiting for it.
   */
  let heldKey = 0x5a_0e00;
  const holdBeforeCommit = async (id: string) => {
    const key = ++heldKey;
    const holder = context.dataSource.createQueryRunner();
    await holder.query('SELECT pg_advisory_lock($1)', [key]);
    const done = tx.run(async () => {
      await sut.record(actor, { action: 'test.held', subject: { type: 'test', id } });
      tx.atCommit(() => [{ text: 'SELECT pg_advisory_xact_lock($1)', values: [key] }]);
    });
    const waiting = async (): Promise<boolean> =>
      (
        await context.dataSource.query(
          `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND NOT granted`,
          [key],
        )
      )[0].n === 1;
    while (!(await waiting())) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    const release = async () => {
      await holder.query('SELECT pg_advisory_unlock($1)', [key]);
      await holder.release();
    };
    return { release, done };
  };

  it('does not make an append to another subject wait for a transaction that appended and has not committed', async () => {
    const held = await holdBeforeCommit('held');
    // With one lock for every append, this would wait for the held transaction to commit.
    await append('not-waiting');
    await expect(chainOf('not-waiting')).resolves.toHaveLength(1);
    await held.release();
    await held.done;
    await expect(verifier.verify()).resolves.toMatchObject({ ok: true });
  });

  it('chains an append to the same subject after a transaction that appended first and has not committed', async () => {
    const held = await holdBeforeCommit('same');
    const waiting = append('same', { n: 'second' });
    await held.release();
    await Promise.all([held.done, waiting]);
    const chain = await chainOf('same');
    expect(chain.map((event) => event.after)).toEqual([null, { n: 'second' }]);
    expectLinked(chain);
  });

  it('does not hold a subject while a transaction that recorded an event is still at work', async () => {
    let finishWork!: () => void;
    const workDone = new Promise<void>((resolve) => (finishWork = resolve));
    let recorded!: () => void;
    const slowRecorded = new Promise<void>((resolve) => (recorded = resolve));
    const slow = tx.run(async () => {
      await sut.record(actor, { action: 'test.slow', subject: { type: 'test', id: 'busy' } });
      recorded();
      await workDone;
    });
    await slowRecorded;
    // With the head taken at record time, this append would wait for the slow transaction to end.
    await append('busy', { n: 'fast' });
    finishWork();
    await slow;
    const chain = await chainOf('busy');
    expect(chain.map((event) => event.after)).toEqual([{ n: 'fast' }, null]);
    expectLinked(chain);
    await expect(verifier.verify()).resolves.toMatchObject({ ok: true });
  });
});
