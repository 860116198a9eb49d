import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { MandateEntity } from '@spcomms/reference';
import { CommunicationEntity } from './communication.entity';

export type MandateRole = 'lead' | 'cosigner';
/** invited: asked to sign; declined or dropped: no longer on the letter. */
export type MandateParticipation = 'lead' | 'invited' | 'declined' | 'dropped';

/** A mandate on a letter: the lead, or an invited co-signer (C5). */
@Entity('communication_mandate')
@Check('ck_communication_mandate_participation', `participation IN ('lead', 'invited', 'declined', 'dropped')`)
export class CommunicationMandateEntity {
  @PrimaryColumn({ type: 'uuid' })
  communicationId!: string;

  @ManyToOne(() => CommunicationEntity, { nullable: false })
  @JoinColumn({ name: 'communication_id', foreignKeyConstraintName: 'fk_communication_mandate_communication' })
  communication?: CommunicationEntity;

  @Index('ix_communication_mandate_mandate')
  @PrimaryColumn({ type: 'uuid' })
  mandateId!: string;

  @ManyToOne(() => MandateEntity, { nullable: false })
  @JoinColumn({ name: 'mandate_id', foreignKeyConstraintName: 'fk_communication_mandate_mandate' })
  mandate?: MandateEntity;

  @Column({ type: 'text' })
  participation!: MandateParticipation;

  @Column({ type: 'timestamptz' })
  invitedAt!: Date;

  /** After this instant a silent co-signer is dropped. Null for the lead. */
  @Column({ type: 'timestamptz', nullable: true })
  signOnDeadline!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  leftAt!: Date | null;
}
