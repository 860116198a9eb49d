import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, Matches, MaxLength, Min } from 'class-validator';
import { PERSONAL_DATA_KINDS } from './personal-data';
import { PublicCommunicationDto } from './public-communication.dto';
import { REDACTION_ISSUE_KINDS } from './redaction-issues';

export const REDACTION_NOTES_MAX = 2000;

/** C11: the assistant has read the redacted public version (see `preview` of the publication status). */
export class RecordRedactionCheckDto {
  @ApiPropertyOptional({ maxLength: REDACTION_NOTES_MAX, description: 'What was checked or changed' })
  @IsOptional()
  @IsString()
  @MaxLength(REDACTION_NOTES_MAX)
  notes?: string;

  @ApiPropertyOptional({
    minimum: 1,
    description:
      'The version whose public version was read; refused unless it is the current one. Default: the current one',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;

  @ApiPropertyOptional({
    type: [String],
    example: ['source-0'],
    description:
      "The keys of the issues of `redaction.issues` the assistant dealt with on purpose. The check is refused while the letter's text names the source of a linked submission (C14) unless that issue's key is here",
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @Matches(/^[a-z_]+-\d{1,4}$/, { each: true })
  confirmed?: string[];
}

export class RedactionCheckDto {
  @ApiProperty() versionNumber!: number;
  @ApiProperty({ format: 'uuid', description: 'The assistant who checked' }) checkedBy!: string;
  @ApiProperty() checkedAt!: Date;
  @ApiProperty({ nullable: true, type: String }) notes!: string | null;
}

export class WithheldNameDto {
  @ApiProperty({ example: 'Ivan Informant', description: 'The name as recorded (staff only: never public)' })
  name!: string;
  @ApiProperty({ enum: ['victim', 'source', 'source_organisation'], isArray: true, description: 'Whose name it is' })
  roles!: string[];
  @ApiProperty({
    description: 'How many times it was withheld in the public texts, whole or in part (0: the texts do not name it)',
  })
  occurrences!: number;
}

export class PersonalDataWarningDto {
  @ApiProperty({ enum: PERSONAL_DATA_KINDS }) kind!: string;
  @ApiProperty({
    example: 'body',
    description: 'Where: subject, body, lawOrPolicy, themes, victims, replies[n].text, replies[n].attachments',
  })
  field!: string;
  @ApiProperty({ example: '+375 29 123-45-67', description: 'The text as it would be published' }) text!: string;
}

export class RedactionIssueDto {
  @ApiProperty({ example: 'source-0', description: 'Stable for a version of the text; name it in `confirmed`' })
  key!: string;
  @ApiProperty({ enum: REDACTION_ISSUE_KINDS }) kind!: string;
  @ApiProperty({ nullable: true, type: String, example: 'body' }) field!: string | null;
  @ApiProperty({ description: 'The name or text found (staff only: never public)' }) text!: string;
  @ApiProperty({ description: 'The check is refused unless this issue is confirmed or removed from the text' })
  blocking!: boolean;
}

/** C14: what the redaction of the public version withheld, and what still looks like personal data. */
export class RedactionReportDto {
  @ApiProperty({
    type: [WithheldNameDto],
    description:
      "The confidential victims' names and the names and organisations of the sources of every linked submission",
  })
  withheld!: WithheldNameDto[];
  @ApiProperty({
    type: [PersonalDataWarningDto],
    description:
      'E-mail addresses, phone numbers and passport-like numbers left in the public version: read them before checking',
  })
  warnings!: PersonalDataWarningDto[];
  @ApiProperty({
    type: [RedactionIssueDto],
    description:
      "What to deal with before the check: the source's name in the letter's text (blocking), victims named in public, and the warnings",
  })
  issues!: RedactionIssueDto[];
}

export const PUBLICATION_STATUSES = ['draft', 'scheduled', 'blocked', 'published', 'abandoned'] as const;
export type PublicationStatus = (typeof PUBLICATION_STATUSES)[number];

/** Where the publication of a letter stands, for its assistants and mandate-holders. */
export class PublicationStatusDto {
  @ApiProperty({ format: 'uuid' }) communicationId!: string;
  @ApiProperty({ nullable: true, type: String, example: 'UA IRN 5/2026' }) reference!: string | null;
  @ApiProperty({ format: 'date', nullable: true, type: String, description: 'C11: the day the letter becomes public' })
  publicFrom!: string | null;
  @ApiProperty({
    enum: PUBLICATION_STATUSES,
    description:
      'draft: not sent; scheduled: sent, public-from not reached; blocked: due but the redaction check of the sent version is missing; published; abandoned',
  })
  status!: PublicationStatus;
  @ApiProperty({ nullable: true, type: String, enum: ['redaction_check_missing'] }) blockedReason!: string | null;
  @ApiProperty({ nullable: true, type: Date }) blockedAt!: Date | null;
  @ApiProperty({ nullable: true, type: Date }) publishedAt!: Date | null;
  @ApiProperty({
    type: RedactionCheckDto,
    nullable: true,
    description: 'The check of the current version, if recorded',
  })
  redactionCheck!: RedactionCheckDto | null;
  @ApiProperty({ type: [RedactionCheckDto], description: 'Every check recorded, of any version' })
  checks!: RedactionCheckDto[];
  @ApiProperty({
    type: RedactionReportDto,
    description: 'What the redaction of the preview withheld, and the warnings on it',
  })
  redaction!: RedactionReportDto;
  @ApiProperty({
    type: PublicCommunicationDto,
    description:
      'The public version of the current text with the replies received so far: what is (or will be) published',
  })
  preview!: PublicCommunicationDto;
}
