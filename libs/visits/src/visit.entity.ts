import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { MandateEntity, StateEntity } from '@spcomms/reference';
import { sqlList } from './sql-list';
import { ALL_VISIT_STATUSES, CLOSED, NEEDS_AGREED_DATES, VisitStatus } from './visit-status.machine';

/** A mandate's request to visit a State, and the visit that may follow (V1–V4). */
@Entity('visit')
@Index('ix_visit_state', ['stateCode', 'status'])
@Index('ix_visit_mandate', ['mandateId', 'requestedOn'])
@Index('uq_visit_open_request', ['mandateId', 'stateCode'], {
  unique: true,
  where: `status NOT IN (${sqlList(CLOSED)})`,
})
@Check('ck_visit_status', `status IN (${sqlList(ALL_VISIT_STATUSES)})`)
@Check('ck_visit_requested_period', 'requested_to IS NULL OR requested_from <= requested_to')
@Check('ck_visit_requested_period_pair', '(requested_from IS NULL) = (requested_to IS NULL)')
@Check(
  'ck_visit_proposed_period',
  '(proposed_from IS NULL) = (proposed_to IS NULL) AND (proposed_to IS NULL OR proposed_from <= proposed_to)',
)
@Check(
  'ck_visit_scheduled_period',
  '(scheduled_from IS NULL) = (scheduled_to IS NULL) AND (scheduled_to IS NULL OR scheduled_from <= scheduled_to)',
)
@Check('ck_visit_scheduled_dates', `status NOT IN (${sqlList(NEEDS_AGREED_DATES)}) OR scheduled_from IS NOT NULL`)
@Check(
  'ck_visit_outcome_completed',
  `status = 'completed' OR (end_of_mission_on IS NULL AND report_symbol IS NULL AND report_session IS NULL)`,
)
@Check(
  'ck_visit_report_symbol',
  `report_symbol IS NULL OR report_symbol ~ '^A/HRC/[1-9][0-9]{0,2}/[1-9][0-9]{0,3}(/Add\\.[1-9][0-9]{0,2})?$'`,
)
@Check('ck_visit_report_session', 'report_session IS NULL OR report_session BETWEEN 1 AND 999')
@Check('ck_visit_reminders_sent', 'reminders_sent >= 0')
export class VisitEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_visit' })
  id!: string;

  @Column({ type: 'uuid' })
  mandateId!: string;

  @ManyToOne(() => MandateEntity, { nullable: false })
  @JoinColumn({ name: 'mandate_id', foreignKeyConstraintName: 'fk_visit_mandate' })
  mandate?: MandateEntity;

  @Column({ type: 'char', length: 3 })
  stateCode!: string;

  @ManyToOne(() => StateEntity, { nullable: false })
  @JoinColumn({ name: 'state_code', foreignKeyConstraintName: 'fk_visit_state' })
  state?: StateEntity;

  @Column({ type: 'text' })
  status!: VisitStatus;

  /** The day the request was sent (Europe/Zurich). */
  @Column({ type: 'date' })
  requestedOn!: string;

  /** The period the mandate proposed in its request, if any. */
  @Column({ type: 'date', nullable: true })
  requestedFrom!: string | null;

  @Column({ type: 'date', nullable: true })
  requestedTo!: string | null;

  @Column({ type: 'text' })
  purpose!: string;

  /** Internal notes of the mandate's staff; never shown to the State or the public. */
  @Column({ type: 'text', nullable: true })
  notes!: string | null;

  /** The latest dates proposed (by the State or the mandate). */
  @Column({ type: 'date', nullable: true })
  proposedFrom!: string | null;

  @Column({ type: 'date', nullable: true })
  proposedTo!: string | null;

  /** The agreed dates of the visit. */
  @Column({ type: 'date', nullable: true })
  scheduledFrom!: string | null;

  @Column({ type: 'date', nullable: true })
  scheduledTo!: string | null;

  /** V3: reminders sent for this request. */
  @Column({ type: 'integer', default: 0 })
  remindersSent!: number;

  /** V4: the day of the end-of-mission statement (defaults to the last day of the visit). */
  @Column({ type: 'date', nullable: true })
  endOfMissionOn!: string | null;

  /** V4: document symbol of the visit report, e.g. A/HRC/55/50/Add.1. */
  @Column({ type: 'text', nullable: true })
  reportSymbol!: string | null;

  /** V4: the HRC session the report goes to. */
  @Column({ type: 'smallint', nullable: true })
  reportSession!: number | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy!: string | null;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  updatedAt!: Date;
}
