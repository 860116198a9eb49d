import { Injectable } from '@nestjs/common';
import { CommitStatement, TransactionHost } from '@spcomms/database';
import { AuditAnchorEntity, AuditAnchorHeadEntity } from './audit-chain.entity';
import { AuditEventEntity } from './audit-event.entity';
import { AnchoredHead } from './audit-hash';
import { NewAuditEvent, subjectChainAppend } from './subject-chain-append';

/** Key of the transaction-scoped advisory lock that orders the anchors (one writer at a time). */
const AUDIT_ANCHOR_LOCK = 0x5a_0d18;

/** Rows a statement (events travel as one jsonb parameter; anchor heads take 5 parameters each). */
const CHUNK = 1000;

/** A subject chain event as the verifier reads it. */
export type ChainedEvent = AuditEventEntity & { subjectSeq: string };

export interface HeadMismatch {
  subjectType: string;
  subjectId: string;
  eventSeq: string | null;
  lastSubjectSeq: string | null;
  headSeq: string | null;
}

export interface AnchoredHeadMismatch extends AnchoredHead {
  anchorSeq: string;
}

@Injectable()
export class AuditRepository {
  constructor(private readonly tx: TransactionHost) {}

  /**
   * Appends events with the transaction's COMMIT (TransactionHost.atCommit): `rounds` answers them once
   * the transaction's work is done, in rounds of distinct subjects, each round appended after the one
   * before it (appendStatements).
   */
  appendAtCommit(rounds: () => NewAuditEvent[][]): void {
    this.tx.atCommit(() => rounds().flatMap((round) => this.appendStatements(round)));
  }

  /**
   * The statements that append events of distinct subjects, each as the next link of its subject's
   * chain, one per thousand events (subjectChainAppend), their seqs in the order given. Each statement
   * locks its subjects' heads in byte order; two transactions of more than a thousand subjects each
   * could still meet in opposite orders across statements, and one would be rolled back as a deadlock.
   */
  appendStatements(events: NewAuditEvent[]): CommitStatement[] {
    const statements: CommitStatement[] = [];
    for (let start = 0; start < events.length; start += CHUNK) {
      const { sql, parameters } = subjectChainAppend(events.slice(start, start + CHUNK));
      statements.push({ text: sql, values: parameters });
    }
    return statements;
  }

  /** The events of the global chain (those written before the subject chains), in order. */
  streamGlobalChain(): AsyncGenerator<AuditEventEntity> {
    return this.streamKeyset<AuditEventEntity, [string]>(
      ['0'],
      (after) =>
        this.tx.manager
          .getRepository(AuditEventEntity)
          .createQueryBuilder('e')
          .where('e.subject_seq IS NULL AND e.seq > :after', { after: after[0] })
          .orderBy('e.seq', 'ASC')
          .limit(CHUNK)
          .getMany(),
      (last) => [last.seq],
    );
  }

  /** The events of the subject chains, subject after subject, each chain in order. */
  streamSubjectChains(): AsyncGenerator<ChainedEvent> {
    return this.streamKeyset<ChainedEvent, [string, string, string] | null>(
      null,
      (after) =>
        this.tx.manager.query(
          `SELECT seq::text AS seq, occurred_at AS "occurredAt", actor_type AS "actorType", actor_id AS "actorId",
                  actor_label AS "actorLabel", action, subject_type AS "subjectType", subject_id AS "subjectId",
                  before, after, subject_seq::text AS "subjectSeq", prev_hash AS "prevHash", hash
             FROM audit_event
            WHERE subject_seq IS NOT NULL
              AND ($1::text IS NULL OR (subject_type, subject_id, subject_seq) > ($1, $2, $3::bigint))
            ORDER BY subject_type, subject_id, subject_seq
            LIMIT ${CHUNK}`,
          after ?? [null, null, null],
        ) as Promise<ChainedEvent[]>,
      (last) => [last.subjectType, last.subjectId, last.subjectSeq],
    );
  }

  private async *streamKeyset<T, K>(
    start: K,
    page: (after: K) => Promise<T[]>,
    keyOf: (last: T) => K,
  ): AsyncGenerator<T> {
    let after = start;
    for (;;) {
      const batch = await page(after);
      yield* batch;
      if (batch.length < CHUNK) {
        return;
      }
      after = keyOf(batch[batch.length - 1]);
    }
  }

