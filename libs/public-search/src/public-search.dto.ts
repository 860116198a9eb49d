import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { IsCalendarDate, isCalendarDate } from '@spcomms/clock';
import { PAGE_CURSOR_MAX_LENGTH, PageLimits, PageQuery, queryBoolean } from '@spcomms/paging';
import {
  PublicCommunicationSummaryDto,
  PublicRecipientDto,
  RECIPIENT_KINDS,
  REPLY_STATUSES,
  RecipientKind,
  ReplyStatus,
} from '@spcomms/publication';
import { HRC_SESSIONS, HrcSession } from './report-windows';
import { MAX_QUERY_LENGTH } from './text-query';
import { MANDATE_CODE, RECIPIENT_CODE } from '@spcomms/reference';

export const SEARCH_SORTS = ['relevance', 'date'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];
export const SEARCH_PAGE_DEFAULT = 20;
export const SEARCH_PAGE_MAX = 100;
/** Smaller than the other lists': a page of hits carries snippets. */
export const SEARCH_PAGE_LIMITS: PageLimits = { default: SEARCH_PAGE_DEFAULT, max: SEARCH_PAGE_MAX };
const MAX_VALUES = 20;
const LETTER_TYPES = ['UA', 'AL', 'OL'] as const;

/** A repeatable query parameter (`?mandate=A&mandate=B`) as an array. */
const toArray = ({ value }: { value: unknown }) =>
  value === undefined ? undefined : Array.isArray(value) ? value : [value];

/** The filters of the public search, shared by the results, the facets and the CSV export. */
export class PublicSearchFiltersDto {
  @ApiPropertyOptional({
    maxLength: MAX_QUERY_LENGTH,
    description:
      'Words to find in the letters and their public replies, with the stemming of their language (English, French, Spanish, Russian, Arabic; Chinese by characters). "Quoted phrase", OR and -excluded words work as in web search engines.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_QUERY_LENGTH)
  q?: string;

  @ApiPropertyOptional({
    type: [String],
    example: ['EXPRESSION'],
    description: 'Signed by any of these mandates (repeat the parameter)',
  })
  @IsOptional()
  @Transform(toArray)
  @ArrayMaxSize(MAX_VALUES)
  @Matches(MANDATE_CODE, { each: true, message: 'mandate must be a mandate code' })
  mandate?: string[];

  @ApiPropertyOptional({
    type: [String],
    example: ['IRN'],
    description:
      "Addressed to any of these: States (ISO alpha-3), OTH for every other recipient, or one other recipient by its id (the recipient facet's value)",
  })
  @IsOptional()
  @Transform(toArray)
  @ArrayMaxSize(MAX_VALUES)
  @Matches(RECIPIENT_CODE, {
    each: true,
    message: "recipient must be a three-letter code or an other recipient's id",
  })
  recipient?: string[];

  @ApiPropertyOptional({
    enum: RECIPIENT_KINDS,
    description: 'A State, or another recipient (company, organisation …)',
  })
  @IsOptional()
  @IsIn(RECIPIENT_KINDS)
  recipientKind?: RecipientKind;

  @ApiPropertyOptional({ enum: LETTER_TYPES })
  @IsOptional()
  @IsIn(LETTER_TYPES)
  type?: (typeof LETTER_TYPES)[number];

  @ApiPropertyOptional({ type: Boolean, description: 'Signed by two mandates or more (true) or by one (false)' })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  joint?: boolean;

  @ApiPropertyOptional({ format: 'date', description: 'Sent on or after this day' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Sent on or before this day' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({
    enum: REPLY_STATUSES,
    description:
      'replied: at least one public reply; confidential: replies received, all confidential; not_replied: no reply so far',
  })
  @IsOptional()
  @IsIn(REPLY_STATUSES)
  replyStatus?: ReplyStatus;
}

export class PublicSearchQueryDto extends PageQuery(SEARCH_PAGE_LIMITS, PublicSearchFiltersDto) {
  @ApiPropertyOptional({
    enum: SEARCH_SORTS,
    description:
      'relevance (default with q): the best matches among the 1,000 most recent matching letters; date (default without q): newest first',
  })
  @IsOptional()
  @IsIn(SEARCH_SORTS)
  sort?: SearchSort;

  /**
   * The query string of a search as the validation pipe would make it into this class, when every
   * parameter plainly passes the checks above: what class-transformer and class-validator cost on
   * every search (a tenth of the API's CPU for a short one). Undefined for anything else (an unknown
   * or repeated parameter, a value that does not plainly pass), which the pipe then checks in full,
   * and refuses or accepts as always: this only accepts what the full checks accept, and makes the
   * same value of it (apps/api/src/errors/quick-query.spec.ts holds the two to the same answers).
   */
  static quickParse(query: Record<string, unknown>): PublicSearchQueryDto | undefined {
    const dto = new PublicSearchQueryDto();
    for (const key of Object.keys(query)) {
      const value = query[key];
      if (key === 'mandate' || key === 'recipient') {
        const values = typeof value === 'string' ? [value] : Array.isArray(value) ? [...(value as unknown[])] : null;
        const pattern = key === 'mandate' ? MANDATE_CODE : RECIPIENT_CODE;
        if (
          !values ||
          values.length > MAX_VALUES ||
          !values.every((item) => typeof item === 'string' && pattern.test(item))
        ) {
          return undefined;
        }
        dto[key] = values as string[];
        continue;
      }
      if (typeof value !== 'string') {
        return undefined;
      }
      if (key === 'q' && value.length <= MAX_QUERY_LENGTH) {
        dto.q = value;
      } else if (key === 'cursor' && value.length <= PAGE_CURSOR_MAX_LENGTH) {
        dto.cursor = value;
      } else if (key === 'limit' && /^[1-9][0-9]{0,2}$/.test(value) && Number(value) <= SEARCH_PAGE_MAX) {
        dto.limit = Number(value);
      } else if ((key === 'from' || key === 'to') && isCalendarDate(value)) {
        dto[key] = value;
      } else if (key === 'joint' && (value === 'true' || value === 'false')) {
        dto.joint = value === 'true';
      } else if (key === 'type' && (LETTER_TYPES as readonly string[]).includes(value)) {
        dto.type = value as (typeof LETTER_TYPES)[number];
      } else if (key === 'recipientKind' && (RECIPIENT_KINDS as readonly string[]).includes(value)) {
        dto.recipientKind = value as RecipientKind;
      } else if (key === 'replyStatus' && (REPLY_STATUSES as readonly string[]).includes(value)) {
        dto.replyStatus = value as ReplyStatus;
      } else if (key === 'sort' && (SEARCH_SORTS as readonly string[]).includes(value)) {
        dto.sort = value as SearchSort;
      } else {
        return undefined;
      }
    }
    return dto;
  }
}

export class PublicSearchHitDto extends PublicCommunicationSummaryDto {
  @ApiProperty({
    nullable: true,
    type: String,
    description:
      'With q: passages of the beginning of the letter (its first 3,000 characters) around the words found, each word found between ** and **',
  })
  snippet!: string | null;

  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'With the relevance sort: the score the hits are ordered by',
  })
  rank!: number | null;
}

