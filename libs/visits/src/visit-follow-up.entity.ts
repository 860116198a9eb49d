import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { VisitEntity } from './visit.entity';

export type VisitFollowUpKind = 'report' | 'visit';

export const VISIT_FOLLOW_UP_KINDS: readonly VisitFollowUpKind[] = ['report', 'visit'];

/** V4: a follow-up to a completed visit (a follow-up report or a follow-up visit), with its own due date. */
@Entity('visit_follow_up')
@Index('ix_visit_follow_up_visit', ['visitId'])
@Check('ck_visit_follow_up_kind', `kind IN ('report', 'visit')`)
export class VisitFollowUpEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_visit_follow_up' })
  id!: string;

  @Column({ type: 'uuid' })
  visitId!: string;

  @ManyToOne(() => VisitEntity, { nullable: false })
  @JoinColumn({ name: 'visit_id', foreignKeyConstraintName: 'fk_visit_follow_up_visit' })
  visit?: VisitEntity;

  @Column({ type: 'text' })
  kind!: VisitFollowUpKind;

  @Column({ type: 'date' })
  dueOn!: string;

  /** Internal note; never shown to the State or the public. */
  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy!: string | null;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}
