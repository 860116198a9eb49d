import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { ALL_ROLES, Role } from '@spcomms/access';
import { MandateEntity, StateEntity } from '@spcomms/reference';

/** The interface languages a person may choose: the six languages of the site. */
export const PREFERRED_LANGUAGES = ['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const;
export type PreferredLanguage = (typeof PREFERRED_LANGUAGES)[number];

@Entity('app_user')
@Index('uq_app_user_username', ['username'], { unique: true })
@Check('ck_app_user_government_state', `(role = 'government') = (state_code IS NOT NULL)`)
@Check('ck_app_user_language', `language IN ('ar', 'zh', 'en', 'fr', 'ru', 'es')`)
@Check('ck_app_user_role', `role IN (${ALL_ROLES.map((role) => `'${role}'`).join(', ')})`)
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Lower-case login name. */
  @Column({ type: 'text' })
  username!: string;

  @Column({ type: 'text' })
  displayName!: string;

  @Column({ type: 'text' })
  email!: string;

  @Column({ type: 'text' })
  role!: Role;

  /** The State a government user speaks for. */
  @Column({ type: 'char', length: 3, nullable: true })
  stateCode!: string | null;

  @ManyToOne(() => StateEntity)
  @JoinColumn({ name: 'state_code', foreignKeyConstraintName: 'fk_app_user_state' })
  state?: StateEntity;

  /** The interface language the person chose: their e-mails are written in it (a focal point's follow its State's). */
  @Column({ type: 'text', default: 'en' })
  language!: PreferredLanguage;

  @Column({ type: 'text' })
  passwordHash!: string;

  @Column({ type: 'timestamptz', nullable: true })
  disabledAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

/** The mandates an assistant or mandate-holder works for. */
@Entity('user_mandate')
export class UserMandateEntity {
  @PrimaryColumn({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_user_mandate_user' })
  user?: UserEntity;

  @Index('ix_user_mandate_mandate')
  @PrimaryColumn({ type: 'uuid' })
  mandateId!: string;

  @ManyToOne(() => MandateEntity, { nullable: false })
  @JoinColumn({ name: 'mandate_id', foreignKeyConstraintName: 'fk_user_mandate_mandate' })
  mandate?: MandateEntity;
}
