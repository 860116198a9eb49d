import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate } from '@spcomms/clock';
import { PageQuery } from '@spcomms/paging';
import { MANDATE_CODE, STATE_CODE } from '@spcomms/reference';
import { REPORT_SYMBOL_PATTERN } from './report-symbol';
import { ALL_ASSURANCE_ITEMS, AssuranceItem } from './visit-assurance';
import { VISIT_FOLLOW_UP_KINDS, VisitFollowUpKind } from './visit-follow-up.entity';
import {
  ALL_VISIT_ANSWERS,
  RECORDED_ANSWER_CHANNELS,
  RecordedAnswerChannel,
  STAFF_TARGETS,
  StaffTarget,
  VisitAnswer,
} from './visit-move';
import { ALL_VISIT_STATUSES, VisitStatus } from './visit-status.machine';

/** A period of calendar days, both included (Europe/Zurich). */
export class PeriodDto {
  @ApiProperty({ format: 'date', example: '2026-10-05' })
  @IsCalendarDate()
  from!: string;

  @ApiProperty({ format: 'date', example: '2026-10-16' })
  @IsCalendarDate()
  to!: string;
}

export class AssuranceInputDto {
  @ApiProperty({ enum: ALL_ASSURANCE_ITEMS })
  @IsIn(ALL_ASSURANCE_ITEMS)
  item!: AssuranceItem;

  @ApiProperty({ description: 'Asked of the State in the terms of reference' })
  @IsBoolean()
  requested!: boolean;

  @ApiPropertyOptional({ description: 'Confirmed by the State (only for a requested item)' })
  @IsOptional()
  @IsBoolean()
  confirmed?: boolean;

