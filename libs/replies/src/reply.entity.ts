import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { UserEntity } from '@spcomms/accounts';
import { CommunicationEntity } from '@spcomms/communications';

/** The six UN languages in which a reply may come (ISO 639-1). */
export const REPLY_LANGUAGES = ['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const;
export type ReplyLanguage = (typeof REPLY_LANGUAGES)[number];

/** How the reply reached the special procedures. Only the recipient's own portal posts use `portal`. */
export const REPLY_CHANNELS = ['portal', 'note_verbale', 'email', 'letter', 'other'] as const;
export type ReplyChannel = (typeof REPLY_CHANNELS)[number];

const list = (values: readonly string[]) => values.map((value) => `'${value}'`).join(', ');

/**
 * A reply of the recipient to a sent letter (C10). Rows are never changed or deleted (the database
 * refuses): a correction is a new reply that names the one it corrects.
 *
 * `on_time` is stored, not derived: at receipt, the letter's reply-requested date then in force is
 * copied into `requested_by` and `on_time = received_on <= requested_by` (C9), which a CHECK keeps
 * true. An extension granted before the reply counts; a later change of the letter's date does not
 * rewrite the record, and statistics read the flag without joining the letter.
 */
@Entity('reply')
@Index('uq_reply_communication_number', ['communicationId', 'number'], { unique: true })
@Index('uq_reply_receipt_code', ['receiptCode'], { unique: true })
@Check('ck_reply_language', `language IN (${list(REPLY_LANGUAGES)})`)
@Check('ck_reply_channel', `channel IN (${list(REPLY_CHANNELS)})`)
@Check('ck_reply_number', 'number >= 1')
@Check('ck_reply_not_self_correction', 'corrects_reply_id IS NULL OR corrects_reply_id <> id')
@Check('ck_reply_portal_received_at', `channel <> 'portal' OR (received_at IS NOT NULL AND recorded_by IS NOT NULL)`)
@Check('ck_reply_text_not_blank', `text IS NULL OR btrim(text) <> ''`)
@Check('ck_reply_on_time', '(requested_by IS NULL AND on_time IS NULL) OR on_time = (received_on <= requested_by)')
export class ReplyEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  communicationId!: string;

  @ManyToOne(() => CommunicationEntity, { nullable: false })
  @JoinColumn({ name: 'communication_id', foreignKeyConstraintName: 'fk_reply_communication' })
  communication?: CommunicationEntity;

  /** 1, 2, … in the order the replies to the letter were recorded. */
  @Column({ type: 'integer' })
  number!: number;

  /** Quoted by the recipient as proof of receipt. */
  @Column({ type: 'text' })
  receiptCode!: string;

  /** Day of receipt in the Geneva calendar. */
  @Index('ix_reply_received_on')
  @Column({ type: 'date' })
  receivedOn!: string;

  /** Instant of receipt when known: always for portal replies; null when an assistant gives only the day. */
  @Column({ type: 'timestamptz', nullable: true })
  receivedAt!: Date | null;

  @Column({ type: 'text' })
  language!: ReplyLanguage;

  /** Null when the reply consists of its attachments only. */
  @Column({ type: 'text', nullable: true })
  text!: string | null;

  /** C12: marked confidential by its author; the public then sees that a reply exists, not its content. */
  @Column({ type: 'boolean', default: false })
  confidential!: boolean;

  @Column({ type: 'text' })
  channel!: ReplyChannel;

  /** The government user who posted it, or the assistant who recorded it; null for system imports. */
  @Column({ type: 'uuid', nullable: true })
  recordedBy!: string | null;

  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'recorded_by', foreignKeyConstraintName: 'fk_reply_recorded_by' })
  recorder?: UserEntity;

  /** The letter's reply-requested date in force at receipt; null if the letter has none (imports). */
  @Column({ type: 'date', nullable: true })
  requestedBy!: string | null;

  /** Received on or before `requested_by` (C9); null when there is no such date. */
  @Column({ type: 'boolean', nullable: true })
  onTime!: boolean | null;

  /** The earlier reply to the same letter that this one corrects (C10). */
  @Index('ix_reply_corrects')
  @Column({ type: 'uuid', nullable: true })
  correctsReplyId!: string | null;

  @ManyToOne(() => ReplyEntity)
  @JoinColumn({ name: 'corrects_reply_id', foreignKeyConstraintName: 'fk_reply_corrects' })
  corrects?: ReplyEntity;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}
