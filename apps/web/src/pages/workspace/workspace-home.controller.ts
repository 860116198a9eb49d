import { Get, Req, Res } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { Role } from '@spcomms/access';
import { AssistantQueueService, WorkspaceAlertsService } from '@spcomms/communications';
import { PublicationService } from '@spcomms/publication';
import { RepliesService } from '@spcomms/replies';
import { SubmissionsService } from '@spcomms/submissions';
import { VisitStatus, VisitSummaryDto, VisitsService } from '@spcomms/visits';
import { Pages } from '../../render/pages';
import { LoginRequired } from '../../session/page-access';
import { PageController } from '../../session/page.decorators';
import { PageRequest } from '../../session/page-request';
import { loadUnreachableLetters } from '../alerts/unreachable-letters';
import { workspaceHomeView } from './workspace-home.view';

/** Visit requests the State has not answered yet (V1). */
const AWAITING_ANSWER = [VisitStatus.Requested, VisitStatus.ReminderSent, VisitStatus.Acknowledged];

/**
 * `/{lang}/workspace`: the assistant's home, "what needs me now" over their mandates. Each list comes
 * from the service of the lib that owns it, with the person as actor. A mandate-holder's home is
 * elsewhere: they are sent to it.
 */
@PageController('workspace')
@LoginRequired(Role.Assistant, Role.MandateHolder)
export class WorkspaceHomeController {
  constructor(
    private readonly pages: Pages,
    private readonly submissions: SubmissionsService,
    private readonly letters: AssistantQueueService,
    private readonly publication: PublicationService,
    private readonly visits: VisitsService,
    private readonly alerts: WorkspaceAlertsService,
    private readonly replies: RepliesService,
  ) {}

  @Get()
  async home(@Req() request: PageRequest, @Res() reply: FastifyReply): Promise<void> {
    const user = this.pages.stateOf(request).user!;
    if (user.role !== Role.Assistant) {
      return this.pages.redirect(request, reply, '/account');
    }
    const visits: VisitSummaryDto[] = [];
    for (const status of AWAITING_ANSWER) {
      visits.push(...(await this.visits.list(user, { status, limit: 20 })).items);
    }
    visits.sort((a, b) => a.requestedOn.localeCompare(b.requestedOn));
    const context = this.pages.context(request);
    const model = workspaceHomeView(
      {
        submissions: await this.submissions.toScreen(user),
        letters: await this.letters.forAssistant(user),
        publication: await this.publication.awaitingRedactionCheck(user),
        visits,
        replies: await this.replies.unreadFor(user),
      },
      context,
    );
    // Sent letters that reached nobody at their State, first: nobody else will tell the assistant.
    const unreachableLetters = await loadUnreachableLetters(this.alerts, user, context);
    this.pages.render(request, reply, 'pages/workspace/home', 'page.workspace.home.title', {
      ...model,
      unreachableLetters,
    });
  }
}
