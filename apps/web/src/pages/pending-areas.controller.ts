import { Get, Req, Res } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { Role } from '@spcomms/access';
import { Pages } from '../render/pages';
import { LoginRequired } from '../session/page-access';
import { PageController } from '../session/page.decorators';
import { PageRequest } from '../session/page-request';

/**
 * The rest of the workspace (assistants and mandate-holders) and of the Government portal, which later
 * work builds: an address there asks for a login (for the right role; anyone else sees the 404 page)
 * and then lands on the account page. The pages that exist (`workspace/letters/:id`,
 * `portal/letters/:ref`, `portal/visits/:id`) are registered before these catch-alls.
 */
@PageController('workspace')
@LoginRequired(Role.Assistant, Role.MandateHolder)
export class PendingWorkspaceController {
  constructor(private readonly pages: Pages) {}

  // `/workspace` itself is the assistant's home (WorkspaceHomeController).
  @Get('*')
  pending(@Req() request: PageRequest, @Res() reply: FastifyReply): void {
    this.pages.redirect(request, reply, '/account');
  }
}

@PageController('portal')
@LoginRequired(Role.Government)
export class PendingPortalController {
  constructor(private readonly pages: Pages) {}

  @Get(['', '*'])
  pending(@Req() request: PageRequest, @Res() reply: FastifyReply): void {
    this.pages.redirect(request, reply, '/account');
  }
}
