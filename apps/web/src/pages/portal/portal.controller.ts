import { randomUUID } from 'node:crypto';
import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { FastifyReply } from 'fastify';
import { Role } from '@spcomms/access';
import { AppConfig } from '@spcomms/config';
import { PortalCommunicationDto, PortalService, referenceSlug } from '@spcomms/communications';
import { FocalPointsService } from '@spcomms/notifications';
import { PortalRepliesService } from '@spcomms/replies';
import { VisitsService } from '@spcomms/visits';
import { PageQueryDto } from '@spcomms/paging';
import { PageNotFoundException } from '../../errors/page.exceptions';
import { Pages } from '../../render/pages';
import { LoginRequired, MultipartForm } from '../../session/page-access';
import { PageController } from '../../session/page.decorators';
import { PageRequest } from '../../session/page-request';
import { single } from '../date-fields';
import { UUID } from '../workspace/workspace-letter.controller';
import { PortalReplyForms } from './portal-reply-form';
import { PortalVisitAnswers } from './portal-visit-answer';
import { portalFocalPointsView } from './portal-focal-points.view';
import { portalLetterView } from './portal-letter.view';
import { portalReceiptView, portalReplyFormView } from './portal-reply.view';
import { portalVisitView, portalVisitsView } from './portal-visits.view';
import { INBOX_FILTERS, InboxFilter, portalInboxView } from './portal.view';

/**
 * The Government portal, read and written with the portal API's services and actor: the State's
 * inbox, its letters (an opening is recorded), the reply form and its receipt, the attachments of its
 * replies, its visit requests and their answers, its focal points. Another State's letter, reply,
 * attachment or visit is the 404 page, the same as a missing one.
 */
@PageController('portal')
@LoginRequired(Role.Government)
export class PortalPagesController {
  constructor(
    private readonly pages: Pages,
    private readonly portal: PortalService,
    private readonly replies: PortalRepliesService,
    private readonly visits: VisitsService,
    private readonly focalPoints: FocalPointsService,
    private readonly replyForms: PortalReplyForms,
    private readonly visitAnswers: PortalVisitAnswers,
    private readonly config: AppConfig,
  ) {}

  @Get()
  async inbox(@Req() request: PageRequest, @Res() reply: FastifyReply, @Query() query: unknown): Promise<void> {
    const params = (query ?? {}) as Record<string, unknown>;
    const given = single(params.status);
    const filter: InboxFilter = (INBOX_FILTERS as readonly string[]).includes(given) ? (given as InboxFilter) : 'all';
    const q = single(params.q).slice(0, 60);
    const cursor = single(params.cursor);
    const page = await this.portal.list(this.pages.actorOf(request), {
      status: filter === 'all' ? undefined : filter,
      q: q || undefined,
      cursor: cursor || undefined,
    });
    const model = portalInboxView(page.items, { filter, q, nextCursor: page.nextCursor }, this.pages.context(request));
    this.pages.render(request, reply, 'pages/portal/inbox', 'portal.inbox.title', model);
  }

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

  @Get('letters/:ref/reply')
  async replyForm(@Req() request: PageRequest, @Res() reply: FastifyReply, @Param('ref') ref: string): Promise<void> {
    const letter = await this.portal.getByReferenceSlug(this.pages.actorOf(request), ref);
    const values = { text: '', language: this.pages.stateOf(request).lang, confidential: false };
    this.renderReplyForm(request, reply, letter, randomUUID(), values, [], 200);
  }

  /**
   * The reply, as a multipart form (attachments) or, from a client without files, urlencoded. The
   * hidden one-time key is the API's Idempotency-Key: the same form sent twice records one reply.
   */
  @Post('letters/:ref/reply')
  @MultipartForm()
  async sendReply(
    @Req() request: PageRequest,
    @Res() reply: FastifyReply,
    @Param('ref') ref: string,
    @Body() body: unknown,
  ): Promise<void> {
    const actor = this.pages.actorOf(request);
    const letter = await this.portal.getByReferenceSlug(actor, ref);
    const outcome = await this.replyForms.submit(request, actor, letter.id, body);
    if (outcome.kind === 'recorded') {
      this.pages.redirect(
        request,
        reply,
        `/portal/letters/${referenceSlug(letter.reference)}/replies/${outcome.receiptCode}`,
      );
      return;
    }
    this.renderReplyForm(request, reply, letter, outcome.key, outcome.values, outcome.errors, 422);
  }

