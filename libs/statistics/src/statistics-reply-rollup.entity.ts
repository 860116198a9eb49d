import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * How many replies (those of `statistics_reply`) were received per calendar month and year
 * (`period_start`), per scope (`mandate_id`: the nil uuid for every letter, else a mandate that signed
 * the letter), to letters sent in `letter_month`. Kept by the triggers of the fact tables
 * (`statistics_reply_rollup_apply`) and rebuilt by `statistics_rebuild()`.
 */
@Entity('statistics_reply_rollup')
@Check('ck_statistics_reply_rollup_grain', `grain IN ('month', 'year')`)
export class StatisticsReplyRollupEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_statistics_reply_rollup' })
  mandateId!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_statistics_reply_rollup' })
  grain!: 'month' | 'year';

  /** First day of the month or year of receipt. */
  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'pk_statistics_reply_rollup' })
  periodStart!: string;

  /** First day of the month in which the letter replied to was sent. */
  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'pk_statistics_reply_rollup' })
  letterMonth!: string;

  @Column({ type: 'integer' })
  replies!: number;
}
