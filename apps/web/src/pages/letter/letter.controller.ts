import { Get, Param, Query, Req, Res } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { FastifyReply } from 'fastify';
import { PublicActor } from '@spcomms/access';
import { PublicSearchService } from '@spcomms/public-search';
import { PublicRateLimit } from '../../../../api/src/rate-limit/public-rate-limit.decorator';
import { PageNotFoundException } from '../../errors/page.exceptions';
import { Pages } from '../../render/pages';
import { PageController } from '../../session/page.decorators';
import { PageRequest } from '../../session/page-request';
import { LetterView, letterView } from './letter.view';

const publicActor = (request: PageRequest): PublicActor => ({ kind: 'public', ip: request.ip });

/**
 * `/{lang}/communications/UA-IRN-5-2023`: the record page of a published letter, its print view and
 * the files of its public replies. The record comes from the public search service, as the API's: a
 * reference that is unknown or not published is the site's 404 page.
 */
@PageController('communications')
export class LetterController {
  constructor(
    private readonly pages: Pages,
    private readonly search: PublicSearchService,
  ) {}

  @Get(':slug')
  letter(
    @Req() request: PageRequest,
    @Param('slug') slug: string,
    @Query('print') print: unknown,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return this.render(request, reply, slug, print === '1');
  }

  @Get(':slug/print')
  printView(@Req() request: PageRequest, @Param('slug') slug: string, @Res() reply: FastifyReply): Promise<void> {
    return this.render(request, reply, slug, true);
  }

  /** A file of a public reply: downloaded, never shown inline (Content-Disposition: attachment, nosniff). */
  @Get(':slug/attachments/:attachmentId')
  @PublicRateLimit()
  async attachment(
    @Req() request: PageRequest,
    @Param('slug') slug: string,
    @Param('attachmentId') attachmentId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (!isUUID(attachmentId)) {
      throw new PageNotFoundException();
    }
    const file = await this.search.attachment(publicActor(request), slug, attachmentId);
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

  private async render(request: PageRequest, reply: FastifyReply, slug: string, print: boolean): Promise<void> {
    const record = await this.search.record(publicActor(request), slug);
    const context = this.pages.context(request);
    this.pages.render<LetterView>(
      request,
      reply,
      'pages/letter/index',
      { key: 'letter.title', values: { reference: record.reference } },
      letterView(record, context, print),
    );
  }
}
