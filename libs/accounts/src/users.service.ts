import { Injectable } from '@nestjs/common';
import { Actor, Role, requireRole } from '@spcomms/access';
import { AuditService } from '@spcomms/audit';
import { Clock } from '@spcomms/clock';
import { TransactionHost, isUniqueViolation } from '@spcomms/database';
import { NotFoundException } from '@spcomms/errors';
import { Page, PageQueryFields, decodeCursor, encodeCursor, pageOf, pageSize } from '@spcomms/paging';
import { ReferenceRepository } from '@spcomms/reference';
import { CreateUserDto, ResetPasswordDto, UserDto } from './accounts.dto';
import { AccountsErrorCode, AccountsException } from './accounts.exception';
import { AccountsRepository } from './accounts.repository';
import { PasswordHasher } from './password-hasher';
import { UserEntity } from './user.entity';

/** The hash of a user who has no password yet: no password verifies against it. */
export const NO_PASSWORD = '!';

const MANDATE_ROLES: readonly Role[] = [Role.Assistant, Role.MandateHolder];

@Injectable()
export class UsersService {
  constructor(
    private readonly repository: AccountsRepository,
    private readonly reference: ReferenceRepository,
    private readonly hasher: PasswordHasher,
    private readonly tx: TransactionHost,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(actor: Actor, query: PageQueryFields): Promise<Page<UserDto>> {
    requireRole(actor, Role.Admin);
    const limit = pageSize(query.limit);
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, ['text']);
    if (after === null) {
      throw new AccountsException(AccountsErrorCode.InvalidCursor, 'cursor is not a nextCursor given by this list');
    }
    const page = pageOf(await this.repository.findUsersPage(limit + 1, after?.[0]), limit, (last) =>
      encodeCursor([last.username]),
    );
    return { items: await this.mapUsers(page.items), nextCursor: page.nextCursor };
  }

  async get(actor: Actor, id: string): Promise<UserDto> {
    requireRole(actor, Role.Admin);
    return this.describe(id);
  }

  async describe(id: string): Promise<UserDto> {
    const user = await this.repository.findUser(id);
    if (!user) {
      throw new NotFoundException('user', id);
    }
    const [dto] = await this.mapUsers([user]);
    return dto;
  }

  create(actor: Actor, dto: CreateUserDto): Promise<UserDto> {
    requireRole(actor, Role.Admin);
    return this.tx.run(async () => {
      const mandateIds = await this.resolveScope(dto);
      if (await this.repository.findUserByUsername(dto.username)) {
        throw new AccountsException(AccountsErrorCode.UsernameTaken, `User name ${dto.username} is taken`);
      }
      let user: UserEntity;
      try {
        user = await this.repository.saveUser(
          Object.assign(new UserEntity(), {
            username: dto.username,
            displayName: dto.displayName,
            email: dto.email,
            role: dto.role,
            stateCode: dto.role === Role.Government ? dto.stateCode : null,
            language: dto.language ?? 'en',
            passwordHash: dto.password ? await this.hasher.hash(dto.password) : NO_PASSWORD,
            disabledAt: null,
          }),
        );
      } catch (error) {
        if (isUniqueViolation(error, 'uq_app_user_username')) {
          throw new AccountsException(AccountsErrorCode.UsernameTaken, `User name ${dto.username} is taken`);
        }
        throw error;
      }
      await this.repository.replaceUserMandates(user.id, mandateIds);
      const after = await this.describe(user.id);
      await this.audit.record(actor, { action: 'user.create', subject: { type: 'user', id: user.id }, after });
      return after;
    });
  }

  /** An admin sets a new password by hand; the user's sessions end. */
  resetPassword(actor: Actor, id: string, dto: ResetPasswordDto & { password: string }): Promise<UserDto> {
    requireRole(actor, Role.Admin);
    return this.tx.run(async () => {
      await this.setPassword(actor, id, dto.password, 'user.reset_password');
      return this.describe(id);
    });
  }

