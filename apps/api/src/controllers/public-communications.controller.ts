import { Controller, Get, Header, Param, ParseUUIDPipe, Query, StreamableFile } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Actor } from '@spcomms/access';
import { ApiPageResponse } from '@spcomms/paging';
import { PublicCommunicationDto } from '@spcomms/publication';
import {
  PublicExportService,
  PublicFacetsDto,
  PublicSearchFiltersDto,
  PublicSearchHitDto,
  PublicSearchQueryDto,
  PublicSearchService,
  SEARCH_SORTS,
} from '@spcomms/public-search';
import { CurrentActor, PublicRoute } from '../auth/auth.decorators';
import { ErrorResponseDto } from '../errors/error-response.dto';
import { PublicRateLimit } from '../rate-limit/public-rate-limit.decorator';

const SLUG = {
  name: 'slug',
  example: 'UA-IRN-5-2023',
  description: 'The reference with dashes: UA IRN 5/2023 → UA-IRN-5-2023',
} as const;

/** The public communications database: published letters and replies only, redacted (C11, C12, C14). */
@ApiTags('public')
@Controller('public/communications')
@PublicRoute()
@ApiBadRequestResponse({ type: ErrorResponseDto, description: 'A query parameter is malformed' })
export class PublicCommunicationsController {
  constructor(
    private readonly search: PublicSearchService,
    private readonly exports: PublicExportService,
  ) {}

  @Get()
  @PublicRateLimit()
  @ApiOperation({
    summary: 'Search the published letters and replies: full text in their languages, filters, keyset pages',
  })
  @ApiPageResponse(PublicSearchHitDto, {
    description: 'One page of hits, in the order of `sort`',
    extra: { sort: { type: 'string', enum: [...SEARCH_SORTS] } },
  })
  @ApiUnprocessableEntityResponse({
    type: ErrorResponseDto,
    description: 'A cursor not made by this API or for another sort, or from after to',
  })
  @Header('Content-Type', 'application/json; charset=utf-8')
  find(@CurrentActor() actor: Actor, @Query() query: PublicSearchQueryDto): Promise<Buffer> {
    return this.search.search(actor, query);
  }

  @Get('facets')
  @PublicRateLimit()
  @ApiOperation({
    summary: 'How many published letters match, by mandate, recipient, type, year of sending and reply status',
  })
  @ApiOkResponse({ type: PublicFacetsDto })
  @ApiUnprocessableEntityResponse({ type: ErrorResponseDto, description: 'from after to' })
  facets(@CurrentActor() actor: Actor, @Query() query: PublicSearchFiltersDto): Promise<PublicFacetsDto> {
    return this.search.facets(actor, query);
  }

  @Get('export.csv')
  @PublicRateLimit({ bucket: 'public-export' })
  @ApiOperation({ summary: 'Every published letter matching the filters, newest first, as CSV (streamed)' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'text/csv, a header row then one line per letter', schema: { type: 'string' } })
  @ApiUnprocessableEntityResponse({ type: ErrorResponseDto, description: 'from after to' })
  export(@CurrentActor() actor: Actor, @Query() query: PublicSearchFiltersDto): Promise<StreamableFile> {
    return this.exports.export(actor, query);
  }

  @Get(':slug')
  @PublicRateLimit()
  @ApiOperation({
    summary:
      'The record page of a published letter: mandates, dates, redacted text, replies, attachments, related letters',
  })
  @ApiParam(SLUG)
  @ApiOkResponse({ type: PublicCommunicationDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No published letter with this reference' })
  record(@CurrentActor() actor: Actor, @Param('slug') slug: string): Promise<PublicCommunicationDto> {
    return this.search.record(actor, slug);
  }

  @Get(':slug/attachments/:attachmentId')
  @PublicRateLimit()
  @ApiOperation({ summary: 'Download a file of a public reply (never of a confidential one)' })
  @ApiParam(SLUG)
  @ApiProduces(
    'application/pdf',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'image/png',
    'image/jpeg',
  )
  @ApiOkResponse({ description: 'The file, as received', schema: { type: 'string', format: 'binary' } })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such public attachment of this published letter' })
  attachment(
    @CurrentActor() actor: Actor,
    @Param('slug') slug: string,
    @Param('attachmentId', ParseUUIDPipe) attachmentId: string,
  ): Promise<StreamableFile> {
    return this.search.attachment(actor, slug, attachmentId);
  }
}
