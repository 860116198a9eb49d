import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { IsCalendarDate } from '@spcomms/clock';
import { PublicFigure } from './public-statistics.dto';
import { REGIONS, Region } from './regions';
import { ALL_FIGURES, Figure } from './statistics-figures';
import { MANDATE_CODE, STATE_CODE } from '@spcomms/reference';

export const LETTER_TYPE_FILTERS = ['UA', 'AL', 'OL'] as const;
export const MANDATE_ROLES = ['lead', 'joined'] as const;
export const TREND_INTERVALS = ['month', 'year'] as const;

/** The period of a figures query: a calendar year by default, as of a cut-off (default today in Geneva). */
export class StatisticsQueryDto {
  @ApiPropertyOptional({
    minimum: 1946,
    maximum: 2100,
    description: 'Calendar year of sending (instead of from/to). Default: the year of from or to, else of the cut-off',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1946)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({
    format: 'date',
    description: 'First day of sending counted (Geneva calendar). Default: 1 January of the year',
  })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Last day of sending counted. Default: 31 December of the year' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({
    format: 'date',
    description:
      'Count only letters sent and replies received on or before this day; visit statuses as they stood at its end. Not after today. Default: today (Geneva). ' +
      'The same query with the same cut-off always answers the same figures.',
  })
  @IsOptional()
  @IsCalendarDate()
  cutoff?: string;

  @ApiPropertyOptional({
    format: 'date',
    description: 'First day of the window of replies received. Default: from (C16 reports shift it by two months)',
  })
  @IsOptional()
  @IsCalendarDate()
  repliesFrom?: string;

  @ApiPropertyOptional({
    format: 'date',
    description: 'Last day of the window of replies received (the cut-off still applies). Default: to',
  })
  @IsOptional()
  @IsCalendarDate()
  repliesTo?: string;

  @ApiPropertyOptional({
    example: 'TORTURE',
    description: 'Only letters signed by this mandate (for assistants and mandate-holders: one of their own)',
  })
  @IsOptional()
  @Matches(MANDATE_CODE, { message: 'mandate must be a mandate code' })
  mandate?: string;
}

export class TrendQueryDto {
  @ApiPropertyOptional({ minimum: 1946, maximum: 2100, description: 'One calendar year (instead of from/to)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1946)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({
    format: 'date',
    description: 'First day of the range. Default: 1 January nine years before the year of the cut-off',
  })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({
    format: 'date',
    description: 'Last day of the range. Default: 31 December of the year of the cut-off',
  })
  @IsOptional()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({
    format: 'date',
    description: 'As for the figures: letters sent and replies received on or before this day. Default: today',
  })
  @IsOptional()
  @IsCalendarDate()
  cutoff?: string;

  @ApiPropertyOptional({
    enum: TREND_INTERVALS,
    default: 'month',
    description: 'One point per month or per year (at most 600 points)',
  })
  @IsOptional()
  @IsIn(TREND_INTERVALS)
  interval?: 'month' | 'year';

  @ApiPropertyOptional({ example: 'TORTURE', description: 'Only letters signed by this mandate' })
  @IsOptional()
  @Matches(MANDATE_CODE, { message: 'mandate must be a mandate code' })
  mandate?: string;
}

/** A figures query, narrowed to one cell of a breakdown (a type, a State, a region, a mandate). */
export class FigureCsvQueryDto extends StatisticsQueryDto {
  @ApiPropertyOptional({
    enum: LETTER_TYPE_FILTERS,
    description: 'Only letters of this type (imported JUA, JAL, JOL count as UA, AL, OL)',
  })
  @IsOptional()
  @IsIn(LETTER_TYPE_FILTERS)
  type?: 'UA' | 'AL' | 'OL';

  @ApiPropertyOptional({
    example: 'IRN',
    description: 'Only letters to this recipient code (OTH: all non-State recipients)',
  })
  @IsOptional()
  @Matches(STATE_CODE, { message: 'state must be a three-letter code' })
  state?: string;

  @ApiPropertyOptional({ enum: REGIONS, description: 'Only letters to recipients of this region (UN regional group)' })
  @IsOptional()
  @IsIn(REGIONS)
  region?: Region;

  @ApiPropertyOptional({
    enum: MANDATE_ROLES,
    description: 'With mandate: only the letters it led, or only those it joined as a co-signer',
  })
  @IsOptional()
  @IsIn(MANDATE_ROLES)
  mandateRole?: 'lead' | 'joined';
}

/** The period of the public statistics: a calendar year by default. */
export class PublicStatisticsQueryDto {
  @ApiPropertyOptional({
    minimum: 1946,
    maximum: 2100,
    description: 'Calendar year of sending (instead of from/to). Default: the current year',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1946)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({ format: 'date', description: 'First day of sending counted' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Last day of sending counted' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;
}

export class PublicTrendQueryDto {
  @ApiPropertyOptional({ minimum: 1946, maximum: 2100, description: 'First year. Default: nine years before the last' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1946)
  @Max(2100)
  fromYear?: number;

  @ApiPropertyOptional({ minimum: 1946, maximum: 2100, description: 'Last year. Default: the current year' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1946)
  @Max(2100)
  toYear?: number;
}

export class PublicFigureCsvQueryDto extends PublicStatisticsQueryDto {
  @ApiPropertyOptional({ enum: LETTER_TYPE_FILTERS })
  @IsOptional()
  @IsIn(LETTER_TYPE_FILTERS)
  type?: 'UA' | 'AL' | 'OL';

  @ApiPropertyOptional({
    example: 'IRN',
    description: 'Only letters to this recipient code (OTH: all non-State recipients)',
  })
  @IsOptional()
  @Matches(STATE_CODE, { message: 'state must be a three-letter code' })
  state?: string;

  @ApiPropertyOptional({ enum: REGIONS })
  @IsOptional()
  @IsIn(REGIONS)
  region?: Region;

  @ApiPropertyOptional({ example: 'TORTURE', description: 'Only letters signed by this mandate' })
  @IsOptional()
  @Matches(MANDATE_CODE, { message: 'mandate must be a mandate code' })
  mandate?: string;
}

export class FigureParamDto {
  @ApiProperty({
    enum: ALL_FIGURES,
    description: 'The figure whose rows to list (see the descriptions of the figures)',
  })
  @IsIn(ALL_FIGURES)
  figure!: Figure;
}

export class PublicFigureParamDto {
  @ApiProperty({ enum: Object.values(PublicFigure), description: 'The public figure whose published letters to list' })
  @IsIn(Object.values(PublicFigure))
  figure!: PublicFigure;
}
