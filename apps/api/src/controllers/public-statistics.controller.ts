import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import {
  PUBLIC_FIGURE_DEFINITIONS,
  PublicFigure,
  PublicFigureCsvQueryDto,
  PublicFigureParamDto,
  PublicStatisticsDto,
  PublicStatisticsQueryDto,
  PublicStatisticsService,
  PublicTrendQueryDto,
  PublicYearDto,
} from '@spcomms/statistics';
import { PublicRoute } from '../auth/auth.decorators';
import { ErrorResponseDto } from '../errors/error-response.dto';
import { PublicRateLimit } from '../rate-limit/public-rate-limit.decorator';

const CATALOGUE = Object.values(PublicFigure)
  .map((figure) => `- \`${figure}\`: ${PUBLIC_FIGURE_DEFINITIONS[figure]}`)
  .join('\n');
const INVALID = {
  type: ErrorResponseDto,
  description: 'A period that ends before it starts, or that starts after today',
};

/** Statistics for anyone, computed from the published (redacted) letters only. */
@ApiTags('public')
@Controller('public/statistics')
@PublicRoute()
@PublicRateLimit({ bucket: 'public-statistics' })
export class PublicStatisticsController {
  constructor(private readonly statistics: PublicStatisticsService) {}

  @Get()
  @ApiOperation({
    summary:
      'Aggregate tables of the published letters of a period (a calendar year by default): totals, per type, State, region and mandate',
  })
  @ApiOkResponse({ type: PublicStatisticsDto })
  @ApiUnprocessableEntityResponse(INVALID)
  figures(@Query() query: PublicStatisticsQueryDto): Promise<PublicStatisticsDto> {
    return this.statistics.figures(query);
  }

  @Get('years')
  @ApiOperation({ summary: 'The headline figures of the published letters per year of sending (ten years by default)' })
  @ApiOkResponse({ type: [PublicYearDto] })
  @ApiUnprocessableEntityResponse(INVALID)
  years(@Query() query: PublicTrendQueryDto): Promise<PublicYearDto[]> {
    return this.statistics.years(query);
  }

  @Get('figures/:figure.csv')
  @ApiOperation({ summary: 'The published letters behind a public figure, as CSV', description: CATALOGUE })
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'text/csv: a header row, then one line per published letter',
    schema: { type: 'string' },
  })
  @ApiUnprocessableEntityResponse(INVALID)
  figureCsv(@Param() params: PublicFigureParamDto, @Query() query: PublicFigureCsvQueryDto): Promise<StreamableFile> {
    return this.statistics.figureCsv(params.figure, query);
  }
}
