import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { MandateEntity, StateEntity } from '@spcomms/reference';
import {
  AgeGroup,
  CONFIDENTIAL_FIELDS,
  Gender,
  INTAKE_CHANNELS,
  InadmissibilityGround,
  IntakeChannel,
  PerpetratorKind,
  SOURCE_RELATIONS,
  SUBMISSION_LIMITS,
  SUBMISSION_STATUSES,
  SourceRelation,
  SubmissionStatus,
  VictimKind,
} from './submission.rules';

const sqlList = (values: readonly string[]) => values.map((value) => `'${value}'`).join(', ');

export interface StoredVictim {
  kind: VictimKind;
  name: string | null;
  description: string | null;
  gender: Gender | null;
  ageGroup: AgeGroup | null;
}

export interface StoredPerpetrator {
  kind: PerpetratorKind;
  description: string;
}

/**
 * Information received from a source about alleged violations (C1). The source's identity is kept
 * apart, in submission_source, so that no query for this row can carry it by mistake (C14).
 */
@Entity('submission')
@Index('uq_submission_receipt_code', ['receiptCode'], { unique: true })
@Index('ix_submission_received', ['receivedAt', 'id'])
@Index('ix_submission_status', ['status'])
@Check('ck_submission_status', `status IN (${sqlList(SUBMISSION_STATUSES)})`)
@Check('ck_submission_channel', `channel IN (${sqlList(INTAKE_CHANNELS)})`)
@Check('ck_submission_recipient', 'state_code IS NOT NULL OR other_recipient IS NOT NULL')
@Check(
  'ck_submission_victims',
  `jsonb_typeof(victims) = 'array' AND jsonb_array_length(victims) <= ${SUBMISSION_LIMITS.victims} ` +
    'AND (jsonb_array_length(victims) > 0 OR law_or_policy IS NOT NULL)',
)
@Check(
  'ck_submission_perpetrators',
  `jsonb_typeof(perpetrators) = 'array' AND jsonb_array_length(perpetrators) BETWEEN 1 AND ${SUBMISSION_LIMITS.perpetrators}`,
)
@Check('ck_submission_dates', 'occurred_to IS NULL OR occurred_to >= occurred_from')
@Check(
  'ck_submission_description',
  `char_length(description) BETWEEN ${SUBMISSION_LIMITS.descriptionMin} AND ${SUBMISSION_LIMITS.descriptionMax}`,
)
@Check('ck_submission_confidential_fields', `confidential_fields <@ ARRAY[${sqlList(CONFIDENTIAL_FIELDS)}]::text[]`)
@Check('ck_submission_rejection', `(status = 'rejected') = (rejection_reason IS NOT NULL)`)
@Check('ck_submission_grounds', `(status = 'inadmissible') = (cardinality(inadmissible_grounds) > 0)`)
export class SubmissionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_submission' })
  id!: string;

  /** Given to the source; unguessable, never the id. */
  @Column({ type: 'text' })
  receiptCode!: string;

  @Column({ type: 'text' })
  channel!: IntakeChannel;

  @Column({ type: 'text' })
  status!: SubmissionStatus;

  @Column({ type: 'timestamptz' })
  receivedAt!: Date;

  /** When the status last changed (screened, inadmissible or rejected). */
  @Column({ type: 'timestamptz', nullable: true })
  statusChangedAt!: Date | null;

  /** The State concerned (never the pseudo-code of other recipients). */
  @Column({ type: 'char', length: 3, nullable: true })
  stateCode!: string | null;

  @ManyToOne(() => StateEntity)
  @JoinColumn({ name: 'state_code', foreignKeyConstraintName: 'fk_submission_state' })
  state?: StateEntity;

  /** A company, international organisation or other non-State actor concerned, as the source names it. */
  @Column({ type: 'text', nullable: true })
  otherRecipient!: string | null;

  @Column({ type: 'jsonb' })
  victims!: StoredVictim[];

  /** For a law, bill, policy or practice: its identification. */
  @Column({ type: 'text', nullable: true })
  lawOrPolicy!: string | null;

  @Column({ type: 'jsonb' })
  perpetrators!: StoredPerpetrator[];

  @Column({ type: 'date' })
  occurredFrom!: string;

  @Column({ type: 'date', nullable: true })
  occurredTo!: string | null;

  @Column({ type: 'text' })
  place!: string;

  @Column({ type: 'text' })
  description!: string;

  /** What the source says about domestic remedies; informative only, never a condition (C3). */
  @Column({ type: 'text', nullable: true })
  domesticRemedies!: string | null;

  @Column({ type: 'boolean', nullable: true })
  remediesExhausted!: boolean | null;

  @Column({ type: 'text', array: true })
  confidentialFields!: string[];

  /** Why the screening failed (C2 criteria, C4); empty unless inadmissible. */
  @Column({ type: 'text', array: true })
  inadmissibleGrounds!: InadmissibilityGround[];

  @Column({ type: 'text', nullable: true })
  rejectionReason!: string | null;
}

/** Who submitted the information: confidential forever (C14). One row per submission. */
@Entity('submission_source')
@Check('ck_submission_source_relation', `relation IN (${sqlList(SOURCE_RELATIONS)})`)
@Check('ck_submission_source_name', `btrim(name) <> ''`)
@Check('ck_submission_source_contact', 'email IS NOT NULL OR phone IS NOT NULL')
export class SubmissionSourceEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_submission_source' })
  submissionId!: string;

  @ManyToOne(() => SubmissionEntity, { nullable: false })
  @JoinColumn({ name: 'submission_id', foreignKeyConstraintName: 'fk_submission_source_submission' })
  submission?: SubmissionEntity;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', nullable: true })
  organisation!: string | null;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Column({ type: 'text', nullable: true })
  phone!: string | null;

  @Column({ type: 'text' })
  relation!: SourceRelation;
}

/** The mandates the source addresses; none means the submission waits for triage. */
@Entity('submission_mandate')
export class SubmissionMandateEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_submission_mandate' })
  submissionId!: string;

  @ManyToOne(() => SubmissionEntity, { nullable: false })
  @JoinColumn({ name: 'submission_id', foreignKeyConstraintName: 'fk_submission_mandate_submission' })
  submission?: SubmissionEntity;

  @Index('ix_submission_mandate_mandate')
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_submission_mandate' })
  mandateId!: string;

  @ManyToOne(() => MandateEntity, { nullable: false })
  @JoinColumn({ name: 'mandate_id', foreignKeyConstraintName: 'fk_submission_mandate_mandate' })
  mandate?: MandateEntity;
}
