import { Injectable } from '@nestjs/common';
import { Actor, describeActor } from '@spcomms/access';
import { Clock } from '@spcomms/clock';
import { TransactionHost } from '@spcomms/database';
import { AuditEventDto, mapAuditEvent } from './audit-event.dto';
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

/** The events a transaction has recorded, appended to the chain just before it commits. */
const PENDING_EVENTS = Symbol('audit.pending-events');

type PendingEvent = Omit<AuditEventEntity, 'seq' | 'prevHash' | 'hash'>;

interface PendingEvents {
  events: PendingEvent[];
  appended: boolean;
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
   * Records an event in the caller's transaction, so that the event exists exactly when the change it
   * describes does. The events of a transaction are chained in the order recorded and appended together
   * just before it commits: the chain's lock (which orders every append) is then held only for the
   * append and the commit, not for the rest of the transaction's work.
   */
  async record(actor: Actor, entry: AuditEntry): Promise<void> {
    if (!this.tx.inTransaction) {
      throw new Error('AuditService.record must run inside a transaction');
    }
    const pending = this.tx.transactionState<PendingEvents>(PENDING_EVENTS, () => {
      const created: PendingEvents = { events: [], appended: false };
      this.tx.beforeCommit(() => this.append(created));
      return created;
    });
    if (pending.appended) {
      throw new Error('AuditService.record was called after the transaction appended its events');
    }
    const who = describeActor(actor);
    pending.events.push({
      occurredAt: this.clock.now(),
      actorType: who.type,
      actorId: who.id,
      actorLabel: who.label,
      action: entry.action,
      subjectType: entry.subject.type,
      subjectId: entry.subject.id,
      before: toJson(entry.before),
      after: toJson(entry.after),
    });
  }

  private async append(pending: PendingEvents): Promise<void> {
    pending.appended = true;
    if (pending.events.length === 0) {
      return;
    }
    const head = await this.repository.lockChainHead();
    let seq = head ? BigInt(head.seq) : 0n;
    let prevHash = head?.hash ?? null;
    const chained = pending.events.map((fields) => {
      seq += 1n;
      const event = Object.assign(new AuditEventEntity(), fields, { seq: String(seq), prevHash });
      event.hash = auditHash(event);
      prevHash = event.hash;
      return event;
    });
    await this.repository.insertMany(chained);
  }

  history(subject: AuditSubject): Promise<AuditEventEntity[]> {
    return this.repository.findBySubject(subject.type, subject.id);
  }

  /**
   * The audit trail of a subject, oldest first, for a reader the caller has already allowed to read the
   * subject (the lib that owns it checks who asks).
   */
  async trailOf(subject: AuditSubject): Promise<AuditEventDto[]> {
    return (await this.history(subject)).map(mapAuditEvent);
  }
}
