import { ApiProperty } from '@nestjs/swagger';
import { ATTACHMENT_MEDIA_TYPES } from './reply-attachment.entity';
import { REPLY_CHANNELS, REPLY_LANGUAGES } from './reply.entity';

export class ReplyAttachmentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'note-verbale.pdf' }) fileName!: string;
  @ApiProperty({ enum: ATTACHMENT_MEDIA_TYPES, description: 'Recognised from the content' }) mediaType!: string;
  @ApiProperty({ description: 'Bytes' }) size!: number;
  @ApiProperty({ description: 'SHA-256 of the content, hex' }) sha256!: string;
}

/** What the Government receives when its reply is recorded: the proof of receipt. */
export class ReplyReceiptDto {
  @ApiProperty({ format: 'uuid' }) replyId!: string;
  @ApiProperty({ example: 'R-7K3M9QXA2B4D', description: 'Quote it in any exchange about this reply' })
  receiptCode!: string;
  @ApiProperty({ format: 'uuid' }) communicationId!: string;
  @ApiProperty({ example: 'UA IRN 5/2026' }) reference!: string;
  @ApiProperty({ description: 'Replies to the letter are numbered 1, 2, … in order of receipt' }) number!: number;
  @ApiProperty({ format: 'date', description: 'Day of receipt in Geneva' }) receivedOn!: string;
  @ApiProperty({ nullable: true, type: Date }) receivedAt!: Date | null;
  @ApiProperty({
    format: 'date',
    nullable: true,
    type: String,
    description: "The letter's reply-requested date when the reply came",
  })
  replyRequestedBy!: string | null;
  @ApiProperty({ nullable: true, type: Boolean, description: 'Received on or before the reply-requested date (C9)' })
  onTime!: boolean | null;
  @ApiProperty({ type: [ReplyAttachmentDto] }) attachments!: ReplyAttachmentDto[];
}

/** A reply as the recipient Government sees it: its own reply, whoever recorded it. */
export class PortalReplyDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() number!: number;
  @ApiProperty() receiptCode!: string;
  @ApiProperty({ format: 'date' }) receivedOn!: string;
  @ApiProperty({ nullable: true, type: Date }) receivedAt!: Date | null;
  @ApiProperty({ enum: REPLY_LANGUAGES }) language!: string;
  @ApiProperty({ nullable: true, type: String }) text!: string | null;
  @ApiProperty({ description: 'C12: the public sees that the reply exists, not its content' }) confidential!: boolean;
  @ApiProperty({ enum: REPLY_CHANNELS }) channel!: string;
  @ApiProperty({
    format: 'date',
    nullable: true,
    type: String,
    description: "The letter's reply-requested date when the reply came",
  })
  requestedBy!: string | null;
  @ApiProperty({ nullable: true, type: Boolean, description: 'Received on or before the reply-requested date (C9)' })
  onTime!: boolean | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The earlier reply this one corrects' })
  correctsReplyId!: string | null;
  @ApiProperty({ type: [String], description: 'Later replies that correct this one' }) correctedBy!: string[];
  @ApiProperty({ type: [ReplyAttachmentDto] }) attachments!: ReplyAttachmentDto[];
  @ApiProperty() createdAt!: Date;
}

/** A reply as the assistants and mandate-holders of the letter see it. */
export class ReplyDto extends PortalReplyDto {
  @ApiProperty({ format: 'uuid' }) communicationId!: string;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'The government user who posted it or the assistant who recorded it',
  })
  recordedBy!: string | null;
}
