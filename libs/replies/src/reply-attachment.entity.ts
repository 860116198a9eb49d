import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ReplyEntity } from './reply.entity';

/** Media types accepted for attachments, recognised by their content (magic bytes), not by their name. */
export const ATTACHMENT_MEDIA_TYPES = [
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'image/png',
  'image/jpeg',
] as const;
export type AttachmentMediaType = (typeof ATTACHMENT_MEDIA_TYPES)[number];

/** A file sent with a reply. The bytes live in the attachment storage under `storage_key`. */
@Entity('reply_attachment')
@Check(
  'ck_reply_attachment_media_type',
  `media_type IN (${ATTACHMENT_MEDIA_TYPES.map((type) => `'${type}'`).join(', ')})`,
)
@Check('ck_reply_attachment_size', 'size > 0')
@Check('ck_reply_attachment_sha256', `sha256 ~ '^[0-9a-f]{64}$'`)
export class ReplyAttachmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('ix_reply_attachment_reply')
  @Column({ type: 'uuid' })
  replyId!: string;

  @ManyToOne(() => ReplyEntity, { nullable: false })
  @JoinColumn({ name: 'reply_id', foreignKeyConstraintName: 'fk_reply_attachment_reply' })
  reply?: ReplyEntity;

  /** 1, 2, … in the order of the upload. */
  @Column({ type: 'smallint' })
  position!: number;

  /** The name given by the sender, cleaned of paths and control characters; never used as a path. */
  @Column({ type: 'text' })
  fileName!: string;

  /** The type recognised from the content. */
  @Column({ type: 'text' })
  mediaType!: AttachmentMediaType;

  @Column({ type: 'bigint' })
  size!: string;

  @Column({ type: 'char', length: 64 })
  sha256!: string;

  /** Content-addressed: the same bytes share one stored object. */
  @Index('ix_reply_attachment_storage_key')
  @Column({ type: 'text' })
  storageKey!: string;
}
