import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsISO8601,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate } from '@spcomms/clock';
import { WholeReplacement } from '@spcomms/errors';
import { PageQuery } from '@spcomms/paging';
import { MANDATE_CODE, STATE_CODE } from '@spcomms/reference';
import { LETTER_LANGUAGES, LETTER_TYPES, LetterLanguage, LetterType } from './communication.entity';

export class VictimDto {
  @ApiProperty({ maxLength: 300, description: 'Name of the person, or description of the group or community' })
  @IsString()
  @Length(1, 300)
  name!: string;

  @ApiPropertyOptional({ enum: ['female', 'male', 'other', 'unknown'] })
  @IsOptional()
  @IsIn(['female', 'male', 'other', 'unknown'])
  gender?: 'female' | 'male' | 'other' | 'unknown';

  @ApiPropertyOptional({ enum: ['child', 'adult', 'older', 'unknown'] })
  @IsOptional()
  @IsIn(['child', 'adult', 'older', 'unknown'])
  ageGroup?: 'child' | 'adult' | 'older' | 'unknown';

  @ApiProperty({ description: 'Withhold the name in the public version' })
  @IsBoolean()
  nameConfidential!: boolean;

  @ApiPropertyOptional({ description: 'A group or community rather than one person' })
  @IsOptional()
  @IsBoolean()
  group?: boolean;
}

export class PerpetratorDto {
  @ApiProperty({ maxLength: 300 })
  @IsString()
  @Length(1, 300)
  name!: string;

  @ApiProperty({ enum: ['state', 'non_state'] })
  @IsIn(['state', 'non_state'])
  kind!: 'state' | 'non_state';
}

export class ReprisalConsentDto {
  @ApiProperty({ format: 'date', description: "Day the victim's informed consent was recorded" })
  @IsCalendarDate()
  recordedOn!: string;

  @ApiProperty({ enum: ['written', 'oral'] })
  @IsIn(['written', 'oral'])
  form!: 'written' | 'oral';

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

/** The content of a letter that co-signers approve; every field of it is versioned. */
export class LetterContentDto {
  @ApiProperty({ enum: LETTER_TYPES })
  @IsIn(LETTER_TYPES)
  type!: LetterType;

  @ApiProperty({ enum: LETTER_LANGUAGES, description: 'Working language of the letter' })
  @IsIn(LETTER_LANGUAGES)
  language!: LetterLanguage;

