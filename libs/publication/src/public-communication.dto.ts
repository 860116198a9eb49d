import { ApiProperty } from '@nestjs/swagger';
import { PUBLISHED_LANGUAGES, RECIPIENT_KINDS, REPLY_STATUSES } from './published-communication.entity';

export class PublicMandateDto {
  @ApiProperty({ example: 'EXPRESSION' }) code!: string;
  @ApiProperty({
    example: 'Special Rapporteur on the promotion and protection of the right to freedom of opinion and expression',
  })
  title!: string;
  @ApiProperty({ description: 'The mandate that led the letter' }) lead!: boolean;
}

export class PublicRecipientDto {
  @ApiProperty({ example: 'IRN', description: 'ISO 3166-1 alpha-3 of the State, or OTH for other recipients' })
  code!: string;
  @ApiProperty({ example: 'Iran (Islamic Republic of)' }) name!: string;
  @ApiProperty({ enum: RECIPIENT_KINDS }) kind!: string;
}

export class PublicVictimDto {
  @ApiProperty({ example: '[name withheld]', description: 'Confidential names are withheld (C14)' }) name!: string;
  @ApiProperty({ description: 'A group or community rather than one person' }) group!: boolean;
}

export class PublicLetterLinkDto {
  @ApiProperty({ example: 'UA IRN 5/2023' }) reference!: string;
  @ApiProperty({ example: '/public/communications/UA-IRN-5-2023' }) url!: string;
}

export class PublicAttachmentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'note-verbale.pdf' }) fileName!: string;
  @ApiProperty({ example: 'application/pdf' }) mediaType!: string;
  @ApiProperty({ description: 'Bytes' }) size!: number;
  @ApiProperty({ description: 'SHA-256 of the content, hex' }) sha256!: string;
  @ApiProperty({ example: '/public/communications/UA-IRN-5-2023/attachments/3f2b…' }) url!: string;
}

export class PublicReplyDto {
  @ApiProperty({ description: 'Replies to a letter are numbered 1, 2, … in order of receipt' }) number!: number;
  @ApiProperty({ format: 'date' }) receivedOn!: string;
  @ApiProperty({ description: 'C12: only the fact and the date of a confidential reply are public' })
  confidential!: boolean;
  @ApiProperty({ enum: PUBLISHED_LANGUAGES, nullable: true, type: String }) language!: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Null for a confidential reply and for a reply made of attachments only',
  })
  text!: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'A reply was received on 2026-05-03. It is confidential at the request of its author.',
  })
  notice!: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'The earlier reply this one corrects' }) correctsNumber!:
    number | null;
  @ApiProperty({ type: [PublicAttachmentDto] }) attachments!: PublicAttachmentDto[];
}

/** A published letter as listed in search results and reports. */
export class PublicCommunicationSummaryDto {
  @ApiProperty({ example: 'UA IRN 5/2023' }) reference!: string;
  @ApiProperty({
    example: '/public/communications/UA-IRN-5-2023',
    description: 'The stable address of the record page',
  })
  url!: string;
  @ApiProperty({ enum: ['UA', 'AL', 'OL'] }) type!: string;
  @ApiProperty({ enum: ['en', 'fr', 'es'] }) language!: string;
  @ApiProperty({ type: PublicRecipientDto }) recipient!: PublicRecipientDto;
  @ApiProperty({ type: [PublicMandateDto] }) mandates!: PublicMandateDto[];
  @ApiProperty({ description: 'Signed by two mandates or more' }) joint!: boolean;
  @ApiProperty({ format: 'date' }) sentOn!: string;
  @ApiProperty({ format: 'date' }) publicFrom!: string;
  @ApiProperty() subject!: string;
  @ApiProperty({ type: [String] }) themes!: string[];
  @ApiProperty({ enum: REPLY_STATUSES }) replyStatus!: string;
  @ApiProperty() replyCount!: number;
  @ApiProperty({ format: 'date', nullable: true, type: String }) lastReplyOn!: string | null;
}

/** The record page of a published letter: redacted text, replies, attachments and related letters. */
export class PublicCommunicationDto extends PublicCommunicationSummaryDto {
  @ApiProperty({ format: 'date', nullable: true, type: String }) replyRequestedBy!: string | null;
  @ApiProperty() body!: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'For other letters (OL): the law, bill or policy concerned',
  })
  lawOrPolicy!: string | null;
  @ApiProperty({ type: [PublicVictimDto] }) victims!: PublicVictimDto[];
  @ApiProperty({ type: [PublicReplyDto] }) replies!: PublicReplyDto[];
  @ApiProperty({ type: [PublicLetterLinkDto], description: 'Published earlier letters this one follows up' })
  followsUp!: PublicLetterLinkDto[];
  @ApiProperty({ type: [PublicLetterLinkDto], description: 'Published later letters that follow this one up' })
  followedUpBy!: PublicLetterLinkDto[];
}
