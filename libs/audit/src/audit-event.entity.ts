import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One line of the append-only, hash-chained audit log. The database refuses
 * UPDATE, DELETE and TRUNCATE on this table (see the migration's trigger).
 */
@Entity('audit_event')
@Index('ix_audit_event_subject', ['subjectType', 'subjectId'])
export class AuditEventEntity {
  /** 1, 2, 3 … without gaps: assigned under the chain lock. */
  @PrimaryColumn({ type: 'bigint' })
  seq!: string;

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
