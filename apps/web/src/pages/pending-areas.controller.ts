import { Get, Req, Res } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { Role } from '@spcomms/access';
import { Pages } from '../render/pages';
import { LoginRequired } from '../session/page-access';
import { PageController } from '../session/page.decorators';
import { PageRequest } from '../session/page-request';

/**
 * What is left of the workspace (assistants and mandate-holders) without a page of its own — its
 * visit pages: an address there asks for a login (for the right role; anyone else sees the 404
 * page) and then lands on the account page. Registered last, after every workspace page.
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
