import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from '@spcomms/accounts';
import { MailLanguage } from './mail-templates';

export enum OutboxState {
  Pending = 'pending',
  Sending = 'sending',
  Sent = 'sent',
  Failed = 'failed',
}

/**
 * One e-mail to one recipient on one occasion. Written in the transaction of the change that
 * causes it; sent by the worker (see OutboxMailer for the once-only protocol).
 */
@Entity('outbox_message')
@Index('uq_outbox_message_key', ['kind', 'subjectType', 'subjectId', 'recipientAddress', 'occasion'], { unique: true })
@Index('ix_outbox_message_pending', ['nextAttemptAt'], { where: `state = 'pending'` })
@Index('ix_outbox_message_sending', ['leaseUntil'], { where: `state = 'sending'` })
@Index('ix_outbox_message_failed', ['lastAttemptAt'], { where: `state = 'failed'` })
@Index('ix_outbox_message_subject', ['subjectType', 'subjectId'])
@Check('ck_outbox_message_state', `state IN ('pending', 'sending', 'sent', 'failed')`)
@Check('ck_outbox_message_language', `language IN ('ar', 'zh', 'en', 'fr', 'ru', 'es')`)
@Check('ck_outbox_message_sent_at', `(state = 'sent') = (sent_at IS NOT NULL)`)
@Check('ck_outbox_message_lease', `(state = 'sending') = (lease_until IS NOT NULL)`)
@Check('ck_outbox_message_attempts', 'attempts >= 0')
export class OutboxMessageEntity {
  /** Chosen by the service, so that the Message-ID header can be derived from it before insert. */
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_outbox_message' })
  id!: string;

  /** Why the message exists, e.g. `letter.reminder_before`. */
  @Column({ type: 'text' })
  kind!: string;

  @Column({ type: 'text' })
  subjectType!: string;

  @Column({ type: 'text' })
  subjectId!: string;

  @Column({ type: 'uuid', nullable: true })
  recipientUserId!: string | null;

  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'recipient_user_id', foreignKeyConstraintName: 'fk_outbox_message_recipient_user' })
  recipientUser?: UserEntity;

  @Column({ type: 'text' })
  recipientAddress!: string;

  /** Tells apart messages of the same kind to the same person about the same subject ('' when one is all there is). */
  @Column({ type: 'text', default: '' })
  occasion!: string;

  @Column({ type: 'text' })
  language!: MailLanguage;

  @Column({ type: 'text' })
  template!: string;

  @Column({ type: 'jsonb' })
  params!: Record<string, string>;

  /** The Message-ID header, derived from the id: a re-sent message is recognisable as the same. */
  @Column({ type: 'text' })
  messageId!: string;

  @Column({ type: 'text', default: OutboxState.Pending })
  state!: OutboxState;

  /** Attempts started (claimed); a crash mid-attempt counts too. */
  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ type: 'timestamptz' })
  nextAttemptAt!: Date;

  /** While sending: the worker owns the message until then. */
  @Column({ type: 'timestamptz', nullable: true })
  leaseUntil!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastAttemptAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt!: Date | null;
}
