import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { Actor } from '@spcomms/access';
import { CommunicationsReportDto, PublicReportsService, ReportParamsDto, ReportQueryDto } from '@spcomms/public-search';
import { CurrentActor, PublicRoute } from '../auth/auth.decorators';
import { ErrorResponseDto } from '../errors/error-response.dto';
import { PublicRateLimit } from '../rate-limit/public-rate-limit.decorator';

/** C16: the communications report to each regular session of the Human Rights Council. */
@ApiTags('public')
@Controller('public/communication-reports')
@PublicRoute()
@ApiExtraModels(CommunicationsReportDto)
export class PublicCommunicationReportsController {
  constructor(private readonly reports: PublicReportsService) {}

  @Get(':year/:session')
  @PublicRateLimit()
  @ApiOperation({
    summary:
      'Published letters sent in the window of an HRC session (March: 1 Jun–30 Nov of the year before; June: 1 Dec–end Feb; September: 1 Mar–31 May), replies received in the window shifted by two months, and apart the replies to earlier letters; JSON or CSV',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({
    description: 'The report (JSON), or with format=csv one line per letter and per reply with its section',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(CommunicationsReportDto) } },
      'text/csv': { schema: { type: 'string' } },
    },
  })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Not a year from 2006, a session or a format' })
  report(
    @CurrentActor() actor: Actor,
    @Param() params: ReportParamsDto,
    @Query() query: ReportQueryDto,
  ): Promise<CommunicationsReportDto | StreamableFile> {
    return this.reports.report(actor, params, query);
  }
}
