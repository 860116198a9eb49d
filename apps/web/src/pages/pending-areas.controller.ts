import { Get, Req, Res } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { Role } from '@spcomms/access';
import { Pages } from '../render/pages';
import { LoginRequired } from '../session/page-access';
import { PageController } from '../session/page.decorators';
import { PageRequest } from '../session/page-request';

/**
 * The areas that e-mails already link to and later work builds: the workspace (assistants and
 * mandate-holders), the Government portal. Until their pages exist, a link into them asks for a login
 * (for the right role; anyone else sees the 404 page) and then lands on the account page. Their own
 * routes, once added, answer before these catch-alls.
 */
@PageController('workspace')
@LoginRequired(Role.Assistant, Role.MandateHolder)
export class PendingWorkspaceController {
  constructor(private readonly pages: Pages) {}

  @Get(['', '*'])
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
