import { Get, Req, Res } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { Role } from '@spcomms/access';
import { Pages } from '../render/pages';
import { LoginRequired } from '../session/page-access';
import { PageController } from '../session/page.decorators';
import { PageRequest } from '../session/page-request';

/**
 * Any workspace address (assistants and mandate-holders) that no page answers: it asks for a login
 * (for the right role; anyone else sees the 404 page) and then lands on the account page. Every
 * workspace area has its own page now (the visit requests: WorkspaceVisitsController); this stays
 * for addresses outside them. Registered last, after every workspace page.
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
