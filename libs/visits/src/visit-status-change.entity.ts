import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { sqlList } from './sql-list';
import { VisitChannel, VisitMove } from './visit-move';
import { ALL_VISIT_STATUSES, VisitStatus } from './visit-status.machine';
import { VisitEntity } from './visit.entity';

/** One move of a visit request: who made it, in which role, through which channel, when, and why. */
@Entity('visit_status_change')
@Index('uq_visit_status_change_seq', ['visitId', 'seq'], { unique: true })
@Check('ck_visit_status_change_to', `to_status IN (${sqlList(ALL_VISIT_STATUSES)})`)
@Check('ck_visit_status_change_from', `from_status IS NULL OR from_status IN (${sqlList(ALL_VISIT_STATUSES)})`)
@Check('ck_visit_status_change_move', `move IN (${sqlList(Object.values(VisitMove))})`)
@Check('ck_visit_status_change_channel', `channel IN (${sqlList(Object.values(VisitChannel))})`)
@Check(
  'ck_visit_status_change_period',
  '(period_from IS NULL) = (period_to IS NULL) AND (period_to IS NULL OR period_from <= period_to)',
)
export class VisitStatusChangeEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_visit_status_change' })
  id!: string;

  @Column({ type: 'uuid' })
  visitId!: string;

  @ManyToOne(() => VisitEntity, { nullable: false })
  @JoinColumn({ name: 'visit_id', foreignKeyConstraintName: 'fk_visit_status_change_visit' })
  visit?: VisitEntity;

  /** 1 for the request, then one more per move. */
  @Column({ type: 'integer' })
  seq!: number;

  @Column({ type: 'text', nullable: true })
  fromStatus!: VisitStatus | null;

  @Column({ type: 'text' })
  toStatus!: VisitStatus;

  @Column({ type: 'text' })
  move!: VisitMove;

  /** The role of who made the move (assistant, mandate_holder, government) or `system`. */
  @Column({ type: 'text' })
  actorRole!: string;

  @Column({ type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ type: 'text' })
  actorLabel!: string;

  @Column({ type: 'text' })
  channel!: VisitChannel;

  @Column({ type: 'timestamptz' })
  occurredAt!: Date;

  /** For answers recorded by an assistant: the day the note verbale, letter … was received. */
  @Column({ type: 'date', nullable: true })
  receivedOn!: string | null;

  /** Dates proposed or agreed by this move. */
  @Column({ type: 'date', nullable: true })
  periodFrom!: string | null;

  @Column({ type: 'date', nullable: true })
  periodTo!: string | null;

  /** Internal note; never shown to the State or the public. */
  @Column({ type: 'text', nullable: true })
  note!: string | null;
}
