import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { StateEntity } from './state.entity';

export type MandateKind = 'thematic' | 'country';
export type MandateForm = 'SR' | 'IE' | 'WG';

@Entity('mandate')
@Index('uq_mandate_code', ['code'], { unique: true })
@Check('ck_mandate_kind', `kind IN ('thematic', 'country')`)
@Check('ck_mandate_form', `form IN ('SR', 'IE', 'WG')`)
export class MandateEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Short code of our own, e.g. EXPRESSION, IRN. */
  @Column({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  kind!: MandateKind;

  @Column({ type: 'text' })
  form!: MandateForm;

  @Column({ type: 'text' })
  title!: string;

  /** Year the mandate (or its predecessor) was established. */
  @Column({ type: 'smallint' })
  established!: number;

  /** The State a country mandate covers. */
  @Column({ type: 'char', length: 3, nullable: true })
  countryCode!: string | null;

  @ManyToOne(() => StateEntity)
  @JoinColumn({ name: 'country_code', foreignKeyConstraintName: 'fk_mandate_country' })
  country?: StateEntity;

  /** C11 setting: other letters (OL) on legislation are published at once. */
  @Column({ type: 'boolean', default: false })
  publishLegislationAtOnce!: boolean;

  @Column({ type: 'date', nullable: true })
  endedOn!: string | null;
}
