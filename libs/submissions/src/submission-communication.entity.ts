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

  /** Its foreign key to communication is added by the communications migration. */
  @Index('ix_submission_communication_communication')
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_submission_communication' })
  communicationId!: string;

  @Column({ type: 'timestamptz' })
  linkedAt!: Date;
}
