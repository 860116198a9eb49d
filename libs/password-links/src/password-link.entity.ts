import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { UserEntity } from '@spcomms/accounts';

export type PasswordLinkPurpose = 'setup' | 'reset';

/**
 * A one-time link that lets a user set their password: sent to a new user created without one, or
 * after an admin's reset. Only the SHA-256 of its token is stored; it is used once, or ends when it
 * expires or a newer link of the user replaces it.
 */
@Entity('password_link')
@Index('uq_password_link_token_hash', ['tokenHash'], { unique: true })
@Check('ck_password_link_purpose', `purpose IN ('setup', 'reset')`)
export class PasswordLinkEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_password_link' })
  id!: string;

  @Index('ix_password_link_user')
  @Column({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_password_link_user' })
  user?: UserEntity;

  @Column({ type: 'char', length: 64 })
  tokenHash!: string;

  @Column({ type: 'text' })
  purpose!: PasswordLinkPurpose;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  /** When the link set the password, or was replaced by a newer one: it works no more. */
  @Column({ type: 'timestamptz', nullable: true })
  endedAt!: Date | null;
}