  /** A subject whose head row is not its chain's last event (a missing or extra head, a cut tail). */
  async findHeadMismatch(): Promise<HeadMismatch | null> {
    const rows: HeadMismatch[] = await this.tx.manager.query(
      `WITH last AS (
         SELECT DISTINCT ON (subject_type, subject_id) subject_type, subject_id, subject_seq, seq, hash
           FROM audit_event WHERE subject_seq IS NOT NULL
          ORDER BY subject_type, subject_id, subject_seq DESC
       )
       SELECT COALESCE(l.subject_type, h.subject_type) AS "subjectType", COALESCE(l.subject_id, h.subject_id) AS "subjectId",
              l.seq::text AS "eventSeq", l.subject_seq::text AS "lastSubjectSeq", h.seq::text AS "headSeq"
         FROM last l FULL JOIN audit_subject_head h ON h.subject_type = l.subject_type AND h.subject_id = l.subject_id
        WHERE l.subject_seq IS DISTINCT FROM h.seq OR l.hash IS DISTINCT FROM h.hash
        LIMIT 1`,
    );
    return rows[0] ?? null;
  }

  /** How many events no anchor has sealed yet. */
  async countUnanchored(): Promise<number> {
    const [row]: Array<{ n: string }> = await this.tx.manager.query(
      'SELECT COALESCE(sum(seq - anchored_seq), 0)::text AS n FROM audit_subject_head',
    );
    return Number(row.n);
  }

  // ---- anchors ----

  /** Locks the anchor chain until the transaction ends and returns its last anchor. */
  async lockAnchorHead(): Promise<{ seq: string; hash: string } | null> {
    await this.tx.manager.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_ANCHOR_LOCK]);
    const rows: Array<{ seq: string; hash: string }> = await this.tx.manager.query(
      'SELECT seq::text AS seq, hash FROM audit_anchor ORDER BY seq DESC LIMIT 1',
    );
    return rows[0] ?? null;
  }

  /** Marks every head that moved since the last anchor as anchored and returns them. */
  async takeUnanchoredHeads(): Promise<AnchoredHead[]> {
    const result: unknown = await this.tx.manager.query(
      `UPDATE audit_subject_head SET anchored_seq = seq WHERE seq > anchored_seq
       RETURNING subject_type AS "subjectType", subject_id AS "subjectId", seq::text AS seq, hash`,
    );
    // TypeORM answers an UPDATE … RETURNING as [rows, affected].
    return (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as AnchoredHead[];
  }

  async insertAnchor(anchor: AuditAnchorEntity, heads: AnchoredHead[]): Promise<void> {
    await this.tx.manager.getRepository(AuditAnchorEntity).insert(anchor);
    const rows = heads.map((head) => ({ ...head, anchorSeq: anchor.seq }));
    for (let start = 0; start < rows.length; start += CHUNK) {
      await this.tx.manager.getRepository(AuditAnchorHeadEntity).insert(rows.slice(start, start + CHUNK));
    }
  }

  async *streamAnchors(): AsyncGenerator<{ anchor: AuditAnchorEntity; heads: AnchoredHead[] }> {
    for await (const anchor of this.streamKeyset<AuditAnchorEntity, string>(
      '0',
      (after) =>
        this.tx.manager
          .getRepository(AuditAnchorEntity)
          .createQueryBuilder('a')
          .where('a.seq > :after', { after })
          .orderBy('a.seq', 'ASC')
          .limit(CHUNK)
          .getMany(),
      (last) => last.seq,
    )) {
      const heads: AnchoredHead[] = await this.tx.manager.query(
        `SELECT subject_type AS "subjectType", subject_id AS "subjectId", seq::text AS seq, hash
           FROM audit_anchor_head WHERE anchor_seq = $1
          ORDER BY subject_type COLLATE "C", subject_id COLLATE "C"`,
        [anchor.seq],
      );
      yield { anchor, heads };
    }
  }

  /** An anchored head that no event of its subject's chain matches (the chain was cut or rewritten). */
  async findAnchoredHeadMismatch(): Promise<AnchoredHeadMismatch | null> {
    const rows: AnchoredHeadMismatch[] = await this.tx.manager.query(
      `SELECT ah.anchor_seq::text AS "anchorSeq", ah.subject_type AS "subjectType", ah.subject_id AS "subjectId",
              ah.seq::text AS seq, ah.hash
         FROM audit_anchor_head ah
         LEFT JOIN audit_event e
           ON e.subject_type = ah.subject_type AND e.subject_id = ah.subject_id AND e.subject_seq = ah.seq
        WHERE e.hash IS DISTINCT FROM ah.hash
        ORDER BY ah.anchor_seq
        LIMIT 1`,
    );
    return rows[0] ?? null;
  }

  findBySubject(subjectType: string, subjectId: string): Promise<AuditEventEntity[]> {
    return this.tx.manager.getRepository(AuditEventEntity).find({
      where: { subjectType, subjectId },
      order: { seq: 'ASC' },
    });
  }
}
