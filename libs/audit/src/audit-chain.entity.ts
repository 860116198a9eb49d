import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/**
 * The last event of a subject's chain. The append updates it in the statement that inserts the event:
 * its row lock orders the appends to one subject, and only those.
 */
@Entity('audit_subject_head')
export class AuditSubjectHeadEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_audit_subject_head' })
  subjectType!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_audit_subject_head' })
  subjectId!: string;

  /** The subject_seq of the last event. */
  @Column({ type: 'bigint' })
  seq!: string;

  @Column({ type: 'char', length: 64, nullable: true })
  prevHash!: string | null;

  @Column({ type: 'char', length: 64 })
  hash!: string;

  /** The content digest of the last event (what the next link is computed from). */
  @Column({ type: 'char', length: 64 })
  lastContent!: string;

  /** How far the anchor chain has sealed this subject's chain (0: not at all). */
  @Column({ type: 'bigint', default: '0' })
  anchoredSeq!: string;
}

/** One link of the global anchor chain: it seals the heads of the subjects that changed since the one before. */
@Entity('audit_anchor')
export class AuditAnchorEntity {
  @PrimaryColumn({ type: 'bigint', primaryKeyConstraintName: 'pk_audit_anchor' })
  seq!: string;

  @Column({ type: 'timestamptz' })
  anchoredAt!: Date;

  /** How many subject heads it seals (its audit_anchor_head rows). */
  @Column({ type: 'integer' })
  heads!: number;

  @Column({ type: 'char', length: 64 })
  headsDigest!: string;

  @Column({ type: 'char', length: 64, nullable: true })
  prevHash!: string | null;

  @Column({ type: 'char', length: 64 })
  hash!: string;
}

/** A subject's head as an anchor sealed it. */
@Entity('audit_anchor_head')
export class AuditAnchorHeadEntity {
  @PrimaryColumn({ type: 'bigint', primaryKeyConstraintName: 'pk_audit_anchor_head' })
  anchorSeq!: string;

  @ManyToOne(() => AuditAnchorEntity, { nullable: false })
  @JoinColumn({ name: 'anchor_seq', foreignKeyConstraintName: 'fk_audit_anchor_head_anchor' })
  anchor?: AuditAnchorEntity;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_audit_anchor_head' })
  subjectType!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_audit_anchor_head' })
  subjectId!: string;

  @Column({ type: 'bigint' })
  seq!: string;

  @Column({ type: 'char', length: 64 })
  hash!: string;
}
