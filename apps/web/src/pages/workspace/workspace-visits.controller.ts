import { Get, Param, Query, Req, Res } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { Role } from '@spcomms/access';
import { ALL_VISIT_STATUSES, VisitStatus, VisitsException, VisitsService } from '@spcomms/visits';
import { PageNotFoundException } from '../../errors/page.exceptions';
import { Pages } from '../../render/pages';
import { LoginRequired } from '../../session/page-access';
import { PageController } from '../../session/page.decorators';
import { PageRequest } from '../../session/page-request';
import { single } from '../date-fields';
import { UUID } from './workspace-letter.controller';
import { workspaceVisitView, workspaceVisitsView } from './workspace-visits.view';

/**
 * `/{lang}/workspace/visits`: the visit requests of the person's mandates with their status, filtered
 * by status, and `/{lang}/workspace/visits/{id}`: one request, read-only (State, mandate, dates,
 * status history, the State's answers). Read with VisitsService and the person as actor, as the
 * API's `GET /visits` and `GET /visits/{id}`; a request of another mandate is the 404 page.
 */
@PageController('workspace/visits')
@LoginRequired(Role.Assistant, Role.MandateHolder)
export class WorkspaceVisitsController {
  constructor(
    private readonly pages: Pages,
    private readonly visits: VisitsService,
  ) {}

  @Get()
  async list(
    @Req() request: PageRequest,
    @Res() reply: FastifyReply,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    const given = single(query.status);
    const status = (ALL_VISIT_STATUSES as readonly string[]).includes(given) ? (given as VisitStatus) : undefined;
    const cursor = single(query.cursor);
    const actor = this.pages.actorOf(request);
    const page = await this.visits
      .list(actor, { status, cursor: cursor && cursor.length < 200 ? cursor : undefined })
      .catch((error: unknown) => {
        // A cursor that is not one this list gave: the first page.
        if (error instanceof VisitsException) {
          return this.visits.list(actor, { status });
        }
        throw error;
      });
    const model = workspaceVisitsView(
      { items: page.items, nextCursor: page.nextCursor, status: status ?? '', cursor: cursor !== '' },
      this.pages.context(request),
    );
    this.pages.render(request, reply, 'pages/workspace/visits/list', 'workspace-visits.list.title', model);
  }

  @Get(':id')
  async show(@Req() request: PageRequest, @Res() reply: FastifyReply, @Param('id') id: string): Promise<void> {
    if (!UUID.test(id)) {
      throw new PageNotFoundException();
    }
    const visit = await this.visits.get(this.pages.actorOf(request), id);
    const model = workspaceVisitView(visit, this.pages.context(request));
    this.pages.render(
      request,
      reply,
      'pages/workspace/visits/visit',
      { key: 'workspace-visits.visit.title', values: { heading: model.heading } },
      model,
    );
  }
}
