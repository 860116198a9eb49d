import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { UserEntity } from '@spcomms/accounts';
import { ReplyEntity } from './reply.entity';

/**
 * An `Idempotency-Key` a user sent with a reply: the same key again answers the same reply, and the
 * unique constraint makes concurrent repeats wait for the first and then find it.
 */
@Entity('reply_idempotency_key')
@Index('uq_reply_idempotency_key_user_key', ['userId', 'key'], { unique: true })
@Check('ck_reply_idempotency_key_length', 'char_length(key) BETWEEN 1 AND 200')
export class ReplyIdempotencyKeyEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, { nullable: false })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_reply_idempotency_key_user' })
  user?: UserEntity;

  @Column({ type: 'text' })
  key!: string;

  /** SHA-256 of the request (letter, fields, attachment digests): the same key with another body is refused. */
  @Column({ type: 'char', length: 64 })
  requestHash!: string;

  /** Set in the transaction that claims the key, before it commits. */
  @Index('ix_reply_idempotency_key_reply')
  @Column({ type: 'uuid', nullable: true })
  replyId!: string | null;

  @ManyToOne(() => ReplyEntity)
  @JoinColumn({ name: 'reply_id', foreignKeyConstraintName: 'fk_reply_idempotency_key_reply' })
  reply?: ReplyEntity;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}
