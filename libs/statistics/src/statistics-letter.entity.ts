import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CommunicationEntity } from '@spcomms/communications';

/**
 * One row per sent letter: the facts the statistics (S) count, kept by the database itself. Triggers on
 * the letter, its mandates, approvals, follow-up links and replies recompute the row in the writing
 * transaction (function `statistics_refresh_letter`), so the figures are as fresh as the data; the
 * function `statistics_rebuild()` recomputes every row from the record.
 *
 * Dates are the facts' own dates, never the time of recording, so that a cut-off selects exactly:
 * a letter counts when `sent_on <= cutoff`, a reply when its `received_on <= cutoff`.
 */
@Entity('statistics_letter')
@Index('ix_statistics_letter_sent', ['sentOn'])
/** On (greatest(followed_up_on, first_reply_on, on_time_reply_on), sent_on): letters still moving after a cut-off (created by the migration). */
@Index('ix_statistics_letter_settled', { synchronize: false })
@Check('ck_statistics_letter_victims', 'individuals >= 0 AND women >= 0 AND women <= individuals')
@Check('ck_statistics_letter_mandates', 'cardinality(mandate_ids) >= 1 AND (cardinality(mandate_ids) < 2 OR joint)')
@Check('ck_statistics_letter_on_time', 'on_time_reply_on IS NULL OR first_reply_on <= on_time_reply_on')
export class StatisticsLetterEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_statistics_letter' })
  communicationId!: string;

  @ManyToOne(() => CommunicationEntity, { nullable: false })
  @JoinColumn({ name: 'communication_id', foreignKeyConstraintName: 'fk_statistics_letter_communication' })
  communication?: CommunicationEntity;

  /** Day of sending in the Geneva calendar. */
  @Column({ type: 'date' })
  sentOn!: string;

  /** UA, AL or OL; imported JUA, JAL, JOL count as their plain type (C8). */
  @Column({ type: 'text' })
  type!: string;

  /** ISO alpha-3 of the recipient State, or the pseudo-code of other recipients. */
  @Column({ type: 'char', length: 3 })
  recipientCode!: string;

  @Column({ type: 'uuid', nullable: true })
  otherRecipientId!: string | null;

  @Column({ type: 'uuid' })
  leadMandateId!: string;

  /** The mandates that signed the sent version (the lead included); GIN index created by the migration. */
  @Index('ix_statistics_letter_mandates', { synchronize: false })
  @Column({ type: 'uuid', array: true })
  mandateIds!: string[];

  /** Signed by two or more mandates (or imported as JUA, JAL, JOL). */
  @Column({ type: 'boolean' })
  joint!: boolean;

  /** Victims of the sent version that are persons, not groups. */
  @Column({ type: 'integer' })
  individuals!: number;

  /** Of those, the victims whose gender is female. */
  @Column({ type: 'integer' })
  women!: number;

  @Column({ type: 'boolean' })
  reprisal!: boolean;

  /** Imported historical letter (C8). */
  @Column({ type: 'boolean' })
  legacy!: boolean;

  /** The first day a sent letter following this one up was sent. */
  @Column({ type: 'date', nullable: true })
  followedUpOn!: string | null;

  /** Day the first reply was received (corrections of a reply are not replies). */
  @Column({ type: 'date', nullable: true })
  firstReplyOn!: string | null;

  /** Day the first reply received on time (on or before the reply-requested date, C9) was received. */
  @Column({ type: 'date', nullable: true })
  onTimeReplyOn!: string | null;
}
