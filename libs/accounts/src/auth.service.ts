import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Actor, Role, UserActor, systemActor } from '@spcomms/access';
import { AuditService } from '@spcomms/audit';
import { Clock } from '@spcomms/clock';
import { AppConfig } from '@spcomms/config';
import { TransactionHost } from '@spcomms/database';
import { NotFoundException } from '@spcomms/errors';
import {
  ChangeOwnPasswordDto,
  LoginDto,
  LoginResponseDto,
  MeDto,
  OwnSessionDto,
  UpdateOwnAccountDto,
} from './accounts.dto';
import { AccountsErrorCode, AccountsException } from './accounts.exception';
import { AccountsRepository, LiveSession } from './accounts.repository';
import { LoginLimiter } from './login-limiter';
import { PasswordHasher } from './password-hasher';
import { SessionEntity } from './session.entity';
import { hashToken } from './token-hash';
import { UsersService } from './users.service';

@Injectable()
export class AuthService {
  /** Verified against when the user does not exist, so that timing does not tell. */
  private dummyHash?: Promise<string>;

  constructor(
    private readonly repository: AccountsRepository,
    private readonly hasher: PasswordHasher,
    private readonly limiter: LoginLimiter,
    private readonly users: UsersService,
    private readonly tx: TransactionHost,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async login(ip: string, dto: LoginDto): Promise<LoginResponseDto> {
    const username = dto.username.trim().toLowerCase();
    const wait = await this.limiter.admit(username, ip);
    if (wait > 0) {
      throw new AccountsException(AccountsErrorCode.TooManyAttempts, `Too many failed logins; try again in ${wait} s`, {
        retryAfterSeconds: wait,
      });
    }
    const user = await this.repository.findUserByUsername(username);
    this.dummyHash ??= this.hasher.hash(randomBytes(16).toString('hex'));
    const valid = await this.hasher.verify(user?.passwordHash ?? (await this.dummyHash), dto.password);
    if (!user || !valid || user.disabledAt) {
      await this.limiter.recordFailure(username, ip);
      throw new AccountsException(AccountsErrorCode.InvalidCredentials, 'Wrong user name or password');
    }
    await this.limiter.recordSuccess(username, ip);

    const token = `spc_${randomBytes(32).toString('base64url')}`;
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.config.env.TOKEN_TTL_HOURS * 3600_000);
    await this.tx.run(async () => {
      const session = await this.repository.saveSession(
        Object.assign(new SessionEntity(), {
          userId: user.id,
          tokenHash: hashToken(token),
          createdAt: now,
          expiresAt,
          revokedAt: null,
        }),
      );
      await this.audit.record(systemActor('auth'), {
        action: 'session.login',
        subject: { type: 'user', id: user.id },
        after: { sessionId: session.id, ip, expiresAt },
      });
    });
    return { token, expiresAt };
  }

  /** The actor behind a bearer token, or null when the token is unknown, expired or revoked. */
  async authenticate(token: string): Promise<UserActor | null> {
    return this.actorOf(await this.repository.findLiveSession(hashToken(token), this.clock.now()));
  }

  /** The actor of a login session still live (not expired, revoked or of a disabled user), or null. */
  async authenticateSession(sessionId: string): Promise<UserActor | null> {
    return this.actorOf(await this.repository.findLiveSessionById(sessionId, this.clock.now()));
  }

  private actorOf(found: LiveSession | null): UserActor | null {
    if (!found) {
      return null;
    }
    return {
      kind: 'user',
      userId: found.userId,
      sessionId: found.sessionId,
      username: found.username,
      role: found.role,
      mandateIds: found.role === Role.Assistant || found.role === Role.MandateHolder ? found.mandateIds : [],
      stateCode: found.role === Role.Government ? (found.stateCode?.trim() ?? null) : null,
    };
  }

  async logout(actor: Actor): Promise<void> {
    if (actor.kind !== 'user') {
      throw new AccountsException(AccountsErrorCode.Unauthenticated, 'Not logged in');
    }
    await this.tx.run(async () => {
      await this.repository.revokeSession(actor.sessionId, this.clock.now());
      await this.audit.record(actor, {
        action: 'session.logout',
        subject: { type: 'user', id: actor.userId },
        after: { sessionId: actor.sessionId },
      });
    });
  }

