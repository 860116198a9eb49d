import { systemActor } from '@spcomms/access';
import { TransactionHost } from '@spcomms/database';
import { TestContext, createTestContext } from '@spcomms/testing';
import { auditHash } from './audit-hash';
import { AuditVerifierService } from './audit-verifier.service';
import { AuditService } from './audit.service';

interface EventRow {
  seq: string;
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
  const events = (): Promise<EventRow[]> =>
    context.dataSource.query(
      'SELECT seq::text AS seq, prev_hash, hash, after FROM audit_event ORDER BY audit_event.seq',
    );
  const asSuperuser = async (sql: string, parameters: unknown[] = []) => {
    // Only someone who owns the table can switch its triggers off: this is what tampering takes.
    await context.dataSource.query('ALTER TABLE audit_event DISABLE TRIGGER USER');
    try {
      await context.dataSource.query(sql, parameters);
    } finally {
      await context.dataSource.query('ALTER TABLE audit_event ENABLE TRIGGER USER');
    }
  };

  it('refuses to record outside a transaction', async () => {
    await expect(sut.record(actor, { action: 'test.loose', subject: { type: 'test', id: 'loose' } })).rejects.toThrow(
      /inside a transaction/,
    );
  });

  it('stores who, what, before and after, linked to the previous event', async () => {
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
      prevHash: history[0].hash,
    });
    expect(BigInt(history[1].seq)).toBe(BigInt(history[0].seq) + 1n);
  });

  it('keeps no event of a transaction that rolled back, and leaves no gap', async () => {
    const before = await events();
    await expect(
      tx.run(async () => {
        await sut.record(actor, { action: 'test.rolled_back', subject: { type: 'test', id: 'rollback' } });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    await append('after-rollback');
    const after = await events();
    expect(after).toHaveLength(before.length + 1);
    expect(after[after.length - 1].seq).toBe(String(before.length + 1));
    await expect(sut.history({ type: 'test', id: 'rollback' })).resolves.toEqual([]);
  });

  describe('the database', () => {
    beforeAll(() => append('protected'));

    it.each([
      ['UPDATE', `UPDATE audit_event SET action = 'forged' WHERE seq = 1`],
      ['DELETE', 'DELETE FROM audit_event WHERE seq = 1'],
      ['TRUNCATE', 'TRUNCATE audit_event'],
    ])('refuses %s on audit_event', async (operation, sql) => {
      const before = await events();
      await expect(context.dataSource.query(sql)).rejects.toMatchObject({
        message: `audit_event is append-only: ${operation} refused`,
        driverError: expect.objectContaining({ code: '42501' }),
      });
      await expect(events()).resolves.toEqual(before);
    });
  });

  it('forms a gapless chain when 20 appends run concurrently', async () => {
    const before = await events();
    await Promise.all(Array.from({ length: 20 }, (_, index) => append(`concurrent-${index}`)));

    const after = await events();
    expect(after).toHaveLength(before.length + 20);
    after.forEach((event, index) => {
      expect(event.seq).toBe(String(index + 1));
      expect(event.prev_hash).toBe(index === 0 ? null : after[index - 1].hash);
    });
    const ids = new Set(after.slice(before.length).map((event) => (event.after as { n: string }).n));
    expect(ids.size).toBe(20);
    await expect(verifier.verify()).resolves.toEqual({ ok: true, events: after.length });
  });

  it('chains the events of one transaction in the order recorded', async () => {
    await tx.run(async () => {
      for (const step of ['one', 'two', 'three']) {
        await sut.record(actor, { action: `test.step_${step}`, subject: { type: 'test', id: 'ordered' } });
      }
    });
    const history = await sut.history({ type: 'test', id: 'ordered' });
    expect(history.map((event) => event.action)).toEqual(['test.step_one', 'test.step_two', 'test.step_three']);
    expect(history[1].prevHash).toBe(history[0].hash);
    expect(history[2].prevHash).toBe(history[1].hash);
    expect(BigInt(history[2].seq)).toBe(BigInt(history[0].seq) + 2n);
  });

  it('does not hold the chain while a transaction that recorded an event is still at work', async () => {
    let finishWork!: () => void;
    const workDone = new Promise<void>((resolve) => (finishWork = resolve));
    let recorded!: () => void;
    const slowRecorded = new Promise<void>((resolve) => (recorded = resolve));
    const slow = tx.run(async () => {
      await sut.record(actor, { action: 'test.slow', subject: { type: 'test', id: 'slow' } });
      recorded();
      await workDone;
    });
    await slowRecorded;
    // With the lock taken at record time, this append would wait for the slow transaction to end.
    await append('not-blocked');
    await expect(sut.history({ type: 'test', id: 'not-blocked' })).resolves.toHaveLength(1);
    finishWork();
    await slow;
    const [fast] = await sut.history({ type: 'test', id: 'not-blocked' });
    const [late] = await sut.history({ type: 'test', id: 'slow' });
    expect(BigInt(late.seq)).toBe(BigInt(fast.seq) + 1n);
    await expect(verifier.verify()).resolves.toMatchObject({ ok: true });
  });

  describe('verification', () => {
    it('finds an altered event and names its seq', async () => {
      for (let index = 0; index < 5; index++) {
        await append(`tamper-${index}`);
      }
      const all = await events();
      const victim = all[all.length - 3];
      await expect(verifier.verify()).resolves.toEqual({ ok: true, events: all.length });

      await asSuperuser(`UPDATE audit_event SET after = '{"n": "rewritten"}' WHERE seq = $1`, [victim.seq]);
      const result = await verifier.verify();
      expect(result).toMatchObject({ ok: false, brokenAt: victim.seq, reason: expect.stringContaining('altered') });

      // Putting the content back restores the chain: the hash covers exactly the content.
      await asSuperuser('UPDATE audit_event SET after = $1 WHERE seq = $2', [JSON.stringify(victim.after), victim.seq]);
      await expect(verifier.verify()).resolves.toEqual({ ok: true, events: all.length });
    });

    it('finds an altered event whose hash was recomputed, at the event after it', async () => {
      await append('forged', { n: 'forged' });
      await append('forged-next');
      const [victim] = await sut.history({ type: 'test', id: 'forged' });
      const forgedHash = auditHash({ ...victim, after: { n: 'rewritten' } });
      await asSuperuser(`UPDATE audit_event SET after = '{"n": "rewritten"}', hash = $1 WHERE seq = $2`, [
        forgedHash,
        victim.seq,
      ]);

      const result = await verifier.verify();
      expect(result).toMatchObject({
        ok: false,
        brokenAt: String(BigInt(victim.seq) + 1n),
        reason: expect.stringContaining('previous-hash does not match'),
      });
      await asSuperuser('UPDATE audit_event SET after = $1, hash = $2 WHERE seq = $3', [
        JSON.stringify(victim.after),
        victim.hash,
        victim.seq,
      ]);
      await expect(verifier.verify()).resolves.toMatchObject({ ok: true });
    });

    it('finds a deleted event and names the missing seq', async () => {
      await append('deleted-next');
      const all = await events();
      const victim = all[all.length - 2];
      await asSuperuser('DELETE FROM audit_event WHERE seq = $1', [victim.seq]);

      const result = await verifier.verify();
      const following = String(BigInt(victim.seq) + 1n);
      expect(result).toEqual({
        ok: false,
        events: Number(victim.seq),
        brokenAt: following,
        reason: `expected event ${victim.seq}, found ${following} (an event is missing)`,
      });
    });
  });
});
