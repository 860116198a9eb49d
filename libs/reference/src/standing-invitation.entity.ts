import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { StateEntity } from './state.entity';

/** V2: a State's declaration that it accepts visits by any thematic mandate. */
@Entity('standing_invitation')
@Index('uq_standing_invitation_active', ['stateCode'], { unique: true, where: 'withdrawn_on IS NULL' })
export class StandingInvitationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'char', length: 3 })
  stateCode!: string;

  @ManyToOne(() => StateEntity, { nullable: false })
  @JoinColumn({ name: 'state_code', foreignKeyConstraintName: 'fk_standing_invitation_state' })
  state?: StateEntity;

  @Column({ type: 'date' })
  issuedOn!: string;

  @Column({ type: 'date', nullable: true })
  withdrawnOn!: string | null;
}