  /**
   * Replaces the password of a user (null: none, until the user sets one through a link) and ends the
   * user's sessions, but `keepSessionId`. In the caller's transaction; audited as `action`.
   */
  async setPassword(
    actor: Actor,
    id: string,
    password: string | null,
    action: string,
    keepSessionId?: string,
  ): Promise<UserEntity> {
    const user = await this.repository.findUser(id);
    if (!user) {
      throw new NotFoundException('user', id);
    }
    user.passwordHash = password === null ? NO_PASSWORD : await this.hasher.hash(password);
    await this.repository.saveUser(user);
    await this.repository.revokeAllSessionsOfUser(user.id, this.clock.now(), keepSessionId);
    await this.audit.record(actor, { action, subject: { type: 'user', id } });
    return user;
  }

  setDisabled(actor: Actor, id: string, disabled: boolean): Promise<UserDto> {
    requireRole(actor, Role.Admin);
    return this.tx.run(async () => {
      const user = await this.repository.findUser(id);
      if (!user) {
        throw new NotFoundException('user', id);
      }
      const before = { disabledAt: user.disabledAt };
      user.disabledAt = disabled ? (user.disabledAt ?? this.clock.now()) : null;
      await this.repository.saveUser(user);
      if (disabled) {
        await this.repository.revokeAllSessionsOfUser(user.id, this.clock.now());
      }
      await this.audit.record(actor, {
        action: disabled ? 'user.disable' : 'user.enable',
        subject: { type: 'user', id },
        before,
        after: { disabledAt: user.disabledAt },
      });
      return this.describe(id);
    });
  }

  /** Checks that the scope fits the role and returns the mandate ids. */
  private async resolveScope(dto: CreateUserDto): Promise<string[]> {
    const mandateCodes = [...new Set(dto.mandates ?? [])];
    if (MANDATE_ROLES.includes(dto.role)) {
      if (mandateCodes.length === 0) {
        throw new AccountsException(AccountsErrorCode.InvalidScope, `The role ${dto.role} needs at least one mandate`);
      }
    } else if (mandateCodes.length > 0) {
      throw new AccountsException(AccountsErrorCode.InvalidScope, `The role ${dto.role} works for no mandate`);
    }
    if (dto.role === Role.Government) {
      const state = dto.stateCode ? await this.reference.findState(dto.stateCode) : null;
      if (!state || state.status === 'pseudo') {
        throw new AccountsException(AccountsErrorCode.InvalidScope, 'A government user needs the code of a State', {
          stateCode: dto.stateCode ?? null,
        });
      }
    } else if (dto.stateCode) {
      throw new AccountsException(AccountsErrorCode.InvalidScope, `The role ${dto.role} speaks for no State`);
    }
    const mandates = await this.reference.findMandatesByCode(mandateCodes);
    const unknown = mandateCodes.filter((code) => !mandates.some((mandate) => mandate.code === code));
    if (unknown.length > 0) {
      throw new AccountsException(AccountsErrorCode.InvalidScope, `Unknown mandate(s): ${unknown.join(', ')}`, {
        unknown,
      });
    }
    return mandates.map((mandate) => mandate.id);
  }

  private async mapUsers(users: UserEntity[]): Promise<UserDto[]> {
    const byUser = await this.repository.findMandateIdsOfUsers(users.map((user) => user.id));
    const mandates = await this.reference.findMandates([...new Set([...byUser.values()].flat())]);
    const codes = new Map(mandates.map((mandate) => [mandate.id, mandate.code]));
    return users.map((user) => ({
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      email: user.email,
      role: user.role,
      mandates: (byUser.get(user.id) ?? []).map((id) => codes.get(id) ?? id).sort(),
      stateCode: user.stateCode,
      language: user.language,
      disabledAt: user.disabledAt,
      createdAt: user.createdAt,
    }));
  }
}
