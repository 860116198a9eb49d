import { Get, Param, Query, Req, Res } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { Role } from '@spcomms/access';
import { DraftingService } from '@spcomms/communications';
import { ReferenceService } from '@spcomms/reference';
import { RepliesService } from '@spcomms/replies';
import { PageNotFoundException } from '../../errors/page.exceptions';
import { Pages } from '../../render/pages';
import { LoginRequired } from '../../session/page-access';
import { PageController } from '../../session/page.decorators';
import { PageRequest } from '../../session/page-request';
import { letterPageExtras } from './letters/letter-steps.view';
import { workspaceLetterView } from './workspace.view';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * `/{lang}/workspace/letters/{id}`: a letter as the assistants and mandate-holders of its mandates see
 * it, read with the API's service and actor (`GET /communications/{id}`); a letter the person may not
 * read is the 404 page.
 */
@PageController('workspace/letters')
@LoginRequired(Role.Assistant, Role.MandateHolder)
export class WorkspaceLetterController {
  constructor(
    private readonly pages: Pages,
    private readonly drafting: DraftingService,
    private readonly replies: RepliesService,
    private readonly reference: ReferenceService,
  ) {}

  @Get(':id')
  async letter(
    @Req() request: PageRequest,
    @Res() reply: FastifyReply,
    @Param('id') id: string,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    if (!UUID.test(id)) {
      throw new PageNotFoundException();
    }
    const actor = this.pages.actorOf(request);
    const letter = await this.drafting.get(actor, id);
    const replies = letter.status === 'sent' ? await this.replies.list(actor, id) : [];
    // The replies shown here are read by this person: they leave the home's "not yet read".
    await this.replies.markRead(
      actor,
      letter.id,
      replies.map((row) => row.id),
    );
    const context = this.pages.context(request);
    const user = this.pages.stateOf(request).user;
    const lead = (await this.reference.listMandates(true)).find((mandate) => mandate.code === letter.leadMandate);
    const isAssistant = user?.role === Role.Assistant;
    const notice = Object.keys(query).find((key) => query[key] === '1') ?? null;
    const model = {
      ...workspaceLetterView(letter, replies, context),
      letters: letterPageExtras(
        { letter, notice, isAssistant, isLeadAssistant: isAssistant && !!lead && !!user?.mandateIds.includes(lead.id) },
        context,
      ),
    };
    this.pages.render(
      request,
      reply,
      'pages/workspace/letter',
      { key: 'page.workspace.letter.title', values: { reference: model.reference } },
      model,
    );
  }
}
