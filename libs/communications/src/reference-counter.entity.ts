import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The last reference number given per recipient code and Geneva year (C7). Incremented inside the
 * sending transaction; its row lock orders concurrent transmissions, and a rollback gives the number
 * back, so numbers have no gap.
 */
@Entity('reference_counter')
@Check('ck_reference_counter_positive', 'last_number >= 0')
export class ReferenceCounterEntity {
  @PrimaryColumn({ type: 'char', length: 3 })
  code!: string;

  @PrimaryColumn({ type: 'smallint' })
  year!: number;

  @Column({ type: 'integer' })
  lastNumber!: number;
}
