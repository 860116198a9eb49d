import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { MandateEntity } from './mandate.entity';

/** A person who holds (or held) a mandate: a Special Rapporteur, an Independent Expert or a member of a Working Group. */
@Entity('mandate_holder')
export class MandateHolderEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  /** The user account through which the holder approves letters, if any. */
  @Index('ix_mandate_holder_user')
  @Column({ type: 'uuid', nullable: true })
  userId!: string | null;
}

/** One term of a holder on a mandate: three years, renewable once (M1). */
@Entity('mandate_term')
@Index('uq_mandate_term_number', ['holderId', 'mandateId', 'number'], { unique: true })
@Check('ck_mandate_term_number', 'number IN (1, 2)')
@Check('ck_mandate_term_dates', 'ends_on > starts_on')
export class MandateTermEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  holderId!: string;

  @ManyToOne(() => MandateHolderEntity, { nullable: false })
  @JoinColumn({ name: 'holder_id', foreignKeyConstraintName: 'fk_mandate_term_holder' })
  holder?: MandateHolderEntity;

  @Index('ix_mandate_term_mandate')
  @Column({ type: 'uuid' })
  mandateId!: string;

  @ManyToOne(() => MandateEntity, { nullable: false })
  @JoinColumn({ name: 'mandate_id', foreignKeyConstraintName: 'fk_mandate_term_mandate' })
  mandate?: MandateEntity;

  /** 1 or 2: a third term is refused by the service and by a CHECK constraint. */
  @Column({ type: 'smallint' })
  number!: number;

  @Column({ type: 'date' })
  startsOn!: string;

  @Column({ type: 'date' })
  endsOn!: string;

  /** Set when a term ends early (resignation). */
  @Column({ type: 'date', nullable: true })
  endedOn!: string | null;
}
