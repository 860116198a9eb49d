import { Get, Req, Res } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { PublicVisitsService } from '@spcomms/visits';
import { Pages } from '../../render/pages';
import { PageController } from '../../session/page.decorators';
import { PageRequest } from '../../session/page-request';
import { VisitsView, visitsView } from './visits.view';

/**
 * `/{lang}/visits`: country visits per year, visits per State, States never visited and the requests
 * pending by mandate — the public tables of the visits service, as the API gives them.
 */
@PageController('visits')
export class VisitsController {
  constructor(
    private readonly pages: Pages,
    private readonly visits: PublicVisitsService,
  ) {}

  @Get()
  async page(@Req() request: PageRequest, @Res() reply: FastifyReply): Promise<void> {
    const tables = {
      perYear: await this.visits.perYear(),
      states: await this.visits.statesTable(),
      neverVisited: await this.visits.neverVisited(),
      pending: await this.visits.pendingByMandate(),
    };
    this.pages.render<VisitsView>(
      request,
      reply,
      'pages/visits/index',
      'visits.title',
      visitsView(tables, this.pages.context(request)),
    );
  }
}
