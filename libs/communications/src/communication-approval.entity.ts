import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { MandateEntity } from '@spcomms/reference';
import { CommunicationVersionEntity } from './communication-version.entity';
import { CommunicationEntity } from './communication.entity';

export type ApprovalDecision = 'approve' | 'decline';

/** A mandate-holder's decision on one version of a letter; it counts only for that version (C6). */
@Entity('communication_approval')
@Index('uq_communication_approval_mandate_version', ['versionId', 'mandateId'], { unique: true })
@Index('ix_communication_approval_communication', ['communicationId'])
@Check('ck_communication_approval_decision', `decision IN ('approve', 'decline')`)
export class CommunicationApprovalEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  communicationId!: string;

  @ManyToOne(() => CommunicationEntity, { nullable: false })
  @JoinColumn({ name: 'communication_id', foreignKeyConstraintName: 'fk_communication_approval_communication' })
  communication?: CommunicationEntity;

  @Column({ type: 'uuid' })
  versionId!: string;

  @ManyToOne(() => CommunicationVersionEntity, { nullable: false })
  @JoinColumn({ name: 'version_id', foreignKeyConstraintName: 'fk_communication_approval_version' })
  version?: CommunicationVersionEntity;

  @Column({ type: 'uuid' })
  mandateId!: string;

  @ManyToOne(() => MandateEntity, { nullable: false })
  @JoinColumn({ name: 'mandate_id', foreignKeyConstraintName: 'fk_communication_approval_mandate' })
  mandate?: MandateEntity;

  @Column({ type: 'text' })
  decision!: ApprovalDecision;

  @Column({ type: 'uuid', nullable: true })
  decidedBy!: string | null;

  @Column({ type: 'timestamptz' })
  decidedAt!: Date;

  @Column({ type: 'text', nullable: true })
  note!: string | null;
}
