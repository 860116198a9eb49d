import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { PUBLISHED_LANGUAGES, PublishedCommunicationEntity, PublishedLanguage } from './published-communication.entity';

const list = (values: readonly string[]) => values.map((value) => `'${value}'`).join(', ');

/**
 * A reply to a published letter, as the public sees it. A confidential reply (C12) is only a
 * placeholder: the database refuses a text or a language on it, and refuses attachments to it
 * (see PublishedAttachmentEntity). The text of a public reply is redacted like the letter's.
 */
@Entity('published_reply')
@Index('uq_published_reply_number', ['communicationId', 'number'], { unique: true })
@Index('uq_published_reply_confidential', ['id', 'confidential'], { unique: true })
@Index('ix_published_reply_received', ['receivedOn'])
@Check('ck_published_reply_language', `language IS NULL OR language IN (${list(PUBLISHED_LANGUAGES)})`)
@Check('ck_published_reply_placeholder', 'NOT confidential OR (text IS NULL AND language IS NULL)')
@Check('ck_published_reply_public', 'confidential OR language IS NOT NULL')
export class PublishedReplyEntity {
  /** The id of the internal reply. */
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_published_reply' })
  id!: string;

  @Column({ type: 'uuid' })
  communicationId!: string;

  @ManyToOne(() => PublishedCommunicationEntity, { nullable: false })
  @JoinColumn({ name: 'communication_id', foreignKeyConstraintName: 'fk_published_reply_communication' })
  communication?: PublishedCommunicationEntity;

  /** 1, 2, … as numbered on receipt. */
  @Column({ type: 'integer' })
  number!: number;

  @Column({ type: 'date' })
  receivedOn!: string;

  @Column({ type: 'boolean' })
  confidential!: boolean;

  @Column({ type: 'text', nullable: true })
  language!: PublishedLanguage | null;

  /** Null for a confidential reply, and for a public reply made only of attachments. */
  @Column({ type: 'text', nullable: true })
  text!: string | null;

  /** Number of the earlier reply this one corrects (C10). */
  @Column({ type: 'integer', nullable: true })
  correctsNumber!: number | null;

  @Column({ type: 'timestamptz' })
  publishedAt!: Date;

  /** Written by the database only: the reply's text in its language's configuration. */
  @Column({ type: 'tsvector', nullable: true, select: false, insert: false, update: false })
  searchVector?: string | null;
}

/**
 * A file of a public reply, offered for download. The composite key to the reply carries its
 * confidential flag, and the check makes it false: an attachment of a confidential reply cannot be
 * stored here at all (C12).
 */
@Entity('published_attachment')
@Index('ix_published_attachment_reply', ['replyId'])
@Check('ck_published_attachment_public_reply', 'NOT reply_confidential')
export class PublishedAttachmentEntity {
  /** The id of the internal attachment. */
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_published_attachment' })
  id!: string;

  @Column({ type: 'uuid' })
  replyId!: string;

  @Column({ type: 'boolean', default: false })
  replyConfidential!: boolean;

  @ManyToOne(() => PublishedReplyEntity, { nullable: false })
  @JoinColumn([
    { name: 'reply_id', referencedColumnName: 'id', foreignKeyConstraintName: 'fk_published_attachment_reply' },
    {
      name: 'reply_confidential',
      referencedColumnName: 'confidential',
      foreignKeyConstraintName: 'fk_published_attachment_reply',
    },
  ])
  reply?: PublishedReplyEntity;

  @Column({ type: 'smallint' })
  position!: number;

  /** The sender's file name, redacted like the texts. */
  @Column({ type: 'text' })
  fileName!: string;

  @Column({ type: 'text' })
  mediaType!: string;

  @Column({ type: 'bigint' })
  size!: string;

  @Column({ type: 'char', length: 64 })
  sha256!: string;

  /** Where the bytes are in the attachment storage (content-addressed). */
  @Column({ type: 'text' })
  storageKey!: string;
}