export class FacetValueDto {
  @ApiProperty({ example: 'IRN' }) value!: string;
  @ApiProperty({ nullable: true, type: String, example: 'Iran (Islamic Republic of)' }) label!: string | null;
  @ApiProperty() count!: number;
}

/** How many published letters match, by mandate, recipient, type, year and reply status. */
export class PublicFacetsDto {
  @ApiProperty() total!: number;
  @ApiProperty({
    description:
      'True when a fixed sample of the published letters (about 4%, the same for every request) shows more ' +
      'matches than are counted one by one (1,000 by default): every count is then the count in the sample scaled up, to two ' +
      'significant digits, and a value rarer than the sample can see may be missing',
  })
  estimated!: boolean;
  @ApiProperty({ type: [FacetValueDto], description: 'A joint letter counts under each of its mandates' })
  mandate!: FacetValueDto[];
  @ApiProperty({
    type: [FacetValueDto],
    description: 'A State by its code; each other recipient by its id, with its name',
  })
  recipient!: FacetValueDto[];
  @ApiProperty({ type: [FacetValueDto] }) type!: FacetValueDto[];
  @ApiProperty({ type: [FacetValueDto], description: 'Year of sending' }) year!: FacetValueDto[];
  @ApiProperty({ type: [FacetValueDto] }) replyStatus!: FacetValueDto[];
}

// ---- communications reports (C16) ----

export class ReportParamsDto {
  @ApiProperty({ example: 2026, minimum: 2006, maximum: 2100 })
  @Type(() => Number)
  @IsInt()
  @Min(2006)
  @Max(2100)
  year!: number;

  @ApiProperty({ enum: HRC_SESSIONS })
  @IsIn(HRC_SESSIONS)
  session!: HrcSession;
}

export class ReportQueryDto {
  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}

export class DateWindowDto {
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date' }) to!: string;
}

export class ReportReplyDto {
  @ApiProperty({ example: 'UA IRN 5/2023' }) reference!: string;
  @ApiProperty({ example: '/public/communications/UA-IRN-5-2023' }) url!: string;
  @ApiProperty({ enum: ['UA', 'AL', 'OL'] }) type!: string;
  @ApiProperty({
    type: [String],
    example: ['EXPRESSION', 'DEFENDERS'],
    description: 'Codes of the mandates that signed the letter',
  })
  mandates!: string[];
  @ApiProperty() joint!: boolean;
  @ApiProperty({ type: PublicRecipientDto }) recipient!: PublicRecipientDto;
  @ApiProperty({ format: 'date', description: 'When the letter was sent' }) sentOn!: string;
  @ApiProperty() number!: number;
  @ApiProperty({ format: 'date' }) receivedOn!: string;
  @ApiProperty({ description: 'C12: only the fact and the date of a confidential reply are public' })
  confidential!: boolean;
  @ApiProperty({ nullable: true, type: String }) language!: string | null;
}

export class CommunicationsReportDto {
  @ApiProperty() year!: number;
  @ApiProperty({ enum: HRC_SESSIONS }) session!: string;
  @ApiProperty({ type: DateWindowDto, description: 'Letters sent in this window are reported' })
  lettersWindow!: DateWindowDto;
  @ApiProperty({ type: DateWindowDto, description: 'Replies received in this window are reported' })
  repliesWindow!: DateWindowDto;
  @ApiProperty({ type: [PublicCommunicationSummaryDto], description: 'Published letters sent in the letters window' })
  letters!: PublicCommunicationSummaryDto[];
  @ApiProperty({
    type: [ReportReplyDto],
    description: 'Replies received in the replies window to the letters of this report',
  })
  replies!: ReportReplyDto[];
  @ApiProperty({
    type: [ReportReplyDto],
    description: 'Replies received in the replies window to letters of earlier windows',
  })
  repliesToEarlierLetters!: ReportReplyDto[];
}
