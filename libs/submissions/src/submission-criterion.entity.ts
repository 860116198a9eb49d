import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { SubmissionEntity } from './submission.entity';
import { SCREENING_CRITERIA, ScreeningCriterion } from './submission.rules';

/** One Code of Conduct criterion recorded pass/fail for a submission (C2). */
@Entity('submission_criterion')
@Check('ck_submission_criterion_name', `criterion IN (${SCREENING_CRITERIA.map((name) => `'${name}'`).join(', ')})`)
export class SubmissionCriterionEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_submission_criterion' })
  submissionId!: string;

  @ManyToOne(() => SubmissionEntity, { nullable: false })
  @JoinColumn({ name: 'submission_id', foreignKeyConstraintName: 'fk_submission_criterion_submission' })
  submission?: SubmissionEntity;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_submission_criterion' })
  criterion!: ScreeningCriterion;

  @Column({ type: 'boolean' })
  passed!: boolean;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ type: 'timestamptz' })
  recordedAt!: Date;
}
