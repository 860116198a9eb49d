import { Get, Param, Req, Res } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { Role } from '@spcomms/access';
import { PortalService, referenceSlug } from '@spcomms/communications';
import { PortalRepliesService } from '@spcomms/replies';
import { VisitsService } from '@spcomms/visits';
import { PageNotFoundException } from '../../errors/page.exceptions';
import { Pages } from '../../render/pages';
import { LoginRequired } from '../../session/page-access';
import { PageController } from '../../session/page.decorators';
import { PageRequest } from '../../session/page-request';
import { UUID } from '../workspace/workspace-letter.controller';
import { portalLetterView, portalVisitView } from './portal.view';

/**
 * The Government portal's first pages, read with the portal API's services and actor: a sent letter
 * addressed to the person's State (`GET /portal/communications/{id}`), a visit request made to it
 * (`GET /portal/visits/{id}`). Another State's letter or visit is the 404 page.
 */
@PageController('portal')
@LoginRequired(Role.Government)
export class PortalPagesController {
  constructor(
    private readonly pages: Pages,
    private readonly portal: PortalService,
    private readonly replies: PortalRepliesService,
    private readonly visits: VisitsService,
  ) {}

  /** By the reference's URL form (`UA-IRN-5-2023`); the id form answers 303 to it. */
  @Get('letters/:ref')
  async letter(@Req() request: PageRequest, @Res() reply: FastifyReply, @Param('ref') ref: string): Promise<void> {
    const actor = this.pages.actorOf(request);
    if (UUID.test(ref)) {
      const letter = await this.portal.get(actor, ref);
      this.pages.redirect(request, reply, `/portal/letters/${referenceSlug(letter.reference)}`);
      return;
    }
    const letter = await this.portal.getByReferenceSlug(actor, ref);
    const model = portalLetterView(letter, await this.replies.list(actor, letter.id), this.pages.context(request));
    this.pages.render(
      request,
      reply,
      'pages/portal/letter',
      { key: 'page.portal.letter.title', values: { reference: model.reference } },
      model,
    );
  }

  @Get('visits/:id')
  async visit(@Req() request: PageRequest, @Res() reply: FastifyReply, @Param('id') id: string): Promise<void> {
    if (!UUID.test(id)) {
      throw new PageNotFoundException();
    }
    const visit = await this.visits.getForGovernment(this.pages.actorOf(request), id);
    const model = portalVisitView(visit, this.pages.context(request));
    this.pages.render(
      request,
      reply,
      'pages/portal/visit',
      { key: 'page.portal.visit.title', values: { mandate: model.heading } },
      model,
    );
  }
}
