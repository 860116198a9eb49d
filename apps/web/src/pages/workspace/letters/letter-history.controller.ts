import { Get, Param, Query, Req, Res } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { Role } from '@spcomms/access';
import { DraftingService, LetterTimelineService } from '@spcomms/communications';
import { ReferenceService } from '@spcomms/reference';
import { Pages } from '../../../render/pages';
import { LoginRequired } from '../../../session/page-access';
import { PageRequest } from '../../../session/page-request';
import { PageController } from '../../../session/page.decorators';
import { single } from '../../date-fields';
import { LetterFormError } from './letter-form';
import { LetterPages } from './letter-pages';
import { timelineView, versionsView } from './letter-steps.view';

/**
 * The history of one letter: `/versions` (any two compared) and `/timeline`.
 * Each calls the service of its API operation with the person as actor, so a letter of another
 * mandate is the 404 page.
 */
@PageController('workspace/letters')
@LoginRequired(Role.Assistant, Role.MandateHolder)
export class LetterHistoryController {
  constructor(
    private readonly pages: Pages,
    private readonly letters: LetterPages,
    private readonly drafting: DraftingService,
    private readonly timelines: LetterTimelineService,
    private readonly reference: ReferenceService,
  ) {}

  // ---- versions ----

  @Get(':id/versions')
  async versions(
    @Req() request: PageRequest,
    @Res() reply: FastifyReply,
    @Param('id') id: string,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    const letter = await this.letters.letter(request, id);
    const versions = await this.drafting.listVersions(this.letters.user(request), id);
    const current = letter.currentVersion.number;
    const from = single(query.from) || String(Math.max(1, current - 1));
    const to = single(query.to) || String(current);
    const known = new Set(versions.map((version) => String(version.number)));
    const errors: LetterFormError[] = [];
    if (!known.has(from)) {
      errors.push({ field: 'from', message: 'letters.error.version', values: { last: current } });
    }
    if (!known.has(to)) {
      errors.push({ field: 'to', message: 'letters.error.version', values: { last: current } });
    }
    const model = versionsView({ letter, versions, from, to, errors }, this.pages.context(request));
    this.letters.render(
      request,
      reply,
      'versions',
      'letters.versions.title',
      model,
      errors,
      errors.length > 0 ? 422 : 200,
    );
  }

  // ---- the timeline ----

  @Get(':id/timeline')
  async timeline(@Req() request: PageRequest, @Res() reply: FastifyReply, @Param('id') id: string): Promise<void> {
    const letter = await this.letters.letter(request, id);
    const events = await this.timelines.timeline(this.letters.user(request), id);
    const mails = await this.timelines.mails(this.letters.user(request), id);
    const model = timelineView(
      letter,
      events,
      await this.reference.listMandates(true),
      this.pages.context(request),
      mails,
    );
    this.letters.render(request, reply, 'timeline', 'letters.timeline.title', model, []);
  }
}
