import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One line of the append-only audit log, hash-chained to the event before it of the same subject. The
 * database refuses UPDATE, DELETE and TRUNCATE on this table (see the migration's trigger).
 */
@Entity('audit_event')
@Index('ux_audit_event_subject_seq', ['subjectType', 'subjectId', 'subjectSeq'], { unique: true })
export class AuditEventEntity {
  /**
   * Ascending in time (`audit_event_seq_seq`), with gaps where a transaction rolled back. The events
   * written before the subject chains have 1, 2, 3 … without gaps and form one global chain.
   */
  @PrimaryColumn({ type: 'bigint' })
  seq!: string;

  /** 1, 2, 3 … without gaps within the subject's chain; null for the events of the global chain. */
  @Column({ type: 'bigint', nullable: true })
  subjectSeq!: string | null;

  @Column({ type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ type: 'text' })
  actorType!: string;

  @Column({ type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ type: 'text' })
  actorLabel!: string;

  @Column({ type: 'text' })
  action!: string;

  @Column({ type: 'text' })
  subjectType!: string;

  @Column({ type: 'text' })
  subjectId!: string;

  @Column({ type: 'jsonb', nullable: true })
  before!: object | null;

  @Column({ type: 'jsonb', nullable: true })
  after!: object | null;

  @Column({ type: 'char', length: 64, nullable: true })
  prevHash!: string | null;

  @Column({ type: 'char', length: 64 })
  hash!: string;
}
