import { Injectable } from '@nestjs/common';
import { Pool, PoolClient } from 'pg';
import { TransactionHost } from '@spcomms/database';
import { AuditRepository } from '../libs/audit/src/audit.repository';
import { auditHash, contentDigest } from '../libs/audit/src/audit-hash';
import { NewAuditEvent, subjectChainAppend } from '../libs/audit/src/subject-chain-append';

/** The advisory lock that ordered every append to the one global audit chain. */
const GLOBAL_CHAIN_LOCK = 0x5a_0d17;

/** How the bare transmission appends its audit event. */
export type BareAudit = 'global chain' | 'global, no lock' | 'subject chain';

/** The global chain's events get seqs above the subject chains' (the sequence), so that the two never meet. */
const GLOBAL_BASE = 1_000_000_000_000n;

/**
 * The global chain's append, as it was: lock the chain, read its head, insert the events after it.
 * Without the lock the same statements fork the chain, and an insert that meets the seq of a
 * concurrent one is dropped (the figure shows what the lock costs).
 */
async function appendToGlobalChain(
  query: (sql: string, parameters?: unknown[]) => Promise<Array<Record<string, string>>>,
  events: NewAuditEvent[],
  lock: boolean,
): Promise<void> {
  if (lock) {
    await query('SELECT pg_advisory_xact_lock($1)', [GLOBAL_CHAIN_LOCK]);
  }
  const [head] = await query('SELECT seq::text AS seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1');
  let seq = head && BigInt(head.seq) > GLOBAL_BASE ? BigInt(head.seq) : GLOBAL_BASE;
  let prevHash = head && BigInt(head.seq) > GLOBAL_BASE ? head.hash : null;
  for (const { content: _content, ...fields } of events) {
    seq += 1n;
    const hash = auditHash({ ...fields, seq: String(seq), prevHash });
    await query(
      `INSERT INTO audit_event (seq, occurred_at, actor_type, actor_id, actor_label, action, subject_type, subject_id, before, after, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10::jsonb, $11, $12) ON CONFLICT (seq) DO NOTHING`,
      [
        String(seq),
        fields.occurredAt,
        fields.actorType,
        fields.actorId,
        fields.actorLabel,
        fields.action,
        fields.subjectType,
        fields.subjectId,
        JSON.stringify(fields.before),
        JSON.stringify(fields.after),
        prevHash,
        hash,
      ],
    );
    prevHash = hash;
  }
}

/** The API's audit repository with the global chain's append in place of the subject chains'. */
@Injectable()
export class GlobalChainAuditRepository extends AuditRepository {
  constructor(private readonly host: TransactionHost) {
    super(host);
  }

  /** The global chain reads its head before it writes: the append waits for answers, before the COMMIT. */
  override appendAtCommit(rounds: () => NewAuditEvent[][]): void {
    this.host.beforeCommit(async () => {
      for (const events of rounds()) {
        await appendToGlobalChain((sql, parameters) => this.host.manager.query(sql, parameters), events, true);
      }
    });
  }
}

/**
 * The transmission without the application: lock the letter, check approvals of the current version,
 * take the number, set the dates and append the audit event, in one transaction.
 */
export async function bareTransmit(pool: Pool, id: string, audit: BareAudit): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query(
      `SELECT id, type, recipient_code, current_version, status FROM communication WHERE id = $1 FOR UPDATE`,
      [id],
    );
    const letter = rows[0];
    const { rows: missing } = await client.query(
      `SELECT m.mandate_id FROM communication_mandate m
         JOIN communication_version v ON v.communication_id = m.communication_id AND v.number = $2
        WHERE m.communication_id = $1 AND m.participation IN ('lead', 'invited')
          AND NOT EXISTS (SELECT 1 FROM communication_approval a WHERE a.version_id = v.id AND a.mandate_id = m.mandate_id AND a.decision = 'approve')`,
      [id, letter.current_version],
    );
    if (letter.status !== 'draft' || missing.length > 0) {
      throw new Error('not sendable');
    }
    // Numbered and sent in one statement, as the API does (ReferenceCountersRepository.sendUnderNextNumber).
    const { rows: sent } = await client.query(
      `WITH counter AS (
         INSERT INTO reference_counter (code, year, last_number) VALUES ($2, 2026, 1)
         ON CONFLICT (code, year) DO UPDATE SET last_number = reference_counter.last_number + 1 RETURNING last_number
       )
       UPDATE communication c SET status = 'sent', reference = $3 || ' ' || $2 || ' ' || counter.last_number || '/2026',
              ref_code = $2, ref_year = 2026, ref_number = counter.last_number, sent_at = now(), sent_on = current_date,
              reply_requested_by = current_date + 60, public_from = current_date + 60, revision = c.revision + 1
         FROM counter WHERE c.id = $1
       RETURNING c.reference`,
      [id, letter.recipient_code, letter.type],
    );
    const reference = sent[0].reference as string;
    await appendAndCommit(client, id, reference, audit);
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Appends the audit event and commits. The subject chain's append goes out with the COMMIT, as the
 * API's does (TransactionHost.atCommit; the pool pipelines): a failed append makes the COMMIT roll back.
 * The global chain reads its head first.
 */
async function appendAndCommit(client: PoolClient, id: string, reference: string, audit: BareAudit): Promise<void> {
  const fields = {
    occurredAt: new Date(),
    actorType: 'system',
    actorId: null,
    actorLabel: 'bench',
    action: 'communication.transmit',
    subjectType: 'communication',
    subjectId: id,
    before: null,
    after: { reference },
  };
  const event = { ...fields, content: contentDigest(fields) };
  if (audit === 'subject chain') {
    const append = subjectChainAppend([event]);
    await Promise.all([client.query(append.sql, append.parameters), client.query('COMMIT')]);
    return;
  }
  await appendToGlobalChain(
    async (sql, parameters) => (await client.query(sql, parameters)).rows,
    [event],
    audit === 'global chain',
  );
  await client.query('COMMIT');
}