  /**
   * A user changes their own password: the current one is required, and every other session of the
   * user ends (the one making the change stays). Failed attempts count against the login limit.
   */
  async changeOwnPassword(actor: Actor, ip: string, dto: ChangeOwnPasswordDto): Promise<void> {
    if (actor.kind !== 'user') {
      throw new AccountsException(AccountsErrorCode.Unauthenticated, 'Not logged in');
    }
    const wait = await this.limiter.admit(actor.username, ip);
    if (wait > 0) {
      throw new AccountsException(
        AccountsErrorCode.TooManyAttempts,
        `Too many failed attempts; try again in ${wait} s`,
        { retryAfterSeconds: wait },
      );
    }
    const user = await this.repository.findUser(actor.userId);
    if (!user || !(await this.hasher.verify(user.passwordHash, dto.currentPassword))) {
      await this.limiter.recordFailure(actor.username, ip);
      throw new AccountsException(AccountsErrorCode.WrongPassword, 'The current password is wrong');
    }
    await this.limiter.recordSuccess(actor.username, ip);
    if (dto.newPassword === dto.currentPassword) {
      throw new AccountsException(AccountsErrorCode.SamePassword, 'The new password must differ from the current one');
    }
    await this.tx.run(() =>
      this.users.setPassword(actor, actor.userId, dto.newPassword, 'user.change_own_password', actor.sessionId),
    );
  }

  /** The live sessions of the person asking, newest first; `current` marks the one asking. */
  async ownSessions(actor: Actor): Promise<OwnSessionDto[]> {
    if (actor.kind !== 'user') {
      throw new AccountsException(AccountsErrorCode.Unauthenticated, 'Not logged in');
    }
    const sessions = await this.repository.findLiveSessionsOfUser(actor.userId, this.clock.now());
    return sessions.map((session) => ({
      id: session.id,
      createdAt: session.createdAt,
      expiresAt: session.expiresAt,
      current: session.id === actor.sessionId,
    }));
  }

  /**
   * Ends one of the sessions of the person asking (another browser, a forgotten token). A session of
   * someone else, or one already ended, is not found.
   */
  async endOwnSession(actor: Actor, sessionId: string): Promise<void> {
    if (actor.kind !== 'user') {
      throw new AccountsException(AccountsErrorCode.Unauthenticated, 'Not logged in');
    }
    await this.tx.run(async () => {
      if (!(await this.repository.revokeSessionOfUser(actor.userId, sessionId, this.clock.now()))) {
        throw new NotFoundException('session', sessionId);
      }
      await this.audit.record(actor, {
        action: 'session.end_own',
        subject: { type: 'user', id: actor.userId },
        after: { sessionId },
      });
    });
  }

  /** Removes sessions expired for more than `olderThanDays` days. */
  purgeExpiredSessions(olderThanDays: number): Promise<number> {
    return this.repository.deleteSessionsExpiredBefore(
      new Date(this.clock.now().getTime() - olderThanDays * 86_400_000),
    );
  }

  me(actor: Actor): Promise<MeDto> {
    if (actor.kind !== 'user') {
      throw new AccountsException(AccountsErrorCode.Unauthenticated, 'Not logged in');
    }
    return this.users.describe(actor.userId);
  }

  /** Sets the interface language of the person asking: the language of their pages and e-mails. */
  async setOwnLanguage(actor: Actor, dto: UpdateOwnAccountDto): Promise<MeDto> {
    if (actor.kind !== 'user') {
      throw new AccountsException(AccountsErrorCode.Unauthenticated, 'Not logged in');
    }
    await this.tx.run(async () => {
      const user = await this.repository.findUser(actor.userId);
      if (!user) {
        throw new NotFoundException('user', actor.userId);
      }
      const before = { language: user.language };
      user.language = dto.language;
      await this.repository.saveUser(user);
      await this.audit.record(actor, {
        action: 'user.set_own_language',
        subject: { type: 'user', id: user.id },
        before,
        after: { language: dto.language },
      });
    });
    return this.users.describe(actor.userId);
  }
}