  @ApiPropertyOptional({ example: 'IRN', description: 'The recipient State (omit when otherRecipientId is given)' })
  @ValidateIf((dto: LetterContentDto) => !dto.otherRecipientId)
  @Matches(STATE_CODE, { message: 'recipientStateCode must be a three-letter State code' })
  recipientStateCode?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'A company, organisation or other non-State recipient' })
  @IsOptional()
  @IsUUID()
  otherRecipientId?: string;

  @ApiPropertyOptional({ type: [String], description: 'Further States: one letter per State is sent, as a group' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(STATE_CODE, { each: true })
  coRecipientStateCodes?: string[];

  @ApiProperty({ maxLength: 500 })
  @IsString()
  @Length(3, 500)
  subject!: string;

  @ApiProperty({ maxLength: 200_000, description: 'Facts, applicable norms, concerns, questions, request for action' })
  @IsString()
  @Length(1, 200_000)
  body!: string;

  @ApiProperty({ type: [VictimDto], description: 'At least one victim, unless the letter is an OL on a law or policy' })
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => VictimDto)
  victims!: VictimDto[];

  @ApiPropertyOptional({ maxLength: 1000, description: 'For an OL: the law, bill, policy or practice' })
  @IsOptional()
  @IsString()
  @Length(3, 1000)
  lawOrPolicy?: string;

  @ApiProperty({ type: [PerpetratorDto] })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => PerpetratorDto)
  perpetrators!: PerpetratorDto[];

  @ApiPropertyOptional({ type: [String], example: ['detention', 'freedom of expression'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @Length(2, 100, { each: true })
  themes?: string[];

  @ApiPropertyOptional({ description: 'Intimidation or reprisal for cooperation with the UN (C15)' })
  @IsOptional()
  @IsBoolean()
  reprisal?: boolean;

  @ApiPropertyOptional({ type: ReprisalConsentDto, description: 'Required when reprisal is true' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReprisalConsentDto)
  reprisalConsent?: ReprisalConsentDto;
}

export class CreateDraftDto extends LetterContentDto {
  @ApiProperty({ example: 'EXPRESSION', description: 'Code of the lead mandate' })
  @Matches(MANDATE_CODE, { message: 'leadMandate must be a mandate code' })
  leadMandate!: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Earlier letters this one follows up' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  followsUp?: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Screened submissions this letter acts on' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  submissionIds?: string[];

  @ApiPropertyOptional({ maxLength: 20_000 })
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  internalNotes?: string;
}

/** PATCH replaces the whole content of the draft, as GET answers it: every field is sent, not only the changed ones. */
@WholeReplacement()
export class EditDraftDto extends LetterContentDto {
  @ApiProperty({ description: 'The revision the edit is based on; a stale one answers 409' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  revision!: number;

  @ApiPropertyOptional({ maxLength: 20_000 })
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  internalNotes?: string;
}

export class InviteDto {
  @ApiProperty({ type: [String], example: ['DEFENDERS', 'IRN'] })
  @IsArray()
  @ArrayMaxSize(59)
  @Matches(MANDATE_CODE, { each: true })
  mandates!: string[];

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Sign-on deadline (ISO 8601 instant); defaults to 24 h for a UA and 5 days otherwise',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'signOnDeadline must be an ISO 8601 date-time' })
  signOnDeadline?: string;
}

export class DecisionDto {
  @ApiProperty({ description: 'The version number being approved or declined' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version!: number;

  @ApiProperty({ enum: ['approve', 'decline'] })
  @IsIn(['approve', 'decline'])
  decision!: 'approve' | 'decline';

  @ApiPropertyOptional({
    example: 'DEFENDERS',
    description: 'Which of your mandates decides (needed when you hold several on the letter)',
  })
  @IsOptional()
  @Matches(MANDATE_CODE)
  mandate?: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class ListCommunicationsQueryDto extends PageQuery() {
  @ApiPropertyOptional({ enum: ['draft', 'sent', 'abandoned'] })
  @IsOptional()
  @IsIn(['draft', 'sent', 'abandoned'])
  status?: 'draft' | 'sent' | 'abandoned';

  @ApiPropertyOptional({ example: 'IRN' })
  @IsOptional()
  @Matches(STATE_CODE)
  recipient?: string;

  @ApiPropertyOptional({ example: 'EXPRESSION', description: 'Only letters on which this mandate (one of yours) is' })
  @IsOptional()
  @Matches(MANDATE_CODE)
  mandate?: string;

  @ApiPropertyOptional({ enum: LETTER_TYPES })
  @IsOptional()
  @IsIn(LETTER_TYPES)
  type?: LetterType;

  @ApiPropertyOptional({
    example: 2026,
    description: 'Year of sending (of creation for drafts and abandoned letters), in the Geneva calendar',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1900)
  @Max(9999)
  year?: number;
}

export const PORTAL_REPLY_STATUSES = ['awaiting_reply', 'replied', 'overdue', 'new'] as const;
export type PortalReplyStatus = (typeof PORTAL_REPLY_STATUSES)[number];

/** The Government's list: its own State's sent letters only, so it filters by type and reply status. */
export class ListPortalCommunicationsQueryDto extends PageQuery() {
  @ApiPropertyOptional({
    enum: PORTAL_REPLY_STATUSES,
    description:
      'awaiting_reply: no reply recorded yet; replied: at least one reply; overdue: no reply and the reply date has passed; new: not yet opened by your State',
  })
  @IsOptional()
  @IsIn(PORTAL_REPLY_STATUSES)
  status?: PortalReplyStatus;

  @ApiPropertyOptional({
    maxLength: 60,
    example: 'ua irn 5 2023',
    description: 'Find by reference, typed loosely: every word given must be a word of the reference',
  })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  q?: string;

  @ApiPropertyOptional({ enum: LETTER_TYPES })
  @IsOptional()
  @IsIn(LETTER_TYPES)
  type?: LetterType;
}

export class ExtendDeadlineDto {
  @ApiProperty({ format: 'date', description: 'The new reply-requested date (Geneva calendar)' })
  @IsCalendarDate()
  replyRequestedBy!: string;

  @ApiProperty({ maxLength: 2000, description: 'Why the extension is granted' })
  @IsString()
  @Length(3, 2000)
  reason!: string;
}

/** Links a screened submission of the assistant's mandates to a draft that acts on it. */
export class LinkSubmissionDto {
  @ApiProperty({ format: 'uuid', description: 'A screened submission the letter acts on' })
  @IsUUID('all', { message: 'submissionId must be a submission id' })
  submissionId!: string;
}

export class AbandonDraftDto {
  @ApiProperty({ maxLength: 2000, description: 'Why the draft is abandoned (kept in the record)' })
  @IsString()
  @Length(3, 2000)
  reason!: string;
}
