import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PerpetratorDto, ReprisalConsentDto, VictimDto } from './communications.dto';

export class LetterMandateDto {
  @ApiProperty({ example: 'EXPRESSION' }) code!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: ['lead', 'invited', 'declined', 'dropped'] }) participation!: string;
  @ApiProperty({ nullable: true, type: Date }) signOnDeadline!: Date | null;
  @ApiProperty({ description: 'Approved the current version' }) approvedCurrentVersion!: boolean;
}

export class ApprovalDto {
  @ApiProperty({ example: 'DEFENDERS' }) mandate!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ enum: ['approve', 'decline'] }) decision!: string;
  @ApiProperty() decidedAt!: Date;
  @ApiProperty({ description: 'Counts for the current version' }) current!: boolean;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
}

export class LetterLinkDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ nullable: true, type: String, example: 'UA IRN 5/2023' }) reference!: string | null;
}

export class VersionSummaryDto {
  @ApiProperty() number!: number;
  @ApiProperty({ description: 'SHA-256 of the version content' }) contentHash!: string;
  @ApiProperty() createdAt!: Date;
}

export class RecipientDto {
  @ApiProperty({ example: 'IRN', description: 'State code, or OTH for other recipients' }) code!: string;
  @ApiProperty({ example: 'Iran (Islamic Republic of)' }) name!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) otherRecipientId!: string | null;
}

/** The internal view of a letter, for the assistants and mandate-holders of its mandates. */
export class CommunicationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['draft', 'sent', 'abandoned'] }) status!: string;
  @ApiProperty({ description: 'Send it back with an edit (optimistic concurrency)' }) revision!: number;
  @ApiProperty({ enum: ['UA', 'AL', 'OL'] }) type!: string;
  @ApiProperty({ nullable: true, type: String, example: 'UA IRN 5/2023' }) reference!: string | null;
  @ApiProperty({ example: 'EXPRESSION' }) leadMandate!: string;
  @ApiProperty({ type: [LetterMandateDto] }) mandates!: LetterMandateDto[];
  @ApiProperty({ description: 'Two or more mandates approved the current version' }) joint!: boolean;
  @ApiProperty({ type: RecipientDto }) recipient!: RecipientDto;
  @ApiProperty({ type: [String] }) coRecipientCodes!: string[];
  @ApiProperty({ enum: ['en', 'fr', 'es'] }) language!: string;
  @ApiProperty() subject!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ type: [VictimDto] }) victims!: VictimDto[];
  @ApiProperty({ nullable: true, type: String }) lawOrPolicy!: string | null;
  @ApiProperty({ type: [PerpetratorDto] }) perpetrators!: PerpetratorDto[];
  @ApiProperty({ type: [String] }) themes!: string[];
  @ApiProperty() reprisal!: boolean;
  @ApiPropertyOptional({ type: ReprisalConsentDto, nullable: true }) reprisalConsent!: ReprisalConsentDto | null;
  @ApiProperty({ type: VersionSummaryDto }) currentVersion!: VersionSummaryDto;
  @ApiProperty({ type: [ApprovalDto] }) approvals!: ApprovalDto[];
  @ApiProperty({ nullable: true, type: Date }) sentAt!: Date | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) sentOn!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) replyRequestedBy!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) publicFrom!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) groupId!: string | null;
  @ApiProperty({ type: [LetterLinkDto] }) followsUp!: LetterLinkDto[];
  @ApiProperty({ type: [LetterLinkDto] }) followedUpBy!: LetterLinkDto[];
  @ApiProperty() internalNotes!: string;
  @ApiProperty() legacy!: boolean;
  @ApiProperty({
    description: 'Sent, but no e-mail could reach the recipient (no active focal point, or a non-State recipient)',
  })
  recipientUnreachable!: boolean;
  @ApiProperty({ nullable: true, type: Date, description: 'When the draft was abandoned' }) abandonedAt!: Date | null;
  @ApiProperty({ nullable: true, type: String, description: 'Why the draft was abandoned' }) abandonReason!:
    string | null;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

export class CommunicationSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['draft', 'sent', 'abandoned'] }) status!: string;
  @ApiProperty({ enum: ['UA', 'AL', 'OL'] }) type!: string;
  @ApiProperty({ nullable: true, type: String }) reference!: string | null;
  @ApiProperty() leadMandate!: string;
  @ApiProperty() recipientCode!: string;
  @ApiProperty() subject!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) sentOn!: string | null;
  @ApiProperty({
    description: 'Sent, but no e-mail could reach the recipient (no active focal point, or a non-State recipient)',
  })
  recipientUnreachable!: boolean;
  @ApiProperty() updatedAt!: Date;
}

