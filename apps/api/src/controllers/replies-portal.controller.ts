import { Controller, Get, Param, ParseUUIDPipe, Post, StreamableFile } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { Actor, Role } from '@spcomms/access';
import {
  ATTACHMENT_MEDIA_TYPES,
  PortalRepliesService,
  PortalReplyDto,
  ReplyForm,
  ReplyReceiptDto,
  SubmitReplyFormDto,
} from '@spcomms/replies';
import { Authenticated, CurrentActor } from '../auth/auth.decorators';
import { ErrorResponseDto } from '../errors/error-response.dto';
import { IDEMPOTENCY_KEY_HEADER, IdempotencyKey, ReplyFormBody } from './replies.controller';

@ApiTags('government portal')
@Controller('portal/communications/:id/replies')
@Authenticated(Role.Government)
@ApiNotFoundResponse({
  type: ErrorResponseDto,
  description: 'No sent letter with this id was addressed to your State (or no such reply or attachment)',
})
export class PortalRepliesController {
  constructor(private readonly replies: PortalRepliesService) {}

  @Post()
  @ApiOperation({
    summary:
      'Reply to a letter addressed to your State, at any time after it was sent (C10): a text, attachments, or both; mark it confidential to keep its content out of the public version (C12). A correction is a new reply naming the one it corrects',
  })
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiBody({ type: SubmitReplyFormDto })
  @ApiHeader(IDEMPOTENCY_KEY_HEADER)
  @ApiCreatedResponse({
    type: ReplyReceiptDto,
    description: 'The receipt (also for a repeated request with the same Idempotency-Key)',
  })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Unknown field, wrong type or unknown language' })
  @ApiPayloadTooLargeResponse({
    type: ErrorResponseDto,
    description: 'An attachment exceeds ATTACHMENT_MAX_BYTES, or too many parts',
  })
  @ApiUnsupportedMediaTypeResponse({
    type: ErrorResponseDto,
    description: 'An attachment is not a PDF, DOCX, PNG or JPEG file',
  })
  @ApiUnprocessableEntityResponse({
    type: ErrorResponseDto,
    description: 'No text and no attachment, unknown corrected reply, or idempotency key reused',
  })
  submit(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @ReplyFormBody() form: ReplyForm,
    @IdempotencyKey() idempotencyKey?: string,
  ): Promise<ReplyReceiptDto> {
    return this.replies.submit(actor, id, form, idempotencyKey);
  }

  @Get()
  @ApiOperation({ summary: 'The replies to a letter addressed to your State, in order of receipt' })
  @ApiOkResponse({ type: [PortalReplyDto] })
  list(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<PortalReplyDto[]> {
    return this.replies.list(actor, id);
  }

  @Get(':replyId/attachments/:attachmentId')
  @ApiOperation({ summary: 'Download an attachment of a reply to a letter addressed to your State' })
  @ApiProduces(...ATTACHMENT_MEDIA_TYPES)
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' }, description: 'The file, as an attachment' })
  download(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('replyId', ParseUUIDPipe) replyId: string,
    @Param('attachmentId', ParseUUIDPipe) attachmentId: string,
  ): Promise<StreamableFile> {
    return this.replies.download(actor, id, replyId, attachmentId);
  }
}
