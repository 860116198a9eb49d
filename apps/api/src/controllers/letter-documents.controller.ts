import { Controller, Get, Param, ParseUUIDPipe, Res, StreamableFile } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { Actor, Role } from '@spcomms/access';
import { LetterDocumentsService, LetterPdf } from '@spcomms/documents';
import { contentDisposition } from '@spcomms/replies';
import { Authenticated, CurrentActor, PublicRoute } from '../auth/auth.decorators';
import { ErrorResponseDto } from '../errors/error-response.dto';
import { PublicRateLimit } from '../rate-limit/public-rate-limit.decorator';

const PDF_ANSWER = {
  description:
    'The letter as a PDF (tagged, with its title and language), downloaded as an attachment. The same letter ' +
    'always gives the same bytes: the ETag is their SHA-256.',
  schema: { type: 'string', format: 'binary' },
} as const;

/**
 * A letter's PDF as an answer: `application/pdf`, downloaded (`Content-Disposition: attachment`),
 * never sniffed, not kept by shared caches, with the SHA-256 of its bytes as the ETag.
 */
export function pdfAnswer(reply: FastifyReply, pdf: LetterPdf): StreamableFile {
  void reply
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .header('etag', `"${pdf.sha256}"`);
  return new StreamableFile(pdf.content, {
    type: 'application/pdf',
    length: pdf.content.length,
    disposition: contentDisposition(pdf.fileName),
  });
}

@ApiTags('communications')
@Controller('communications')
export class LetterDocumentsController {
  constructor(private readonly documents: LetterDocumentsService) {}

  @Get(':id/pdf')
  @Authenticated(Role.Assistant, Role.MandateHolder)
  @ApiOperation({ summary: 'A sent letter of your mandates as a PDF, as it was sent' })
  @ApiProduces('application/pdf')
  @ApiOkResponse(PDF_ANSWER)
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No sent letter with this id among your mandates' })
  pdf(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    return this.documents.forStaff(actor, id).then((pdf) => pdfAnswer(reply, pdf));
  }
}

@ApiTags('government portal')
@Controller('portal/communications')
export class PortalLetterDocumentsController {
  constructor(private readonly documents: LetterDocumentsService) {}

  @Get(':id/pdf')
  @Authenticated(Role.Government)
  @ApiOperation({ summary: 'A sent letter addressed to your State as a PDF, as it was sent' })
  @ApiProduces('application/pdf')
  @ApiOkResponse(PDF_ANSWER)
  @ApiNotFoundResponse({
    type: ErrorResponseDto,
    description: 'No sent letter with this id was addressed to your State',
  })
  pdf(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    return this.documents.forGovernment(actor, id).then((pdf) => pdfAnswer(reply, pdf));
  }
}

@ApiTags('public')
@Controller('public/communications')
@PublicRoute()
export class PublicLetterDocumentsController {
  constructor(private readonly documents: LetterDocumentsService) {}

  @Get(':slug.pdf')
  @PublicRateLimit()
  @ApiOperation({ summary: 'A published letter as a PDF: its public, redacted text (C14)' })
  @ApiParam({ name: 'slug', example: 'UA-IRN-5-2023', description: 'The reference with dashes' })
  @ApiProduces('application/pdf')
  @ApiOkResponse(PDF_ANSWER)
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No published letter with this reference' })
  pdf(
    @CurrentActor() actor: Actor,
    @Param('slug') slug: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    return this.documents.forPublic(actor, slug).then((pdf) => pdfAnswer(reply, pdf));
  }
}