export class VersionDto extends VersionSummaryDto {
  @ApiProperty({ description: 'The content approved or declined as this version' }) content!: object;
}

export class TransmittedLetterDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'UA IRN 1/2026' }) reference!: string;
  @ApiProperty({ example: 'IRN' }) recipientCode!: string;
  @ApiProperty({ format: 'date' }) sentOn!: string;
  @ApiProperty({ format: 'date' }) replyRequestedBy!: string;
  @ApiProperty({ format: 'date' }) publicFrom!: string;
}

export class UnreachableRecipientDto {
  @ApiProperty({ format: 'uuid', description: 'The letter sent to this recipient' }) id!: string;
  @ApiProperty({ example: 'UA IRN 1/2026' }) reference!: string;
  @ApiProperty({ example: 'IRN' }) recipientCode!: string;
  @ApiProperty({ example: 'Iran (Islamic Republic of)' }) recipientName!: string;
  @ApiProperty({
    enum: ['no_focal_point', 'non_state_recipient'],
    description:
      'no_focal_point: the State has no active government user; non_state_recipient: other recipients have no account',
  })
  reason!: 'no_focal_point' | 'non_state_recipient';
}

export class TransmissionDto {
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) groupId!: string | null;
  @ApiProperty({ type: [TransmittedLetterDto] }) letters!: TransmittedLetterDto[];
  @ApiProperty({
    type: [UnreachableRecipientDto],
    description:
      'Recipients no e-mail was sent to: the letter is sent, but must reach them by other means (note verbale, post)',
  })
  unreachableRecipients!: UnreachableRecipientDto[];
}

export class PreviewLetterDto {
  @ApiProperty({ example: 'IRN' }) recipientCode!: string;
  @ApiProperty({ example: 'Iran (Islamic Republic of)' }) recipientName!: string;
  @ApiProperty({ example: 'UA IRN 1/2026', description: 'The reference it gets if sent now (C7)' }) reference!: string;
}

/** What sending now would do: the reference of each letter, its dates, and what still stands in the way. */
export class TransmissionPreviewDto {
  @ApiProperty({ type: [PreviewLetterDto] }) letters!: PreviewLetterDto[];
  @ApiProperty({ format: 'date' }) sentOn!: string;
  @ApiProperty({ format: 'date' }) replyRequestedBy!: string;
  @ApiProperty({ format: 'date' }) publicFrom!: string;
  @ApiProperty({ description: 'The version that would be sent' }) version!: number;
  @ApiProperty({ type: [String], description: 'Mandates whose approval of that version is missing (C5)' })
  missingApprovals!: string[];
}

/** What the recipient Government sees of a sent letter: never the source, notes, drafts or approvals. */
export class PortalCommunicationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'UA IRN 5/2023' }) reference!: string;
  @ApiProperty({ enum: ['UA', 'AL', 'OL'] }) type!: string;
  @ApiProperty({ format: 'date' }) sentOn!: string;
  @ApiProperty({ format: 'date' }) replyRequestedBy!: string;
  @ApiProperty({ format: 'date' }) publicFrom!: string;
  @ApiProperty({ type: [String], description: 'Titles of the mandates that signed' }) mandates!: string[];
  @ApiProperty({ enum: ['en', 'fr', 'es'] }) language!: string;
  @ApiProperty() subject!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ type: [VictimDto], description: 'With their names: the State receives them' }) victims!: VictimDto[];
  @ApiProperty({ nullable: true, type: String }) lawOrPolicy!: string | null;
  @ApiProperty({ type: [PerpetratorDto] }) perpetrators!: PerpetratorDto[];
  @ApiProperty({ type: [LetterLinkDto], description: 'Earlier letters (to this State) this one follows up' })
  followsUp!: LetterLinkDto[];
}

/** A draft whose current version a mandate of the asking mandate-holder has not decided on. */
export class AwaitingDecisionDto {
  @ApiProperty({ type: CommunicationSummaryDto }) letter!: CommunicationSummaryDto;
  @ApiProperty({ example: 'DEFENDERS', description: 'Your mandate whose decision is awaited' }) mandate!: string;
  @ApiProperty({ enum: ['lead', 'invited'] }) participation!: string;
  @ApiProperty({ description: 'The version to approve or decline' }) version!: number;
  @ApiProperty({
    nullable: true,
    type: Date,
    description: 'Sign-on deadline of an invited mandate (the lead has none)',
  })
  signOnDeadline!: Date | null;
}
