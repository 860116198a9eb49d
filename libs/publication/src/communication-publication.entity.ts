import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { UserEntity } from '@spcomms/accounts';

/**
 * C11: an assistant of the letter's mandates has checked the redacted public version of one version
 * of the letter. Publication waits for a check of the version that was sent. Checks are never
 * changed or deleted; a later check of another version (a draft edited after its check) is a new row.
 */
@Entity('redaction_check')
@Index('uq_redaction_check_version', ['communicationId', 'versionNumber'], { unique: true })
@Check('ck_redaction_check_version', 'version_number >= 1')
export class RedactionCheckEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_redaction_check' })
  id!: string;

  @Column({ type: 'uuid' })
  communicationId!: string;

  // By name: the communications lib may depend on this one, so it is not imported here.
  @ManyToOne('CommunicationEntity', { nullable: false })
  @JoinColumn({ name: 'communication_id', foreignKeyConstraintName: 'fk_redaction_check_communication' })
  communication?: unknown;

  /** The version of the text whose public version was checked. */
  @Column({ type: 'integer' })
  versionNumber!: number;

  @Column({ type: 'uuid' })
  checkedBy!: string;

  @ManyToOne(() => UserEntity, { nullable: false })
  @JoinColumn({ name: 'checked_by', foreignKeyConstraintName: 'fk_redaction_check_user' })
  checker?: UserEntity;

  @Column({ type: 'timestamptz' })
  checkedAt!: Date;

  @Column({ type: 'text', nullable: true })
  notes!: string | null;
}

export const PUBLICATION_STATES = ['blocked', 'published'] as const;
export type PublicationState = (typeof PUBLICATION_STATES)[number];

/** Why a due publication did not happen. */
export const BLOCK_REASONS = ['redaction_check_missing'] as const;
export type BlockReason = (typeof BLOCK_REASONS)[number];

/**
 * Where the publication of a sent letter stands, once its public-from day has come: `blocked`
 * ("publication blocked: redaction check missing") or `published`. No row: not due yet.
 */
@Entity('communication_publication')
@Check('ck_communication_publication_state', `state IN ('blocked', 'published')`)
@Check('ck_communication_publication_blocked', `(state = 'blocked') = (blocked_reason IS NOT NULL)`)
@Check('ck_communication_publication_reason', `blocked_reason IS NULL OR blocked_reason IN ('redaction_check_missing')`)
@Check('ck_communication_publication_published', `(state = 'published') = (published_at IS NOT NULL)`)
@Index('ix_communication_publication_blocked', ['blockedAt'], { where: `state = 'blocked'` })
export class CommunicationPublicationEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_communication_publication' })
  communicationId!: string;

  @ManyToOne('CommunicationEntity', { nullable: false })
  @JoinColumn({ name: 'communication_id', foreignKeyConstraintName: 'fk_communication_publication_communication' })
  communication?: unknown;

  @Column({ type: 'text' })
  state!: PublicationState;

  @Column({ type: 'text', nullable: true })
  blockedReason!: BlockReason | null;

  /** When the publication was first found blocked. */
  @Column({ type: 'timestamptz', nullable: true })
  blockedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;
}
