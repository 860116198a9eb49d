import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { sqlList } from './sql-list';
import { ALL_ASSURANCE_ITEMS, AssuranceItem } from './visit-assurance';
import { VisitEntity } from './visit.entity';

/** One line of a visit's terms-of-reference checklist: requested of the State, confirmed by it. */
@Entity('visit_assurance')
@Check('ck_visit_assurance_item', `item IN (${sqlList(ALL_ASSURANCE_ITEMS)})`)
@Check('ck_visit_assurance_confirmed_requested', 'requested OR NOT confirmed')
export class VisitAssuranceEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_visit_assurance' })
  visitId!: string;

  @ManyToOne(() => VisitEntity, { nullable: false })
  @JoinColumn({ name: 'visit_id', foreignKeyConstraintName: 'fk_visit_assurance_visit' })
  visit?: VisitEntity;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_visit_assurance' })
  item!: AssuranceItem;

  @Column({ type: 'boolean' })
  requested!: boolean;

  @Column({ type: 'boolean', default: false })
  confirmed!: boolean;

  /** Internal note on the item; never shown to the State or the public. */
  @Column({ type: 'text', nullable: true })
  note!: string | null;
}
