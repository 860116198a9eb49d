import { Injectable } from '@nestjs/common';
import { Clock } from '@spcomms/clock';
import { TransactionHost } from '@spcomms/database';
import { isDeclaredScheduleKind } from './schedule-kinds';
import { ScheduleDto } from './schedule.dto';
import { mapSchedule } from './schedule.mapper';
import { NewScheduleRow, RelayRow, ScheduleRepository, relayRowsOf } from './schedule.repository';
import { ScheduleRelay } from './schedule-relay.service';
import { SchedulesErrorCode, SchedulesException } from './schedules.exception';

/** The rows a transaction planned with planAtCommit, written together just before it commits. */
const PLANNED_AT_COMMIT = Symbol('schedules.planned-at-commit');

export interface ScheduleSubject {
  type: string;
  id: string;
}

export interface PlannedSchedule {
  kind: string;
  dueAt: Date;
  payload?: Record<string, unknown>;
}

/**
 * Plans and cancels schedule rows. Every write joins the caller's transaction, so that a row exists
 * exactly when the change that implies it does (a letter sent ⇒ its reminders); its job is enqueued
 * after that transaction commits. The caller has checked the actor's rights on the subject and
 * records the audit event of its own change; the rows themselves are the log of what is planned.
 */
@Injectable()
export class SchedulesService {
  constructor(
    private readonly repository: ScheduleRepository,
    private readonly relay: ScheduleRelay,
    private readonly tx: TransactionHost,
    private readonly clock: Clock,
  ) {}

  /** Plans one row; planning the same (kind, subject, dueAt) again does nothing. */
  async plan(
    kind: string,
    subject: ScheduleSubject,
    dueAt: Date,
    payload: Record<string, unknown> = {},
  ): Promise<void> {
    await this.planMany(subject, [{ kind, dueAt, payload }]);
  }

  /** Plans several rows of one subject in one statement per 2,000 rows (imports, benchmarks). */
  async planMany(subject: ScheduleSubject, rows: PlannedSchedule[]): Promise<void> {
    this.requireTransaction('plan');
    const planned = await this.repository.insertRows(this.toRows(subject, rows), this.clock.now(), false);
    this.relayAfterCommit(planned);
  }

  /**
   * Plans rows as planMany does, but writes them with the transaction's COMMIT (TransactionHost.atCommit),
   * in one statement with every other row planned so in it: the deadlines that several subscribers of
   * one fact plan (a letter sent: its reminders and its publication) cost no round trip of their own
   * while the transaction holds its locks. The rows are checked now; reads in the same transaction do
   * not see them, so this is for rows nothing in the transaction reads or moves afterwards.
   */
  planAtCommit(subject: ScheduleSubject, rows: PlannedSchedule[]): void {
    this.requireTransaction('plan');
    const checked = this.toRows(subject, rows);
    const pending = this.tx.transactionState(PLANNED_AT_COMMIT, () => {
      const planned: NewScheduleRow[] = [];
      this.tx.atCommit(
        () => this.repository.insertStatements(planned, this.clock.now(), false),
        // Committed by now: the rows go to the queue straight away, as relayAfterCommit would send them.
        (rows) => this.relay.relayPlanned(rows.flatMap(relayRowsOf)),
      );
      return planned;
    });
    pending.push(...checked);
  }

  /** Plans rows of many subjects at once. */
  async planForSubjects(rows: Array<PlannedSchedule & { subject: ScheduleSubject }>): Promise<void> {
    this.requireTransaction('plan');
    const newRows = rows.flatMap((row) => this.toRows(row.subject, [row]));
    const planned = await this.repository.insertRows(newRows, this.clock.now(), false);
    this.relayAfterCommit(planned);
  }

  /** Cancels the pending rows of a subject, of the given kinds or all; answers how many. */
  cancelPending(subject: ScheduleSubject, kinds?: string[]): Promise<number> {
    return this.cancelPendingOf(subject.type, [subject.id], kinds);
  }

  /** cancelPending for several subjects of one type, in one statement. */
  async cancelPendingOf(subjectType: string, subjectIds: string[], kinds?: string[]): Promise<number> {
    this.requireTransaction('cancel');
    return this.repository.cancelPending(subjectType, subjectIds, kinds, this.clock.now());
  }

  /**
   * Moves a subject's deadlines (an extension of the reply date): cancels its pending rows of
   * `kinds` and plans `rows`. A row identical to a cancelled one becomes pending again, so that a
   * deadline moved and moved back still fires; a row already done is never run again.
   */
  async replan(subject: ScheduleSubject, kinds: string[], rows: PlannedSchedule[]): Promise<void> {
    this.requireTransaction('replan');
    const outside = rows.filter((row) => !kinds.includes(row.kind)).map((row) => row.kind);
    if (outside.length > 0) {
      throw new SchedulesException(
        SchedulesErrorCode.UndeclaredKind,
        `replan may only plan the kinds it cancels: ${outside.join(', ')}`,
      );
    }
    await this.repository.cancelPending(subject.type, [subject.id], kinds, this.clock.now());
    const planned = await this.repository.insertRows(this.toRows(subject, rows), this.clock.now(), true);
    this.relayAfterCommit(planned);
  }

  async listForSubject(subject: ScheduleSubject): Promise<ScheduleDto[]> {
    return (await this.repository.findForSubject(subject.type, subject.id)).map(mapSchedule);
  }

  private toRows(subject: ScheduleSubject, rows: PlannedSchedule[]): NewScheduleRow[] {
    return rows.map((row) => {
      if (!isDeclaredScheduleKind(row.kind)) {
        throw new SchedulesException(
          SchedulesErrorCode.UndeclaredKind,
          `Schedule kind ${row.kind} is not declared (declareScheduleKind)`,
        );
      }
      if (!(row.dueAt instanceof Date) || Number.isNaN(row.dueAt.getTime())) {
        throw new SchedulesException(SchedulesErrorCode.InvalidDueAt, `Schedule ${row.kind} has no valid due time`);
      }
      return {
        kind: row.kind,
        subjectType: subject.type,
        subjectId: subject.id,
        dueAt: row.dueAt,
        payload: row.payload ?? {},
      };
    });
  }

  private relayAfterCommit(planned: RelayRow[]): void {
    if (planned.length > 0) {
      void this.tx.afterCommit(() => this.relay.relayPlanned(planned));
    }
  }

  private requireTransaction(what: string): void {
    if (!this.tx.inTransaction) {
      throw new Error(`SchedulesService: ${what} must run inside the caller's transaction (TransactionHost.run)`);
    }
  }
}
