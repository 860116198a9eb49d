import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { CommunicationEntity } from './communication.entity';

/**
 * The first time a focal point of the recipient State opened a sent letter (its page or the API's
 * `GET /portal/communications/{id}`): until then the letter is new in the State's inbox. One row per
 * letter, written once; later openings change nothing.
 */
@Entity('portal_letter_opening')
export class PortalLetterOpeningEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_portal_letter_opening' })
  communicationId!: string;

  @OneToOne(() => CommunicationEntity, { nullable: false })
  @JoinColumn({ name: 'communication_id', foreignKeyConstraintName: 'fk_portal_letter_opening_letter' })
  communication?: CommunicationEntity;

  /** The State that opened it: the letter's recipient. */
  @Column({ type: 'char', length: 3 })
  stateCode!: string;

  /** The government user who opened it first. */
  @Column({ type: 'uuid' })
  openedBy!: string;

  @Column({ type: 'timestamptz' })
  openedAt!: Date;
}
