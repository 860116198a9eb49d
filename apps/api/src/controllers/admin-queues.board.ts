import { createHash, randomBytes } from 'node:crypto';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { parseCookie, stringifySetCookie } from 'cookie';
import { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Role, UserActor } from '@spcomms/access';
import { AuthService } from '@spcomms/accounts';
import { Clock } from '@spcomms/clock';
import { AppConfig } from '@spcomms/config';
import { JobQueue } from '@spcomms/queue';
import { RedisClient } from '@spcomms/redis';

export const BOARD_PATH = '/admin/queues';
export const BOARD_COOKIE = 'spcomms_board';
/** Life of a board session; the board is opened for a look, not kept open all day. */
export const BOARD_SESSION_SECONDS = 15 * 60;

/** What a board session holds: the login it was opened from, and when it ends by the injected clock. */
interface BoardSession {
  sessionId: string;
  expiresAt: number;
}

/**
 * The board's own sessions: a random token, never the bearer token, kept in Redis (as its SHA-256)
 * for 15 minutes and tied to the admin's login, so that it ends with the login (logout, expiry,
 * disabled user, password reset) or sooner. A token is good for the board's path only: the API's
 * guard does not know it.
 */
@Injectable()
export class BoardSessions {
  constructor(
    private readonly redis: RedisClient,
    private readonly auth: AuthService,
    private readonly clock: Clock,
  ) {}

  async open(actor: UserActor): Promise<string> {
    const token = `spb_${randomBytes(32).toString('base64url')}`;
    const session: BoardSession = {
      sessionId: actor.sessionId,
      expiresAt: this.clock.now().getTime() + BOARD_SESSION_SECONDS * 1000,
    };
    await this.redis.redis.set(this.key(token), JSON.stringify(session), 'EX', BOARD_SESSION_SECONDS);
    return token;
  }

  /** The admin behind a board token, or null when the token is unknown, over or its login has ended. */
  async actorOf(token: string): Promise<UserActor | null> {
    const stored = await this.redis.redis.get(this.key(token));
    const session = stored ? (JSON.parse(stored) as BoardSession) : null;
    if (!session || session.expiresAt <= this.clock.now().getTime()) {
      return null;
    }
    return this.auth.authenticateSession(session.sessionId);
  }

  async close(token: string): Promise<void> {
    await this.redis.redis.del(this.key(token));
  }

  private key(token: string): string {
    return `${this.redis.prefix}:board-session:${createHash('sha256').update(token).digest('hex')}`;
  }
}

/** The cookie that lets a browser open the board: a board session's token, scoped to the board's path. */
export function boardCookie(token: string, config: AppConfig): string {
  return stringifySetCookie(BOARD_COOKIE, token, {
    path: BOARD_PATH,
    httpOnly: true,
    sameSite: 'strict',
    maxAge: BOARD_SESSION_SECONDS,
    secure: config.env.PUBLIC_BASE_URL.startsWith('https:'),
  });
}

export function clearedBoardCookie(): string {
  return stringifySetCookie(BOARD_COOKIE, '', { path: BOARD_PATH, httpOnly: true, sameSite: 'strict', maxAge: 0 });
}

/**
 * The board session token of a request's cookie, if any. A value that does not URL-decode is read as
 * sent, and then names no session: a malformed cookie is refused like a stale one, never an error.
 */
export function boardTokenOf(request: { headers: { cookie?: string } }): string | null {
  return parseCookie(request.headers.cookie ?? '')[BOARD_COOKIE] || null;
}

/**
 * Bull Board under /admin/queues, for admins only. Every request of the board (page, assets, its
 * JSON API) must come from an admin: with `Authorization: Bearer …` (scripts, curl) or, for a
 * browser, with the board session cookie set by `POST /admin/queues/session` (see
 * AdminQueuesController and BoardSessions).
 */
@Injectable()
export class AdminQueuesBoard implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly auth: AuthService,
    private readonly sessions: BoardSessions,
    private readonly jobs: JobQueue,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify || typeof fastify.register !== 'function') {
      return;
    }
    const serverAdapter = new FastifyAdapter();
    serverAdapter.setBasePath(BOARD_PATH);
    createBullBoard({
      queues: this.jobs.allQueues().map((queue) => new BullMQAdapter(queue)),
      serverAdapter,
      options: { uiConfig: { boardTitle: 'spcomms queues' } },
    });
    void fastify.register(async (scope) => {
      scope.addHook('onRequest', (request, reply) => this.guard(request, reply));
      await scope.register(serverAdapter.registerPlugin() as never, { prefix: BOARD_PATH });
    });
  }

  private async actorOf(request: FastifyRequest): Promise<UserActor | null> {
    const [scheme, bearer] = (request.headers.authorization ?? '').split(' ');
    if (scheme?.toLowerCase() === 'bearer' && bearer) {
      return this.auth.authenticate(bearer);
    }
    const board = boardTokenOf(request);
    return board ? this.sessions.actorOf(board) : null;
  }

  private async guard(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const user = await this.actorOf(request);
    if (!user) {
      await reply.code(401).send({
        statusCode: 401,
        code: 'auth.unauthenticated',
        message: 'An admin token or a board session is required',
      });
      return;
    }
    if (user.role !== Role.Admin) {
      await reply.code(403).send({ statusCode: 403, code: 'access.denied', message: 'The queue board is for admins' });
    }
  }
}
