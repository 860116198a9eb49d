import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The sums of `statistics_letter` per calendar month and per calendar year of sending, per scope and
 * breakdown cell, kept by the same triggers in the writing transaction (`statistics_rollup_apply`) and
 * rebuilt by `statistics_rebuild()`. `mandate_id` is the nil uuid for every letter, else a mandate that
 * signed them. `followed_up`, `replied` and `on_time` count what was ever recorded: a query subtracts
 * the letters whose follow-up or reply came after its cut-off. Cells: `total` (value ''), `type`,
 * `recipient`, `other` (non-State recipient id), `days` and `recipient_days` (letters whose first reply
 * came after `value` days, overall or as 'IRN 27'); a mandate has its totals by month and its totals,
 * types and recipients by year.
 */
@Entity('statistics_letter_rollup')
@Check('ck_statistics_letter_rollup_grain', `grain IN ('month', 'year')`)
export class StatisticsLetterRollupEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_statistics_letter_rollup' })
  mandateId!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_statistics_letter_rollup' })
  grain!: 'month' | 'year';

  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'pk_statistics_letter_rollup' })
  periodStart!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_statistics_letter_rollup' })
  dimension!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_statistics_letter_rollup' })
  value!: string;

  @Column({ type: 'integer' })
  letters!: number;

  /** Letters led by the mandate of the row (0 for every letter). */
  @Column({ type: 'integer' })
  led!: number;

  @Column({ type: 'integer' })
  joint!: number;

  @Column({ type: 'integer' })
  individuals!: number;

  @Column({ type: 'integer' })
  women!: number;

  @Column({ type: 'integer' })
  reprisals!: number;

  @Column({ type: 'integer' })
  followedUp!: number;

  @Column({ type: 'integer' })
  replied!: number;

  @Column({ type: 'integer' })
  onTime!: number;
}
