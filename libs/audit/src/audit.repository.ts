import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@spcomms/database';
import { AuditEventEntity } from './audit-event.entity';

/** Key of the transaction-scoped advisory lock that orders appends to the chain. */
const AUDIT_CHAIN_LOCK = 0x5a_0d17;

@Injectable()
export class AuditRepository {
  constructor(private readonly tx: TransactionHost) {}

  /** Locks the chain until the current transaction ends and returns the last event's seq and hash. */
  async lockChainHead(): Promise<{ seq: string; hash: string } | null> {
    const manager = this.tx.manager;
    await manager.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
    const rows: Array<{ head_seq: string; hash: string }> = await manager.query(
      'SELECT e.seq::text AS head_seq, e.hash FROM audit_event e ORDER BY e.seq DESC LIMIT 1',
    );
    return rows[0] ? { seq: rows[0].head_seq, hash: rows[0].hash } : null;
  }

  /** Inserts events in order, a thousand rows a statement (PostgreSQL takes at most 65,535 parameters). */
  async insertMany(events: AuditEventEntity[]): Promise<void> {
    const repository = this.tx.manager.getRepository(AuditEventEntity);
    for (let start = 0; start < events.length; start += 1000) {
      await repository.insert(events.slice(start, start + 1000));
    }
  }

  async *streamInOrder(batchSize = 1000): AsyncGenerator<AuditEventEntity> {
    let after = '0';
    for (;;) {
      const batch = await this.tx.manager
        .getRepository(AuditEventEntity)
        .createQueryBuilder('e')
        .where('e.seq > :after', { after })
        .orderBy('e.seq', 'ASC')
        .limit(batchSize)
        .getMany();
      yield* batch;
      if (batch.length < batchSize) {
        return;
      }
      after = batch[batch.length - 1].seq;
    }
  }

  findBySubject(subjectType: string, subjectId: string): Promise<AuditEventEntity[]> {
    return this.tx.manager.getRepository(AuditEventEntity).find({
      where: { subjectType, subjectId },
      order: { seq: 'ASC' },
    });
  }
}
