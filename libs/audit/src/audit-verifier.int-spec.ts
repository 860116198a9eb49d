import { systemActor } from '@spcomms/access';
import { TransactionHost } from '@spcomms/database';
import { TestContext, createTestContext } from '@spcomms/testing';
import { AuditAnchorService } from './audit-anchor.service';
import { auditHash, chainHash, contentDigest } from './audit-hash';
import { AuditVerifierService } from './audit-verifier.service';
import { AuditService } from './audit.service';

interface EventRow {
  seq: string;
  subject_id: string;
  subject_seq: string;
  prev_hash: string | null;
  hash: string;
  after: Record<string, unknown> | null;
}

describe('audit verification', () => {
  let sut: AuditVerifierService;
  let audit: AuditService;
  let anchors: AuditAnchorService;
  let tx: TransactionHost;
  let context: TestContext;

  beforeAll(async () => {
    context = await createTestContext();
    sut = context.get(AuditVerifierService);
    audit = context.get(AuditService);
    anchors = context.get(AuditAnchorService);
    tx = context.get(TransactionHost);
  });
  afterAll(() => context.close());

  const actor = systemActor('audit-test');
  const append = (id: string, n: number) =>
    tx.run(() => audit.record(actor, { action: 'test.append', subject: { type: 'test', id }, after: { n } }));
  /** A subject with five events; another subject's events around them. */
  const fiveEvents = async (id: string): Promise<EventRow[]> => {
    for (let n = 1; n <= 5; n++) {
      await append(id, n);
      await append(`${id}-neighbour`, n);
    }
    return context.dataSource.query(
      `SELECT seq::text AS seq, subject_id, subject_seq::text AS subject_seq, prev_hash, hash, after FROM audit_event
        WHERE subject_type = 'test' AND subject_id = $1 ORDER BY audit_event.subject_seq`,
      [id],
    );
  };
  const db = (sql: string, parameters: unknown[] = []) => context.dataSource.query(sql, parameters);
  /**
   * Runs `sql` as the table's owner with its triggers off (what tampering takes), then `restore` the
   * same way once `check` has run, so that the next test starts from an intact log.
   */
  const tampered = async (sql: string[], check: () => Promise<void>, restore: string[]) => {
    const asOwner = async (statements: string[]) => {
      await db('ALTER TABLE audit_event DISABLE TRIGGER USER');
      try {
        for (const statement of statements) {
          await db(statement);
        }
      } finally {
        await db('ALTER TABLE audit_event ENABLE TRIGGER USER');
      }
    };
    await asOwner(sql);
    try {
      await check();
    } finally {
      await asOwner(restore);
      await expect(sut.verify()).resolves.toMatchObject({ ok: true });
    }
  };
  /** The SQL of a row as it is, to put it back. */
  const reinsert = (event: EventRow) =>
    `INSERT INTO audit_event SELECT * FROM audit_event_saved WHERE seq = ${event.seq}`;
  const save = () => db('CREATE TABLE IF NOT EXISTS audit_event_saved AS TABLE audit_event WITH NO DATA');
  const keep = async (event: EventRow) => {
    await save();
    await db('INSERT INTO audit_event_saved SELECT * FROM audit_event WHERE seq = $1', [event.seq]);
  };

  it('verifies the global chain of the events written before the subject chains (runs first)', async () => {
    const fields = {
      occurredAt: new Date('2026-01-05T10:00:00.000Z'),
      actorType: 'system',
      actorId: null,
      actorLabel: 'before',
      action: 'test.global',
      subjectType: 'test',
      subjectId: 'global',
      before: null,
      after: null,
    };
    const [{ n }] = await db('SELECT count(*)::int AS n FROM audit_event WHERE subject_seq IS NULL');
    expect(n).toBe(0);
    const first = { ...fields, seq: '1', prevHash: null };
    const second = { ...fields, seq: '2', prevHash: auditHash(first) };
    for (const event of [first, second]) {
      await db(
        `INSERT INTO audit_event (seq, occurred_at, actor_type, actor_label, action, subject_type, subject_id, prev_hash, hash)
         VALUES ($1, $2, 'system', 'before', 'test.global', 'test', 'global', $3, $4)`,
        [event.seq, event.occurredAt, event.prevHash, auditHash(event)],
      );
    }
    // As the migration that began the subject chains: their events take the seqs after these.
    await db(`SELECT setval('audit_event_seq_seq', 3, false)`);
    await expect(sut.verify()).resolves.toMatchObject({ ok: true, events: 2 });
    await tampered(
      [`UPDATE audit_event SET actor_label = 'forged' WHERE seq = 1`],
      async () => {
        await expect(sut.verify()).resolves.toMatchObject({ ok: false, brokenAt: '1' });
      },
      [`UPDATE audit_event SET actor_label = 'before' WHERE seq = 1`],
    );
  });

  it('answers how many events and anchors hold, and how many events no anchor seals yet', async () => {
    await append('counted', 1);
    const before = await sut.verify();
    expect(before).toMatchObject({ ok: true, unanchored: expect.any(Number) });
    expect(before.ok && before.unanchored).toBeGreaterThan(0);
    const anchored = await anchors.anchor();
    expect(anchored.seq).not.toBeNull();
    const after = await sut.verify();
    expect(after).toEqual({
      ok: true,
      events: before.events,
      anchors: (before.ok ? before.anchors : 0) + 1,
      unanchored: 0,
    });
    await expect(anchors.anchor()).resolves.toEqual({ seq: null, heads: 0 });
  });

  it("finds an altered event in one subject's chain and names its seq", async () => {
    const chain = await fiveEvents('altered');
    const victim = chain[2];
    await tampered(
      [`UPDATE audit_event SET after = '{"n": 99}' WHERE seq = ${victim.seq}`],
      async () => {
        await expect(sut.verify()).resolves.toMatchObject({
          ok: false,
          brokenAt: victim.seq,
          reason: expect.stringContaining('altered'),
        });
      },
      [`UPDATE audit_event SET after = '{"n": 3}' WHERE seq = ${victim.seq}`],
    );
  });

  it('finds an altered event whose hash was recomputed, at the next event of its subject', async () => {
    const chain = await fiveEvents('rehashed');
    const [victim, next] = [chain[1], chain[2]];
    const [row] = await audit.history({ type: 'test', id: 'rehashed' }).then((events) => events.slice(1, 2));
    const forged = chainHash(victim.prev_hash, victim.subject_seq, contentDigest({ ...row, after: { n: 99 } }));
    await tampered(
      [`UPDATE audit_event SET after = '{"n": 99}', hash = '${forged}' WHERE seq = ${victim.seq}`],
      async () => {
        await expect(sut.verify()).resolves.toMatchObject({
          ok: false,
          brokenAt: next.seq,
          reason: expect.stringContaining('previous-hash does not match'),
        });
      },
      [`UPDATE audit_event SET after = '{"n": 2}', hash = '${victim.hash}' WHERE seq = ${victim.seq}`],
    );
  });

  it("finds an event deleted from the middle of one subject's chain", async () => {
    const chain = await fiveEvents('deleted');
    const [victim, next] = [chain[1], chain[2]];
    await keep(victim);
    await tampered(
      [`DELETE FROM audit_event WHERE seq = ${victim.seq}`],
      async () => {
        await expect(sut.verify()).resolves.toMatchObject({
          ok: false,
          brokenAt: next.seq,
          reason: 'expected event 2 of test deleted, found 3 (an event is missing)',
        });
      },
      [reinsert(victim)],
    );
  });

  it("finds two events of one subject's chain swapped", async () => {
    const chain = await fiveEvents('swapped');
    const [second, third] = [chain[1], chain[2]];
    const place = (event: EventRow, subjectSeq: string) =>
      `UPDATE audit_event SET subject_seq = ${subjectSeq} WHERE seq = ${event.seq}`;
    await tampered(
      [place(second, '-1'), place(third, '2'), place(second, '3')],
      async () => {
        await expect(sut.verify()).resolves.toMatchObject({
          ok: false,
          brokenAt: third.seq,
          reason: expect.stringContaining('previous-hash does not match the event before it of test swapped'),
        });
      },
      [place(second, '-1'), place(third, '3'), place(second, '2')],
    );
  });

  it('finds the last event of a chain deleted, by its head', async () => {
    const chain = await fiveEvents('cut');
    const last = chain[4];
    await keep(last);
    await tampered(
      [`DELETE FROM audit_event WHERE seq = ${last.seq}`],
      async () => {
        await expect(sut.verify()).resolves.toMatchObject({
          ok: false,
          brokenAt: chain[3].seq,
          reason: expect.stringContaining('the head of test cut is its event 5, its chain ends at 4'),
        });
      },
      [reinsert(last)],
    );
  });

  it('finds a sealed chain rewritten to the end, head included, by its anchor', async () => {
    const chain = await fiveEvents('rewritten');
    const { seq: anchor } = await anchors.anchor();
    // Rewrite event 3 and every link after it, and the head: the chain itself holds again.
    const rows = await audit.history({ type: 'test', id: 'rewritten' });
    let prevHash = rows[1].hash;
    const forged: string[] = [];
    for (const row of rows.slice(2)) {
      const hash = chainHash(
        prevHash,
        row.subjectSeq as string,
        contentDigest({ ...row, after: { n: Number((row.after as { n: number }).n) + 100 } }),
      );
      forged.push(
        `UPDATE audit_event SET after = '{"n": ${Number((row.after as { n: number }).n) + 100}}', prev_hash = '${prevHash}', hash = '${hash}' WHERE seq = ${row.seq}`,
      );
      prevHash = hash;
    }
    forged.push(
      `UPDATE audit_subject_head SET hash = '${prevHash}' WHERE subject_type = 'test' AND subject_id = 'rewritten'`,
    );
    await tampered(forged, async () => {
      await expect(sut.verify()).resolves.toMatchObject({
        ok: false,
        brokenAt: `anchor ${anchor}`,
        reason: expect.stringContaining('sealed event 5 of test rewritten'),
      });
    }, [
      ...chain.map(
        (event) =>
          `UPDATE audit_event SET after = '${JSON.stringify(event.after)}', prev_hash = ${event.prev_hash ? `'${event.prev_hash}'` : 'NULL'}, hash = '${event.hash}' WHERE seq = ${event.seq}`,
      ),
      `UPDATE audit_subject_head SET hash = '${chain[4].hash}' WHERE subject_type = 'test' AND subject_id = 'rewritten'`,
    ]);
  });

  it('finds an altered anchor', async () => {
    await append('anchored', 1);
    const { seq } = await anchors.anchor();
    const [anchor] = await db('SELECT hash, heads_digest FROM audit_anchor WHERE seq = $1', [seq]);
    await db('ALTER TABLE audit_anchor DISABLE TRIGGER USER');
    try {
      await db(`UPDATE audit_anchor SET heads_digest = repeat('0', 64) WHERE seq = $1`, [seq]);
      await expect(sut.verify()).resolves.toMatchObject({
        ok: false,
        brokenAt: `anchor ${seq}`,
        reason: expect.stringContaining('the anchor was altered'),
      });
      await db(`UPDATE audit_anchor SET heads_digest = $1 WHERE seq = $2`, [anchor.heads_digest, seq]);
    } finally {
      await db('ALTER TABLE audit_anchor ENABLE TRIGGER USER');
    }
    await expect(sut.verify()).resolves.toMatchObject({ ok: true });
  });
});
