import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { queryBoolean } from '@spcomms/paging';

export class HistoryImportQueryDto {
  @ApiPropertyOptional({ default: false, description: 'Validate and answer the report without writing anything' })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  dryRun?: boolean;
}

export class ImportProblemDto {
  @ApiProperty({ enum: ['file', 'letters', 'replies'] }) section!: string;
  @ApiProperty({ nullable: true, type: Number, description: 'Row as a spreadsheet numbers it (the header row is 1)' })
  row!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'First line of the row in the text' }) line!: number | null;
  @ApiProperty({ nullable: true, type: String, example: 'reference' }) column!: string | null;
  @ApiProperty({ example: 'reference.year_mismatch', description: 'Stable, machine-readable reason' }) code!: string;
  @ApiProperty({ example: 'The reference year 2014 is after the year of sent_on 2013-12-30' }) reason!: string;
}

export class ImportedLetterDto {
  @ApiProperty({ description: 'Row of the letter in the file' }) row!: number;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Null in a dry run' }) id!: string | null;
  @ApiProperty({ example: 'JUA IRN 5/2013', description: 'Kept as given (C8)' }) reference!: string;
  @ApiProperty({ enum: ['UA', 'AL', 'OL'] }) type!: string;
  @ApiProperty({ nullable: true, type: String, example: 'JUA' }) legacyType!: string | null;
  @ApiProperty({ example: 'IRN' }) recipientCode!: string;
  @ApiProperty({ format: 'date' }) sentOn!: string;
  @ApiProperty({ format: 'date' }) replyRequestedBy!: string;
  @ApiProperty({ format: 'date' }) publicFrom!: string;
  @ApiProperty({ example: 'EXPRESSION' }) leadMandate!: string;
  @ApiProperty({ type: [String] }) cosigningMandates!: string[];
  @ApiProperty({ description: 'Replies imported with the letter' }) replies!: number;
}

export class ImportCountsDto {
  @ApiProperty() rows!: number;
  @ApiProperty() accepted!: number;
  @ApiProperty() rejected!: number;
}

export class RegisteredOtherRecipientDto {
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'Null in a dry run or when nothing was imported',
  })
  id!: string | null;
  @ApiProperty({ example: 'Example Mining Ltd' }) name!: string;
  @ApiProperty({ enum: ['company', 'international_organisation', 'non_state_actor', 'other'] }) kind!: string;
}

export class ImportOtherRecipientsDto {
  @ApiProperty({
    type: [RegisteredOtherRecipientDto],
    description: 'Not registered before: registered by the import with the kind of the file',
  })
  registered!: RegisteredOtherRecipientDto[];
  @ApiProperty({
    type: [String],
    description: 'Named by the file, not registered and given no other_recipient_kind: every one, at once',
  })
  missing!: string[];
}

/**
 * What an import did or would do. When `problems` is not empty nothing was written: a real import
 * answers 422 with this report in `details`, a dry run answers it with 200.
 */
export class HistoryImportReportDto {
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'Subject of the audit event of the import; null unless applied',
  })
  importId!: string | null;
  @ApiProperty() dryRun!: boolean;
  @ApiProperty({ description: 'Letters and replies were written' }) applied!: boolean;
  @ApiProperty({ description: 'SHA-256 of the file as received' }) sha256!: string;
  @ApiProperty({ type: ImportCountsDto }) letters!: ImportCountsDto;
  @ApiProperty({ type: ImportCountsDto }) replies!: ImportCountsDto;
  @ApiProperty({ type: [ImportProblemDto], description: 'Every reason a row (or the file) is rejected, in file order' })
  problems!: ImportProblemDto[];
  @ApiProperty({ type: ImportOtherRecipientsDto }) otherRecipients!: ImportOtherRecipientsDto;
  @ApiProperty({ type: [ImportedLetterDto], description: 'The letters accepted (written unless dry run or rejected)' })
  imported!: ImportedLetterDto[];
}
