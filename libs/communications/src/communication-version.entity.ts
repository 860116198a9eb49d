import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CommunicationEntity, LetterLanguage, LetterType, ReprisalConsent } from './communication.entity';

export interface Victim {
  name: string;
  gender?: 'female' | 'male' | 'other' | 'unknown';
  ageGroup?: 'child' | 'adult' | 'older' | 'unknown';
  /** Replaced by initials or "[name withheld]" in the public version. */
  nameConfidential: boolean;
  /** A group or community rather than one person. */
  group?: boolean;
}

export interface Perpetrator {
  name: string;
  kind: 'state' | 'non_state';
}

/** Everything a co-signer approves: a change to any of it makes a new version (C6). */
export interface VersionContent {
  type: LetterType;
  language: LetterLanguage;
  recipientCode: string;
  otherRecipientId: string | null;
  coRecipientCodes: string[];
  subject: string;
  body: string;
  victims: Victim[];
  lawOrPolicy: string | null;
  perpetrators: Perpetrator[];
  themes: string[];
  reprisal: boolean;
  reprisalConsent: ReprisalConsent | null;
}

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
