import { Injectable } from '@nestjs/common';
import { Actor, describeActor } from '@spcomms/access';
import { Clock } from '@spcomms/clock';
import { TransactionHost } from '@spcomms/database';
import { AuditEventDto, mapAuditEvent } from './audit-event.dto';
import { AuditEventEntity } from './audit-event.entity';
import { contentDigest } from './audit-hash';
import { AuditRepository } from './audit.repository';
import { NewAuditEvent } from './subject-chain-append';

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

interface PendingEvents {
  events: NewAuditEvent[];
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
   * describes does. Each event is chained to the one before it of the same subject; the events of a
   * transaction are appended together with its COMMIT (TransactionHost.atCommit), in the order
   * recorded: the lock on a subject's head (which orders the appends to that subject, and only those)
   * is then held only for the append and the commit, not for the rest of the transaction's work.
   */
  async record(actor: Actor, entry: AuditEntry): Promise<void> {
    if (!this.tx.inTransaction) {
      throw new Error('AuditService.record must run inside a transaction');
    }
    const pending = this.tx.transactionState<PendingEvents>(PENDING_EVENTS, () => {
      const created: PendingEvents = { events: [], appended: false };
      this.repository.appendAtCommit(() => this.rounds(created));
      return created;
    });
    if (pending.appended) {
      throw new Error('AuditService.record was called after the transaction appended its events');
    }
    const who = describeActor(actor);
    const event = {
      occurredAt: this.clock.now(),
      actorType: who.type,
      actorId: who.id,
      actorLabel: who.label,
      action: entry.action,
      subjectType: entry.subject.type,
      subjectId: entry.subject.id,
      before: toJson(entry.before),
      after: toJson(entry.after),
    };
    pending.events.push({ ...event, content: contentDigest(event) });
  }

  /**
   * The events to append, in rounds: the first event of each subject, then the second of each subject
   * that has one, and so on, one statement a round (most transactions record one event, or one per
   * subject).
   */
  private rounds(pending: PendingEvents): NewAuditEvent[][] {
    pending.appended = true;
    const rounds: NewAuditEvent[][] = [];
    const recorded = new Map<string, number>();
    for (const event of pending.events) {
      const key = `${event.subjectType}\u0000${event.subjectId}`;
      const round = recorded.get(key) ?? 0;
      recorded.set(key, round + 1);
      (rounds[round] ??= []).push(event);
    }
    return rounds;
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