  @Get('letters/:ref/replies/:receipt')
  async receipt(
    @Req() request: PageRequest,
    @Res() reply: FastifyReply,
    @Param('ref') ref: string,
    @Param('receipt') receipt: string,
  ): Promise<void> {
    const actor = this.pages.actorOf(request);
    const letter = await this.portal.getByReferenceSlug(actor, ref);
    const found = (await this.replies.list(actor, letter.id)).find((entry) => entry.receiptCode === receipt);
    if (!found) {
      throw new PageNotFoundException();
    }
    this.pages.render(
      request,
      reply,
      'pages/portal/receipt',
      'portal.receipt.title',
      portalReceiptView(letter, found, this.pages.context(request)),
    );
  }

  /** A file of a reply to the State's letter: downloaded, never shown inline. */
  @Get('letters/:ref/replies/:replyId/attachments/:attachmentId')
  async attachment(
    @Req() request: PageRequest,
    @Res() reply: FastifyReply,
    @Param('ref') ref: string,
    @Param('replyId') replyId: string,
    @Param('attachmentId') attachmentId: string,
  ): Promise<void> {
    if (!isUUID(replyId) || !isUUID(attachmentId)) {
      throw new PageNotFoundException();
    }
    const actor = this.pages.actorOf(request);
    const letter = await this.portal.getByReferenceSlug(actor, ref);
    const file = await this.replies.download(actor, letter.id, replyId, attachmentId);
    const headers = file.getHeaders();
    void reply
      .status(200)
      .header('content-type', headers.type)
      .header('content-disposition', headers.disposition)
      .header('content-length', String(headers.length))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'no-store')
      .send(file.getStream());
  }

  @Get('visits')
  async visitList(@Req() request: PageRequest, @Res() reply: FastifyReply, @Query('cursor') cursor: unknown) {
    const given = single(cursor);
    const query: PageQueryDto = { cursor: given || undefined };
    const page = await this.visits.listForGovernment(this.pages.actorOf(request), query);
    const model = portalVisitsView(page.items, page.nextCursor, this.pages.context(request));
    this.pages.render(request, reply, 'pages/portal/visits', 'portal.visits.title', model);
  }

  @Get('visits/:id')
  async visit(@Req() request: PageRequest, @Res() reply: FastifyReply, @Param('id') id: string): Promise<void> {
    if (!UUID.test(id)) {
      throw new PageNotFoundException();
    }
    const visit = await this.visits.getForGovernment(this.pages.actorOf(request), id);
    const answered = single((request.query as Record<string, unknown> | undefined)?.answered) === '1';
    const model = portalVisitView(visit, this.pages.context(request), { answered });
    this.pages.render(
      request,
      reply,
      'pages/portal/visit',
      { key: 'page.portal.visit.title', values: { mandate: model.heading } },
      model,
    );
  }

  @Post('visits/:id')
  async answerVisit(
    @Req() request: PageRequest,
    @Res() reply: FastifyReply,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<void> {
    if (!UUID.test(id)) {
      throw new PageNotFoundException();
    }
    const actor = this.pages.actorOf(request);
    const visit = await this.visits.getForGovernment(actor, id);
    const lang = this.pages.stateOf(request).lang;
    const outcome = await this.visitAnswers.answer(actor, visit, body, (key) => this.pages.t(lang, key));
    if (outcome.kind === 'answered') {
      this.pages.redirect(request, reply, `/portal/visits/${id}?answered=1`);
      return;
    }
    const model = portalVisitView(outcome.visit, this.pages.context(request), {
      values: outcome.values,
      errors: outcome.errors,
    });
    this.pages.render(
      request,
      reply,
      'pages/portal/visit',
      { key: 'portal.visit.titleError', values: { mandate: model.heading } },
      model,
      outcome.status,
    );
  }

  @Get('focal-points')
  async focalPointList(@Req() request: PageRequest, @Res() reply: FastifyReply): Promise<void> {
    const points = await this.focalPoints.ofOwnState(this.pages.actorOf(request));
    const model = portalFocalPointsView(points, this.pages.context(request));
    this.pages.render(request, reply, 'pages/portal/focal-points', 'portal.focalPoints.title', model);
  }

  private renderReplyForm(
    request: PageRequest,
    reply: FastifyReply,
    letter: PortalCommunicationDto,
    key: string,
    values: { text: string; language: string; confidential: boolean },
    errors: Array<{ field: string; text: string }>,
    status: number,
  ): void {
    const model = portalReplyFormView(
      letter,
      { key, values, errors, maxBytes: this.config.env.ATTACHMENT_MAX_BYTES },
      this.pages.context(request),
    );
    this.pages.render(
      request,
      reply,
      'pages/portal/reply',
      {
        key: errors.length > 0 ? 'portal.reply.titleError' : 'portal.reply.title',
        values: { reference: letter.reference },
      },
      model,
      status,
    );
  }
}
