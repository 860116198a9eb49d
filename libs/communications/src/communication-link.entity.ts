import { Check, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CommunicationEntity } from './communication.entity';

/** A follow-up letter refers to an earlier one; read both ways. */
@Entity('communication_follow_up')
@Check('ck_communication_follow_up_not_self', 'communication_id <> follows_up_id')
export class CommunicationFollowUpEntity {
  @PrimaryColumn({ type: 'uuid' })
  communicationId!: string;

  @ManyToOne(() => CommunicationEntity, { nullable: false })
  @JoinColumn({ name: 'communication_id', foreignKeyConstraintName: 'fk_communication_follow_up_letter' })
  communication?: CommunicationEntity;

  @Index('ix_communication_follow_up_earlier')
  @PrimaryColumn({ type: 'uuid' })
  followsUpId!: string;

  @ManyToOne(() => CommunicationEntity, { nullable: false })
  @JoinColumn({ name: 'follows_up_id', foreignKeyConstraintName: 'fk_communication_follow_up_earlier' })
  followsUp?: CommunicationEntity;
}
