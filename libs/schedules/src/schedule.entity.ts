import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export enum ScheduleState {
  Pending = 'pending',
  Done = 'done',
  /** Run, but its handler found nothing left to do that would still be true (e.g. an outdated reminder). */
  Skipped = 'skipped',
  Cancelled = 'cancelled',
  Failed = 'failed',
}

/**
 * Something that must happen at a given instant: a deadline, a reminder, a publication.
 * The row is the record; BullMQ only carries a copy of the due ones (see ScheduleRelay).
 */
@Entity('schedule')
@Index('uq_schedule_kind_subject_due', ['kind', 'subjectId', 'dueAt'], { unique: true })
@Index('ix_schedule_pending_due', ['dueAt'], { where: `state = 'pending'` })
@Index('ix_schedule_failed', ['doneAt'], { where: `state = 'failed'` })
@Index('ix_schedule_subject', ['subjectType', 'subjectId'])
@Check('ck_schedule_state', `state IN ('pending', 'done', 'skipped', 'cancelled', 'failed')`)
@Check('ck_schedule_done_at', `(state = 'pending') = (done_at IS NULL)`)
@Check('ck_schedule_attempts', 'attempts >= 0')
export class ScheduleEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_schedule' })
  id!: string;

  /** What to do, e.g. `letter.reminder.before`; a handler of the worker does it. */
  @Column({ type: 'text' })
  kind!: string;

  @Column({ type: 'text' })
  subjectType!: string;

  @Column({ type: 'text' })
  subjectId!: string;

  @Column({ type: 'timestamptz' })
  dueAt!: Date;

  @Column({ type: 'text', default: ScheduleState.Pending })
  state!: ScheduleState;

  /** Failed runs so far; part of the job id, so that a retry is a new job. */
  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  /** After a failed run: not before this instant. */
  @Column({ type: 'timestamptz', nullable: true })
  retryAt!: Date | null;

  @Column({ type: 'jsonb', default: () => `'{}'` })
  payload!: Record<string, unknown>;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  /** When the row left the pending state (done, skipped, cancelled or failed). */
  @Column({ type: 'timestamptz', nullable: true })
  doneAt!: Date | null;
}
