import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { StateEntity } from './state.entity';

export const OTHER_RECIPIENT_KINDS = ['company', 'international_organisation', 'non_state_actor', 'other'] as const;
export type OtherRecipientKind = (typeof OTHER_RECIPIENT_KINDS)[number];

/** A recipient that is not a State: a company, an international organisation, another non-State actor. */
@Entity('other_recipient')
@Index('uq_other_recipient_name', ['name'], { unique: true })
export class OtherRecipientEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  kind!: OtherRecipientKind;

  /** Country of registration or seat, when known. */
  @Column({ type: 'char', length: 3, nullable: true })
  countryCode!: string | null;

  @ManyToOne(() => StateEntity)
  @JoinColumn({ name: 'country_code', foreignKeyConstraintName: 'fk_other_recipient_country' })
  country?: StateEntity;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
