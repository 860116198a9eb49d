import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Role } from '@spcomms/access';
import { AuthService } from '@spcomms/accounts';
import { AppConfig } from '@spcomms/config';
import { JobQueue } from '@spcomms/queue';

export const BOARD_PATH = '/admin/queues';
export const BOARD_COOKIE = 'spcomms_board';

/** The cookie that lets a browser open the board: the admin's own token, scoped to the board's path. */
export function boardCookie(token: string, config: AppConfig): string {
  const secure = config.env.PUBLIC_BASE_URL.startsWith('https:') ? '; Secure' : '';
  return `${BOARD_COOKIE}=${encodeURIComponent(token)}; Path=${BOARD_PATH}; HttpOnly; SameSite=Strict; Max-Age=${config.env.TOKEN_TTL_HOURS * 3600}${secure}`;
}

export function clearedBoardCookie(): string {
  return `${BOARD_COOKIE}=; Path=${BOARD_PATH}; HttpOnly; SameSite=Strict; Max-Age=0`;
}

function tokenOf(request: FastifyRequest): string | null {
  const [scheme, bearer] = (request.headers.authorization ?? '').split(' ');
  if (scheme?.toLowerCase() === 'bearer' && bearer) {
    return bearer;
  }
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === BOARD_COOKIE && value.length > 0) {
      return decodeURIComponent(value.join('='));
    }
  }
  return null;
}

/**
 * Bull Board under /admin/queues, for admins only. Every request of the board (page, assets, its
 * JSON API) must carry an admin's token: as `Authorization: Bearer …` (scripts, curl) or, for a
 * browser, as the HttpOnly cookie set by `POST /admin/queues/session` (see AdminQueuesController).
 */
@Injectable()
export class AdminQueuesBoard implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly auth: AuthService,
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

  private async guard(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const token = tokenOf(request);
    const user = token ? await this.auth.authenticate(token) : null;
    if (!user) {
      await reply.code(401).send({ statusCode: 401, code: 'auth.unauthenticated', message: 'An admin token is required (bearer or board cookie)' });
      return;
    }
    if (user.role !== Role.Admin) {
      await reply.code(403).send({ statusCode: 403, code: 'access.denied', message: 'The queue board is for admins' });
    }
  }
}
