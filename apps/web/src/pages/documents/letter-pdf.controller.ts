import { Get, Param, Req, Res } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { Role } from '@spcomms/access';
import { LetterDocumentsService, LetterPdf } from '@spcomms/documents';
import { contentDisposition } from '@spcomms/replies';
import { PublicRateLimit } from '../../../../api/src/rate-limit/public-rate-limit.decorator';
import { PageNotFoundException } from '../../errors/page.exceptions';
import { Pages } from '../../render/pages';
import { LoginRequired } from '../../session/page-access';
import { PageController } from '../../session/page.decorators';
import { PageRequest } from '../../session/page-request';
import { UUID } from '../workspace/workspace-letter.controller';

/** Sends a letter's PDF: downloaded, never sniffed, not kept by shared caches, its SHA-256 as the ETag. */
function sendPdf(reply: FastifyReply, pdf: LetterPdf): void {
  void reply
    .status(200)
    .header('content-type', 'application/pdf')
    .header('content-disposition', contentDisposition(pdf.fileName))
    .header('content-length', String(pdf.content.length))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .header('etag', `"${pdf.sha256}"`)
    .send(pdf.content);
}

/**
 * `/{lang}/communications/UA-IRN-5-2023.pdf`: the published letter as a PDF, its public, redacted
 * text (as `GET /public/communications/{slug}.pdf`); a letter not published is the 404 page.
 */
@PageController('communications')
export class PublicLetterPdfController {
  constructor(
    private readonly pages: Pages,
    private readonly documents: LetterDocumentsService,
  ) {}

  @Get(':slug.pdf')
  @PublicRateLimit()
  async pdf(@Req() request: PageRequest, @Param('slug') slug: string, @Res() reply: FastifyReply): Promise<void> {
    sendPdf(reply, await this.documents.forPublic(this.pages.actorOf(request), slug));
  }
}

/**
 * `/{lang}/workspace/letters/{id}/letter.pdf`: a sent letter as sent, for the assistants and
 * mandate-holders of its mandates (as `GET /communications/{id}/pdf`); anyone else, or a draft, is the 404 page.
 */
@PageController('workspace/letters')
@LoginRequired(Role.Assistant, Role.MandateHolder)
export class WorkspaceLetterPdfController {
  constructor(
    private readonly pages: Pages,
    private readonly documents: LetterDocumentsService,
  ) {}

  @Get(':id/letter.pdf')
  async pdf(@Req() request: PageRequest, @Param('id') id: string, @Res() reply: FastifyReply): Promise<void> {
    if (!UUID.test(id)) {
      throw new PageNotFoundException();
    }
    sendPdf(reply, await this.documents.forStaff(this.pages.actorOf(request), id));
  }
}

/**
 * `/{lang}/portal/letters/UA-IRN-5-2023.pdf`: a letter as sent, for the Government of the State it
 * was sent to (as `GET /portal/communications/{id}/pdf`); another State's letter is the 404 page.
 */
@PageController('portal/letters')
@LoginRequired(Role.Government)
export class PortalLetterPdfController {
  constructor(
    private readonly pages: Pages,
    private readonly documents: LetterDocumentsService,
  ) {}

  @Get(':ref.pdf')
  async pdf(@Req() request: PageRequest, @Param('ref') ref: string, @Res() reply: FastifyReply): Promise<void> {
    sendPdf(reply, await this.documents.forGovernmentBySlug(this.pages.actorOf(request), ref));
  }
}
