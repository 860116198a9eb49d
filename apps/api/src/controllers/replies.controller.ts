import {
  Controller,
  ExecutionContext,
  Get,
  Param,
  ParseUUIDPipe,
  Post,
  StreamableFile,
  createParamDecorator,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
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
import { FastifyRequest } from 'fastify';
import { Actor, Role } from '@spcomms/access';
import { ATTACHMENT_MEDIA_TYPES, RecordReplyFormDto, RepliesService, ReplyDto, ReplyForm } from '@spcomms/replies';
import { Authenticated, CurrentActor } from '../auth/auth.decorators';
import { checkedParts } from '../errors/checked-parts';
import { ErrorResponseDto } from '../errors/error-response.dto';

/** The body of a reply request: a multipart form (fields and files, streamed) or a JSON object. */
export const ReplyFormBody = createParamDecorator((_: unknown, context: ExecutionContext): ReplyForm => {
  const request = context.switchToHttp().getRequest<FastifyRequest>();
  return request.isMultipart()
    ? { kind: 'multipart', parts: checkedParts(request) }
    : { kind: 'json', body: request.body };
});

/**
 * The optional `Idempotency-Key` header. Not `@Headers('idempotency-key')`: the OpenAPI document
 * would list that as a second, required header; IDEMPOTENCY_KEY_HEADER documents it once, optional.
 */
export const IdempotencyKey = createParamDecorator((_: unknown, context: ExecutionContext): string | undefined => {
  const value = context.switchToHttp().getRequest<FastifyRequest>().headers['idempotency-key'];
  return Array.isArray(value) ? value[0] : value;
});

export const IDEMPOTENCY_KEY_HEADER = {
  name: 'Idempotency-Key',
  required: false,
  description:
    'Repeating a request with the same key records one reply and answers it again; the same key with another body answers 422',
};

@ApiTags('replies')
@Controller('communications/:id/replies')
@ApiNotFoundResponse({
  type: ErrorResponseDto,
  description: 'No such letter among those of your mandates (or no such reply or attachment)',
})
export class RepliesController {
  constructor(private readonly replies: RepliesService) {}

  @Post()
  @Authenticated(Role.Assistant)
  @ApiOperation({
    summary:
      'Record a reply received by another channel (note verbale, e-mail, letter, other) on behalf of the recipient (C10); nothing is overwritten: a correction is a new reply naming the one it corrects',
  })
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiBody({ type: RecordReplyFormDto })
  @ApiHeader(IDEMPOTENCY_KEY_HEADER)
  @ApiCreatedResponse({ type: ReplyDto })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description: 'Unknown field, wrong type, unknown language or channel',
  })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'The letter has not been sent' })
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
    description:
      'No text and no attachment, received date in the future or before sending, unknown corrected reply, or idempotency key reused',
  })
  record(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @ReplyFormBody() form: ReplyForm,
    @IdempotencyKey() idempotencyKey?: string,
  ): Promise<ReplyDto> {
    return this.replies.record(actor, id, form, idempotencyKey);
  }

  @Get()
  @Authenticated(Role.Assistant, Role.MandateHolder)
  @ApiOperation({
    summary: 'Replies to the letter in order of receipt, with attachments and whether each came on time (C9)',
  })
  @ApiOkResponse({ type: [ReplyDto] })
  list(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<ReplyDto[]> {
    return this.replies.list(actor, id);
  }

  @Get(':replyId/attachments/:attachmentId')
  @Authenticated(Role.Assistant, Role.MandateHolder)
  @ApiOperation({ summary: 'Download an attachment of a reply to the letter' })
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
