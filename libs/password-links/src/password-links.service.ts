import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Actor, Role, requireRole, systemActor } from '@spcomms/access';
import {
  AccountsRepository,
  CreateUserDto,
  ResetPasswordDto,
  UserDto,
  UserEntity,
  UsersService,
  hashToken,
} from '@spcomms/accounts';
import { AuditService } from '@spcomms/audit';
import { Clock } from '@spcomms/clock';
import { AppConfig } from '@spcomms/config';
import { TransactionHost } from '@spcomms/database';
import { MailTemplate, NotificationsService, pageLinks } from '@spcomms/notifications';
import { PasswordLinkEntity, PasswordLinkPurpose } from './password-link.entity';
import { UsePasswordLinkDto } from './password-links.dto';
import { PasswordLinkErrorCode, PasswordLinkException } from './password-links.exception';
import { PasswordLinksRepository } from './password-links.repository';

const TEMPLATES: Record<PasswordLinkPurpose, MailTemplate> = {
  setup: MailTemplate.AccountPasswordSetup,
  reset: MailTemplate.AccountPasswordReset,
};

/**
 * Passwords set by their users through one-time links: a user created without a password, or whose
 * password an admin reset, is e-mailed a link (token stored hashed, single use, expiring after
 * PASSWORD_LINK_TTL_HOURS); the token and a new password set it.
 */
@Injectable()
export class PasswordLinksService {
  constructor(
    private readonly repository: PasswordLinksRepository,
    private readonly accounts: AccountsRepository,
    private readonly users: UsersService,
    private readonly notifications: NotificationsService,
    private readonly tx: TransactionHost,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** An admin creates a user; without a password, the user is e-mailed a link to set one. */
  createUser(actor: Actor, dto: CreateUserDto): Promise<UserDto> {
    requireRole(actor, Role.Admin);
    return this.tx.run(async () => {
      const user = await this.users.create(actor, dto);
      if (!dto.password) {
        await this.sendLink(actor, (await this.accounts.findUser(user.id)) as UserEntity, 'setup');
      }
      return user;
    });
  }

  /**
   * An admin resets a password: set by hand when given; otherwise cleared, and the user is e-mailed a
   * link to set a new one. Either way the user's sessions end.
   */
  resetPassword(actor: Actor, id: string, dto: ResetPasswordDto): Promise<UserDto> {
    requireRole(actor, Role.Admin);
    if (dto.password) {
      return this.users.resetPassword(actor, id, { password: dto.password });
    }
    return this.tx.run(async () => {
      const user = await this.users.setPassword(actor, id, null, 'user.reset_password');
      await this.sendLink(actor, user, 'reset');
      return this.users.describe(id);
    });
  }

  /** Sets the password of the link's user and ends the link; its user's sessions end. */
  usePasswordLink(dto: UsePasswordLinkDto): Promise<void> {
    return this.tx.run(async () => {
      const link = await this.repository.useOpenLink(hashToken(dto.token), this.clock.now());
      const user = link ? await this.accounts.findUser(link.userId) : null;
      if (!link || !user || user.disabledAt) {
        throw new PasswordLinkException(
          PasswordLinkErrorCode.InvalidLink,
          'This link is unknown, already used, replaced by a newer one or expired; ask an administrator for a new one',
        );
      }
      await this.users.setPassword(systemActor('password-link'), user.id, dto.password, 'user.set_password_by_link');
    });
  }

  private async sendLink(actor: Actor, user: UserEntity, purpose: PasswordLinkPurpose): Promise<void> {
    const now = this.clock.now();
    const token = `spl_${randomBytes(32).toString('base64url')}`;
    const expiresAt = new Date(now.getTime() + this.config.env.PASSWORD_LINK_TTL_HOURS * 3600_000);
    await this.repository.endOpenLinksOf(user.id, now);
    const link = await this.repository.insert(
      Object.assign(new PasswordLinkEntity(), {
        userId: user.id,
        tokenHash: hashToken(token),
        purpose,
        createdAt: now,
        expiresAt,
        endedAt: null,
      }),
    );
    await this.notifications.enqueue({
      kind: `account.password_${purpose}`,
      subject: { type: 'user', id: user.id },
      to: { userId: user.id },
      occasion: link.id,
      template: TEMPLATES[purpose],
      params: {
        username: user.username,
        // The page in each e-mail language: the e-mail opens it in the language it is written in.
        ...pageLinks(this.config, `/set-password?token=${token}`),
        // An instant: the e-mail writes it as a day and time in Geneva, in its language.
        validUntil: expiresAt.toISOString(),
      },
    });
    await this.audit.record(actor, {
      action: 'user.password_link',
      subject: { type: 'user', id: user.id },
      after: { linkId: link.id, purpose, expiresAt },
    });
  }
}
