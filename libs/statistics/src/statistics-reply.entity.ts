import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { StatisticsLetterEntity } from './statistics-letter.entity';

/**
 * One row per reply that counts (corrections excluded, C10), with the day its letter was sent, so that
 * the replies received in a period split into replies to that period's letters and to earlier ones
 * without reading the letters. Maintained by the same triggers as `statistics_letter`.
 */
@Entity('statistics_reply')
@Index('ix_statistics_reply_received', ['receivedOn', 'letterSentOn'])
@Index('ix_statistics_reply_letter', ['communicationId'])
export class StatisticsReplyEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_statistics_reply' })
  replyId!: string;

  @Column({ type: 'uuid' })
  communicationId!: string;

  @ManyToOne(() => StatisticsLetterEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'communication_id', foreignKeyConstraintName: 'fk_statistics_reply_letter' })
  letter?: StatisticsLetterEntity;

  @Column({ type: 'date' })
  receivedOn!: string;

  @Column({ type: 'date' })
  letterSentOn!: string;

  /** Received on or before the letter's reply-requested date (C9). */
  @Column({ type: 'boolean' })
  onTime!: boolean;
}
