import { Injectable } from '@nestjs/common';
import { Actor, describeActor } from '@spcomms/access';
import { Clock } from '@spcomms/clock';
import { TransactionHost } from '@spcomms/database';
import { AuditEventEntity } from './audit-event.entity';
import { auditHash } from './audit-hash';
import { AuditRepository } from './audit.repository';

export interface AuditSubject {
  type: string;
  id: string;
}

export interface AuditEntry {
  action: string;
  subject: AuditSubject;
  before?: unknown;
  after?: unknown;
}

/** Stores plain JSON so that the hash computed now matches the one recomputed from the stored jsonb. */
function toJson(value: unknown): object | null {
  return value === undefined || value === null ? null : (JSON.parse(JSON.stringify(value)) as object);
}

@Injectable()
export class AuditService {
  constructor(
    private readonly repository: AuditRepository,
    private readonly tx: TransactionHost,
    private readonly clock: Clock,
  ) {}

  /**
   * Appends an event to the chain inside the caller's transaction, so that the
   * event exists exactly when the change it describes does.
   */
  async record(actor: Actor, entry: AuditEntry): Promise<void> {
    if (!this.tx.inTransaction) {
      throw new Error('AuditService.record must run inside a transaction');
    }
    const head = await this.repository.lockChainHead();
    const who = describeActor(actor);
    const event = Object.assign(new AuditEventEntity(), {
      seq: String(head ? BigInt(head.seq) + 1n : 1n),
      occurredAt: this.clock.now(),
      actorType: who.type,
      actorId: who.id,
      actorLabel: who.label,
      action: entry.action,
      subjectType: entry.subject.type,
      subjectId: entry.subject.id,
      before: toJson(entry.before),
      after: toJson(entry.after),
      prevHash: head?.hash ?? null,
    });
    event.hash = auditHash(event);
    await this.repository.insert(event);
  }

  history(subject: AuditSubject): Promise<AuditEventEntity[]> {
    return this.repository.findBySubject(subject.type, subject.id);
  }
}
