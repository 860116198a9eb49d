import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { IsCalendarDate } from '@spcomms/clock';
import { ATTACHMENT_MEDIA_TYPES } from './reply-attachment.entity';
import { REPLY_CHANNELS, REPLY_LANGUAGES, ReplyChannel, ReplyLanguage } from './reply.entity';

export const REPLY_TEXT_MAX = 200_000;
/** Channels an assistant records; `portal` is only for what the recipient posts itself. */
export const RECORDED_CHANNELS = REPLY_CHANNELS.filter((channel) => channel !== 'portal') as Array<
  Exclude<ReplyChannel, 'portal'>
>;

/** What the recipient Government posts: a text, attachments, or both. */
export class SubmitReplyDto {
  @ApiPropertyOptional({
    maxLength: REPLY_TEXT_MAX,
    description: 'The reply; may be omitted when attachments carry it',
  })
  @IsOptional()
  @IsString()
  @Length(1, REPLY_TEXT_MAX)
  text?: string;

  @ApiProperty({ enum: REPLY_LANGUAGES, description: 'Any of the six UN languages' })
  @IsIn(REPLY_LANGUAGES)
  language!: ReplyLanguage;

  @ApiPropertyOptional({ default: false, description: 'C12: publish only that a reply exists, never its content' })
  @IsOptional()
  @IsBoolean()
  confidential?: boolean;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'An earlier reply to the same letter that this one corrects (C10)',
  })
  @IsOptional()
  @IsUUID()
  correctsReplyId?: string;
}

/** A reply received by another channel, recorded by an assistant on the recipient's behalf (C10). */
export class RecordReplyDto extends SubmitReplyDto {
  @ApiProperty({ enum: RECORDED_CHANNELS })
  @IsIn(RECORDED_CHANNELS)
  channel!: Exclude<ReplyChannel, 'portal'>;

  @ApiPropertyOptional({
    format: 'date',
    description: 'Day of receipt in Geneva; not in the future, not before the letter was sent. Default: today',
  })
  @IsOptional()
  @IsCalendarDate()
  receivedOn?: string;
}

const ATTACHMENTS_DOC = {
  type: 'array',
  items: { type: 'string', format: 'binary' },
  description: `Files (field name \`attachments\`), each at most ATTACHMENT_MAX_BYTES; accepted by content: ${ATTACHMENT_MEDIA_TYPES.join(', ')}`,
} as const;

/** The multipart/form-data form of a Government reply (documentation of the request body). */
export class SubmitReplyFormDto extends SubmitReplyDto {
  @ApiPropertyOptional(ATTACHMENTS_DOC)
  attachments?: unknown[];
}

/** The multipart/form-data form of a recorded reply (documentation of the request body). */
export class RecordReplyFormDto extends RecordReplyDto {
  @ApiPropertyOptional(ATTACHMENTS_DOC)
  attachments?: unknown[];
}
