import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from '@spcomms/accounts';
import { ReplyEntity } from './reply.entity';

/**
 * The first time a person read a reply (on its letter's page): until then the reply is "not yet
 * read" on the assistant's home. One row per reply and person, written once; later readings change
 * nothing.
 */
@Entity('reply_reading')
@Index('ix_reply_reading_user', ['userId'])
export class ReplyReadingEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_reply_reading' })
  replyId!: string;

  @ManyToOne(() => ReplyEntity, { nullable: false })
  @JoinColumn({ name: 'reply_id', foreignKeyConstraintName: 'fk_reply_reading_reply' })
  reply?: ReplyEntity;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_reply_reading' })
  userId!: string;

  @ManyToOne(() => UserEntity, { nullable: false })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_reply_reading_user' })
  user?: UserEntity;

  @Column({ type: 'timestamptz' })
  readAt!: Date;
}
