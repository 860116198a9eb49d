import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { VersionContent } from '@spcomms/domain-events';
import { CommunicationEntity } from './communication.entity';

export type { Perpetrator, VersionContent, Victim } from '@spcomms/domain-events';

/** An immutable version of a letter's text; the database refuses to change or delete one. */
@Entity('communication_version')
@Index('uq_communication_version_number', ['communicationId', 'number'], { unique: true })
export class CommunicationVersionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  communicationId!: string;

  @ManyToOne(() => CommunicationEntity, { nullable: false })
  @JoinColumn({ name: 'communication_id', foreignKeyConstraintName: 'fk_communication_version_communication' })
  communication?: CommunicationEntity;

  @Column({ type: 'integer' })
  number!: number;

  @Column({ type: 'jsonb' })
  content!: VersionContent;

  /** SHA-256 of the canonical JSON of the content. */
  @Column({ type: 'char', length: 64 })
  contentHash!: string;

  @Column({ type: 'uuid', nullable: true })
  createdBy!: string | null;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}
