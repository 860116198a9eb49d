import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { SubmissionEntity } from './submission.entity';

/** A letter drafted from a submission; a submission may lead to several letters. */
@Entity('submission_communication')
export class SubmissionCommunicationEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_submission_communication' })
  submissionId!: string;

  @ManyToOne(() => SubmissionEntity, { nullable: false })
  @JoinColumn({ name: 'submission_id', foreignKeyConstraintName: 'fk_submission_communication_submission' })
  submission?: SubmissionEntity;

  @Index('ix_submission_communication_communication')
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_submission_communication' })
  communicationId!: string;

  /** Named by string: the communications lib builds on this one, so it cannot be imported here. */
  @ManyToOne('CommunicationEntity', { nullable: false })
  @JoinColumn({ name: 'communication_id', foreignKeyConstraintName: 'fk_submission_communication_communication' })
  communication?: unknown;

  @Column({ type: 'timestamptz' })
  linkedAt!: Date;
}
