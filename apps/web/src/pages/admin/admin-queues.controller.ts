import { Get, Post, Req, Res } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { Role } from '@spcomms/access';
import { AppConfig } from '@spcomms/config';
import { BOARD_PATH, BoardSessions, boardCookie } from '../../../../api/src/controllers/admin-queues.board';
import { Pages } from '../../render/pages';
import { LoginRequired } from '../../session/page-access';
import { PageController } from '../../session/page.decorators';
import { PageRequest } from '../../session/page-request';

/**
 * `/{lang}/admin/queues`: opens the queue board (Bull Board, at /admin/queues) with the site session,
 * as `POST /admin/queues/session` does with a bearer token: a board session of its own, tied to this
 * login, whose random token goes in the board's cookie (never the site's session token).
 */
@PageController('admin/queues')
@LoginRequired(Role.Admin)
export class AdminQueuesPageController {
  constructor(
    private readonly pages: Pages,
    private readonly boards: BoardSessions,
    private readonly config: AppConfig,
  ) {}

  @Get()
  page(@Req() request: PageRequest, @Res() reply: FastifyReply): void {
    this.pages.render(request, reply, 'pages/admin/queues', 'admin.queues.title', {});
  }

  @Post()
  async open(@Req() request: PageRequest, @Res() reply: FastifyReply): Promise<void> {
    const token = await this.boards.open(this.pages.stateOf(request).user!);
    void reply
      .status(303)
      .header('set-cookie', boardCookie(token, this.config))
      .header('location', `${BOARD_PATH}/`)
      .send();
  }
}
