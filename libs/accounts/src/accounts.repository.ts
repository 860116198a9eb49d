import { Injectable } from '@nestjs/common';
import { In, IsNull } from 'typeorm';
import { TransactionHost } from '@spcomms/database';
import { SessionEntity } from './session.entity';
import { UserEntity, UserMandateEntity } from './user.entity';

/** What a request needs to know of the user behind a token. */
export interface LiveSession {
  sessionId: string;
  userId: string;
  username: string;
  role: UserEntity['role'];
  stateCode: string | null;
  mandateIds: string[];
}

@Injectable()
export class AccountsRepository {
  constructor(private readonly tx: TransactionHost) {}

  private get users() {
    return this.tx.manager.getRepository(UserEntity);
  }
  private get userMandates() {
    return this.tx.manager.getRepository(UserMandateEntity);
  }
  private get sessions() {
    return this.tx.manager.getRepository(SessionEntity);
  }

  findUserByUsername(username: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ username });
  }

  findUser(id: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ id });
  }

  findUsers(ids: string[]): Promise<UserEntity[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.users.findBy({ id: In(ids) });
  }

  /** Users by id with their State (whose chosen language a focal point's e-mails are written in). */
  findUsersWithState(ids: string[]): Promise<UserEntity[]> {
    return ids.length === 0
      ? Promise.resolve([])
      : this.users.find({ where: { id: In(ids) }, relations: { state: true } });
  }

  /** Users by user name, `limit` of them after the user name `after`. */
  findUsersPage(limit: number, after?: string): Promise<UserEntity[]> {
    const query = this.users.createQueryBuilder('u').orderBy('u.username', 'ASC').limit(limit);
    if (after !== undefined) {
      query.where('u.username > :after', { after });
    }
    return query.getMany();
  }

  /** Active users with one of the roles who work for the mandate (e-mail recipients, approvers). */
  findActiveUsersOfMandates(mandateIds: string[], roles: string[]): Promise<UserEntity[]> {
    if (mandateIds.length === 0) {
      return Promise.resolve([]);
    }
    return this.users
      .createQueryBuilder('u')
      .where('u.role IN (:...roles)', { roles })
      .andWhere('u.disabled_at IS NULL')
      .andWhere('EXISTS (SELECT 1 FROM user_mandate m WHERE m.user_id = u.id AND m.mandate_id IN (:...mandateIds))', {
        mandateIds,
      })
      .orderBy('u.username')
      .getMany();
  }

  /** Active government users (focal points) of the States, by username, each with its State. */
  findActiveGovernmentUsers(stateCodes: string[]): Promise<UserEntity[]> {
    if (stateCodes.length === 0) {
      return Promise.resolve([]);
    }
    return this.users
      .createQueryBuilder('u')
      .innerJoinAndSelect('u.state', 'state')
      .where("u.role = 'government'")
      .andWhere('u.state_code IN (:...stateCodes)', { stateCodes })
      .andWhere('u.disabled_at IS NULL')
      .orderBy('u.username')
      .getMany();
  }

  saveUser(user: UserEntity): Promise<UserEntity> {
    return this.users.save(user);
  }

  async findMandateIdsOfUsers(userIds: string[]): Promise<Map<string, string[]>> {
    const rows = userIds.length === 0 ? [] : await this.userMandates.findBy({ userId: In(userIds) });
    const byUser = new Map<string, string[]>();
    for (const row of rows) {
      byUser.set(row.userId, [...(byUser.get(row.userId) ?? []), row.mandateId]);
    }
    return byUser;
  }

  async replaceUserMandates(userId: string, mandateIds: string[]): Promise<void> {
    await this.userMandates.delete({ userId });
    if (mandateIds.length > 0) {
      await this.userMandates.insert(mandateIds.map((mandateId) => ({ userId, mandateId })));
    }
  }

  saveSession(session: SessionEntity): Promise<SessionEntity> {
    return this.sessions.save(session);
  }

  /** The live session of a token, or null when unknown, expired, revoked or its user disabled. One query. */
  async findLiveSession(tokenHash: string, now: Date): Promise<LiveSession | null> {
    return this.liveSessionWhere('s.token_hash = $1', tokenHash, now);
  }

  /** The same, by the session's id (for a short session derived from a login, e.g. the queue board's). */
  async findLiveSessionById(sessionId: string, now: Date): Promise<LiveSession | null> {
    return this.liveSessionWhere('s.id = $1', sessionId, now);
  }

  private async liveSessionWhere(
    condition: 's.token_hash = $1' | 's.id = $1',
    value: string,
    now: Date,
  ): Promise<LiveSession | null> {
    const rows: LiveSession[] = await this.tx.manager.query(
      `SELECT s.id AS "sessionId", u.id AS "userId", u.username, u.role, u.state_code AS "stateCode",
              COALESCE(array_agg(m.mandate_id) FILTER (WHERE m.mandate_id IS NOT NULL), '{}') AS "mandateIds"
         FROM session s
         JOIN app_user u ON u.id = s.user_id AND u.disabled_at IS NULL
         LEFT JOIN user_mandate m ON m.user_id = u.id
        WHERE ${condition} AND s.revoked_at IS NULL AND s.expires_at > $2
        GROUP BY s.id, u.id`,
      [value, now],
    );
    return rows[0] ?? null;
  }

  async revokeSession(sessionId: string, at: Date): Promise<void> {
    await this.sessions.update({ id: sessionId, revokedAt: IsNull() }, { revokedAt: at });
  }

  /** Deletes sessions that expired before `before`; answers how many. */
  async deleteSessionsExpiredBefore(before: Date): Promise<number> {
    const result = await this.sessions
      .createQueryBuilder()
      .delete()
      .where('expires_at < :before', { before })
      .execute();
    return result.affected ?? 0;
  }

  /** The live (not revoked, not expired) sessions of a user, newest first. */
  findLiveSessionsOfUser(userId: string, now: Date): Promise<SessionEntity[]> {
    return this.sessions
      .createQueryBuilder('s')
      .where('s.user_id = :userId AND s.revoked_at IS NULL AND s.expires_at > :now', { userId, now })
      .orderBy('s.created_at', 'DESC')
      .addOrderBy('s.id')
      .getMany();
  }

  /** Revokes a session of the user (none of another user's); answers whether it was live. */
  async revokeSessionOfUser(userId: string, sessionId: string, at: Date): Promise<boolean> {
    const result = await this.sessions.update({ id: sessionId, userId, revokedAt: IsNull() }, { revokedAt: at });
    return (result.affected ?? 0) > 0;
  }

  /** Revokes every live session of the user but `exceptSessionId` (the one changing its own password). */
  async revokeAllSessionsOfUser(userId: string, at: Date, exceptSessionId?: string): Promise<void> {
    const query = this.sessions
      .createQueryBuilder()
      .update()
      .set({ revokedAt: at })
      .where('user_id = :userId AND revoked_at IS NULL', { userId });
    if (exceptSessionId) {
      query.andWhere('id <> :exceptSessionId', { exceptSessionId });
    }
    await query.execute();
  }
}
