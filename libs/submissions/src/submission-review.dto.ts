import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { PageQuery, queryBoolean } from '@spcomms/paging';
import { MANDATE_CODE } from '@spcomms/reference';
import {
  SCREENING_CRITERIA,
  SUBMISSION_LIMITS,
  SUBMISSION_STATUSES,
  ScreeningCriterion,
  SubmissionStatus,
} from './submission.rules';
import { optionalText, requiredText } from './submission-text';

/**
 * What the staff send about a submission once it is in: the screening against the criteria, a
 * rejection, the mandates it is for, and the list of submissions. What a submission says is in
 * submission-input.dto.ts.
 */

const { mediumText } = SUBMISSION_LIMITS;

export class CriterionInputDto {
  @ApiProperty({ enum: SCREENING_CRITERIA })
  @IsIn(SCREENING_CRITERIA)
  criterion!: ScreeningCriterion;

  @ApiProperty()
  @IsBoolean()
  passed!: boolean;

  @ApiPropertyOptional({ maxLength: mediumText })
  @Transform(optionalText)
  @IsOptional()
  @IsString()
  @MaxLength(mediumText)
  note?: string;
}

export class ScreenSubmissionDto {
  @ApiProperty({ type: [CriterionInputDto], minItems: 1, maxItems: SCREENING_CRITERIA.length })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(SCREENING_CRITERIA.length)
  @ValidateNested({ each: true })
  @Type(() => CriterionInputDto)
  criteria!: CriterionInputDto[];
}

export class RejectSubmissionDto {
  @ApiProperty({ minLength: 5, maxLength: mediumText })
  @Transform(requiredText)
  @IsString()
  @MinLength(5)
  @MaxLength(mediumText)
  reason!: string;
}

export class ListSubmissionsQueryDto extends PageQuery() {
  @ApiPropertyOptional({ enum: SUBMISSION_STATUSES })
  @IsOptional()
  @IsIn(SUBMISSION_STATUSES)
  status?: SubmissionStatus;

  @ApiPropertyOptional({ example: 'TORTURE', description: 'Only submissions addressed to this mandate' })
  @IsOptional()
  @Matches(MANDATE_CODE, { message: 'mandate must be a mandate code such as TORTURE' })
  mandate?: string;

  @ApiPropertyOptional({ description: 'true: only submissions addressed to no mandate (triage)' })
  @Transform(queryBoolean)
  @IsOptional()
  @IsBoolean()
  triage?: boolean;
}

/** Gives a submission its mandates (an online one addressed to none waits for triage). */
export class AssignMandatesDto {
  @ApiProperty({ type: [String], example: ['TORTURE'], minItems: 1, maxItems: 10 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @Matches(MANDATE_CODE, { each: true, message: 'each mandate must be a mandate code such as TORTURE' })
  mandates!: string[];
}
