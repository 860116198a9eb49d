import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { MandateEntity, OtherRecipientEntity, StateEntity } from '@spcomms/reference';
import { LetterLanguage, LetterType, ReprisalConsent } from '@spcomms/domain-events';

export { LETTER_LANGUAGES, LETTER_TYPES } from '@spcomms/domain-events';
export type { LetterLanguage, LetterType, ReprisalConsent } from '@spcomms/domain-events';
export type CommunicationStatus = 'draft' | 'sent' | 'abandoned';

/**
 * A letter: a draft until transmitted, then a sent letter with its reference (C7).
 * The text lives in immutable versions; the row carries the current content for queries.
 */
@Entity('communication')
@Index('uq_communication_reference_key', ['refCode', 'refYear', 'refNumber'], { unique: true })
@Index('uq_communication_reference', ['reference'], { unique: true })
@Index('ix_communication_recipient_sent', ['recipientCode', 'sentOn'])
@Index('ix_communication_group', ['groupId'])
@Check('ck_communication_type', `type IN ('UA', 'AL', 'OL') OR legacy_type IS NOT NULL`)
@Check('ck_communication_status', `status IN ('draft', 'sent', 'abandoned')`)
@Check('ck_communication_sent_has_reference', `(status = 'sent') = (reference IS NOT NULL AND sent_on IS NOT NULL)`)
@Check('ck_communication_reprisal_consent', `NOT reprisal OR reprisal_consent IS NOT NULL`)
@Check(
  'ck_communication_abandoned',
  `(status = 'abandoned') = (abandoned_at IS NOT NULL AND abandon_reason IS NOT NULL)`,
)
export class CommunicationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  type!: LetterType;

  /** For imported letters whose reference uses an older type (JUA, JAL …) (C8). */
  @Column({ type: 'text', nullable: true })
  legacyType!: string | null;

  @Column({ type: 'text', default: 'draft' })
  status!: CommunicationStatus;

  /** Incremented by every change of the row; the optimistic-concurrency token clients send back. */
  @Column({ type: 'integer', default: 1 })
  revision!: number;

  @Column({ type: 'uuid' })
  leadMandateId!: string;

  @ManyToOne(() => MandateEntity, { nullable: false })
  @JoinColumn({ name: 'lead_mandate_id', foreignKeyConstraintName: 'fk_communication_lead_mandate' })
  leadMandate?: MandateEntity;

  /** ISO alpha-3 code of the recipient State, or the pseudo-code for other recipients. */
  @Column({ type: 'char', length: 3 })
  recipientCode!: string;

  @ManyToOne(() => StateEntity, { nullable: false })
  @JoinColumn({ name: 'recipient_code', foreignKeyConstraintName: 'fk_communication_recipient_state' })
  recipientState?: StateEntity;

  @Column({ type: 'uuid', nullable: true })
  otherRecipientId!: string | null;

  @ManyToOne(() => OtherRecipientEntity)
  @JoinColumn({ name: 'other_recipient_id', foreignKeyConstraintName: 'fk_communication_other_recipient' })
  otherRecipient?: OtherRecipientEntity;

  /** Further States of a group letter (drafts only): one letter per State is sent. */
  @Column({ type: 'char', length: 3, array: true, default: () => "'{}'" })
  coRecipientCodes!: string[];

  @Column({ type: 'text' })
  language!: LetterLanguage;

  @Column({ type: 'text' })
  subject!: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  themes!: string[];

  @Column({ type: 'boolean', default: false })
  reprisal!: boolean;

  @Column({ type: 'jsonb', nullable: true })
  reprisalConsent!: ReprisalConsent | null;

  /** Number of the current version of the text. */
  @Column({ type: 'integer', default: 1 })
  currentVersion!: number;

  /** Letters sent together to several States share a group id. */
  @Column({ type: 'uuid', nullable: true })
  groupId!: string | null;

  @Column({ type: 'text', nullable: true })
  reference!: string | null;

  @Column({ type: 'char', length: 3, nullable: true })
  refCode!: string | null;

  @Column({ type: 'integer', nullable: true })
  refNumber!: number | null;

  @Column({ type: 'smallint', nullable: true })
  refYear!: number | null;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  /** Day of sending in the Geneva calendar. */
  @Column({ type: 'date', nullable: true })
  sentOn!: string | null;

  @Column({ type: 'date', nullable: true })
  replyRequestedBy!: string | null;

  @Column({ type: 'date', nullable: true })
  publicFrom!: string | null;

  /** Set when the letter is marked overdue (no reply by the day after reply_requested_by, C9). */
  @Column({ type: 'timestamptz', nullable: true })
  overdueMarkedAt!: Date | null;

  /**
   * Set at transmission when no e-mail could be sent to the recipient: a State without an active focal
   * point, or a non-State recipient (who has no account). The letter must reach it by other means.
   */
  @Column({ type: 'boolean', default: false })
  recipientUnreachable!: boolean;

  /** When an assistant abandoned the draft, and why (kept in the record, never deleted). */
  @Column({ type: 'timestamptz', nullable: true })
  abandonedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  abandonReason!: string | null;

  /** Imported historical letter (C8). */
  @Column({ type: 'boolean', default: false })
  legacy!: boolean;

  /** Internal working notes: never shown to the recipient or the public. */
  @Column({ type: 'text', default: '' })
  internalNotes!: string;

  @Column({ type: 'uuid', nullable: true })
  createdBy!: string | null;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  updatedAt!: Date;
}