  @ApiPropertyOptional({ maxLength: 2000, description: 'Internal note; never shown to the State or the public' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class CreateVisitRequestDto {
  @ApiProperty({ example: 'TORTURE', description: 'Code of the requesting mandate' })
  @Matches(MANDATE_CODE)
  mandateCode!: string;

  @ApiProperty({ example: 'CHE', description: 'The State asked (a State, not OTH)' })
  @Matches(STATE_CODE)
  stateCode!: string;

  @ApiPropertyOptional({
    format: 'date',
    description: 'Day the request was sent; today (Geneva) when omitted; not in the future',
  })
  @IsOptional()
  @IsCalendarDate()
  requestedOn?: string;

  @ApiPropertyOptional({ type: PeriodDto, description: 'The period the mandate proposes, if any' })
  @IsOptional()
  @ValidateNested()
  @Type(() => PeriodDto)
  requestedPeriod?: PeriodDto;

  @ApiProperty({ minLength: 10, maxLength: 5000 })
  @IsString()
  @Length(10, 5000)
  purpose!: string;

  @ApiPropertyOptional({ maxLength: 10000, description: 'Internal notes; never shown to the State or the public' })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  notes?: string;

  @ApiPropertyOptional({
    type: [AssuranceInputDto],
    description: 'Terms-of-reference checklist; items left out are requested and not yet confirmed',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(ALL_ASSURANCE_ITEMS.length)
  @ValidateNested({ each: true })
  @Type(() => AssuranceInputDto)
  assurances?: AssuranceInputDto[];
}

export class UpdateVisitDto {
  @ApiPropertyOptional({ minLength: 10, maxLength: 5000 })
  @IsOptional()
  @IsString()
  @Length(10, 5000)
  purpose?: string;

  @ApiPropertyOptional({ maxLength: 10000, description: 'Internal notes; never shown to the State or the public' })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  notes?: string;
}

export class UpdateAssurancesDto {
  @ApiProperty({ type: [AssuranceInputDto], description: 'The items to change; others stay as they are' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ALL_ASSURANCE_ITEMS.length)
  @ValidateNested({ each: true })
  @Type(() => AssuranceInputDto)
  assurances!: AssuranceInputDto[];
}

/** The State's answer given in the government portal. */
export class GovernmentVisitAnswerDto {
  @ApiProperty({
    enum: ALL_VISIT_ANSWERS,
    description:
      'An invitation after the request counts as an acceptance. `accept` while dates are proposed accepts the dates the mandate proposed: ' +
      'the visit is scheduled with them (dates the State proposed itself are agreed by the mandate)',
  })
  @IsIn(ALL_VISIT_ANSWERS)
  answer!: VisitAnswer;

  @ApiPropertyOptional({
    type: PeriodDto,
    description:
      'Required when proposing dates; optional with an invitation (the dates the State invites for, shown as proposed)',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => PeriodDto)
  period?: PeriodDto;

  @ApiPropertyOptional({ maxLength: 5000, description: 'The reasons of a decline, or any remark on the answer' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  note?: string;
}

/** An answer of the State that came outside the portal, recorded by the mandate's staff. */
export class RecordVisitAnswerDto extends GovernmentVisitAnswerDto {
  @ApiProperty({ enum: RECORDED_ANSWER_CHANNELS, description: 'How the answer came' })
  @IsIn(RECORDED_ANSWER_CHANNELS)
  channel!: RecordedAnswerChannel;

  @ApiPropertyOptional({ format: 'date', description: 'Day the answer was received; today (Geneva) when omitted' })
  @IsOptional()
  @IsCalendarDate()
  receivedOn?: string;
}

/** A move the mandate's staff make themselves. */
export class MoveVisitDto {
  @ApiProperty({ enum: STAFF_TARGETS, description: 'The status to move to' })
  @IsIn(STAFF_TARGETS)
  status!: StaffTarget;

  @ApiPropertyOptional({ type: PeriodDto, description: 'Required for dates_proposed and scheduled (the agreed dates)' })
  @IsOptional()
  @ValidateNested()
  @Type(() => PeriodDto)
  period?: PeriodDto;

  @ApiPropertyOptional({ maxLength: 5000, description: 'Internal note' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  note?: string;
}

/** V4: what follows a completed visit. */
export class RecordVisitOutcomeDto {
  @ApiPropertyOptional({
    format: 'date',
    description: 'Day of the end-of-mission statement; the last day of the visit by default',
  })
  @IsOptional()
  @IsCalendarDate()
  endOfMissionOn?: string;

  @ApiPropertyOptional({
    example: 'A/HRC/55/50/Add.1',
    description: 'Document symbol of the report: A/HRC/<session>/<n>[/Add.<n>]',
  })
  @IsOptional()
  @Matches(REPORT_SYMBOL_PATTERN, {
    message: 'reportSymbol must have the form A/HRC/<session>/<n> or A/HRC/<session>/<n>/Add.<n>',
  })
  reportSymbol?: string;

  @ApiPropertyOptional({ example: 55, description: 'HRC session of the report; taken from the symbol when omitted' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(999)
  reportSession?: number;
}

export class AddVisitFollowUpDto {
  @ApiProperty({ enum: VISIT_FOLLOW_UP_KINDS })
  @IsIn(VISIT_FOLLOW_UP_KINDS)
  kind!: VisitFollowUpKind;

  @ApiProperty({ format: 'date' })
  @IsCalendarDate()
  dueOn!: string;

  @ApiPropertyOptional({ maxLength: 2000, description: 'Internal note' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class ListVisitsQueryDto extends PageQuery() {
  @ApiPropertyOptional({ example: 'TORTURE' })
  @IsOptional()
  @Matches(MANDATE_CODE)
  mandate?: string;

  @ApiPropertyOptional({ example: 'CHE' })
  @IsOptional()
  @Matches(STATE_CODE)
  state?: string;

  @ApiPropertyOptional({ enum: ALL_VISIT_STATUSES })
  @IsOptional()
  @IsIn(ALL_VISIT_STATUSES)
  status?: VisitStatus;
}

export class PublicTableQueryDto {
  @ApiPropertyOptional({ enum: ['json', 'csv'], description: 'csv answers text/csv with a header row' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}
