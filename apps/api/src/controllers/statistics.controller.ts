import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Actor, Role } from '@spcomms/access';
import {
  ALL_FIGURES,
  FIGURES,
  FigureCsvQueryDto,
  FigureParamDto,
  StatisticsCsvService,
  StatisticsDto,
  StatisticsQueryDto,
  StatisticsService,
  TrendDto,
  TrendQueryDto,
} from '@spcomms/statistics';
import { Authenticated, CurrentActor } from '../auth/auth.decorators';
import { ErrorResponseDto } from '../errors/error-response.dto';

const SCOPE =
  'The Coordination Committee and administrators count every letter; assistants and mandate-holders count the letters signed by one of their own mandates.';
const CUTOFF =
  'Letters count when sent in the period and on or before the cut-off; replies when received on or before the cut-off (corrections of a reply are not replies). ' +
  'The same query with the same cut-off always gives the same figures.';
const CATALOGUE = ALL_FIGURES.map((figure) => `- \`${figure}\`: ${FIGURES[figure].definition}`).join('\n');
const INVALID = {
  type: ErrorResponseDto,
  description: 'A period that ends before it starts, a cut-off after today or before the period, an unknown mandate',
};

@ApiTags('statistics')
@Controller('statistics')
export class StatisticsController {
  constructor(
    private readonly statistics: StatisticsService,
    private readonly csv: StatisticsCsvService,
  ) {}

  @Get()
  @Authenticated(Role.Committee, Role.Admin, Role.Assistant, Role.MandateHolder)
  @ApiOperation({
    summary: 'The figures of a period (a calendar year by default) as of a cut-off (S)',
    description: `${SCOPE} ${CUTOFF} Each figure carries the link to the CSV of the rows it counts.`,
  })
  @ApiOkResponse({ type: StatisticsDto })
  @ApiUnprocessableEntityResponse(INVALID)
  figures(@CurrentActor() actor: Actor, @Query() query: StatisticsQueryDto): Promise<StatisticsDto> {
    return this.statistics.figures(actor, query);
  }

  @Get('trends')
  @Authenticated(Role.Committee, Role.Admin, Role.Assistant, Role.MandateHolder)
  @ApiOperation({
    summary: 'The headline figures per month or per year over a range (ten years by default), for charts',
    description: `${SCOPE} ${CUTOFF}`,
  })
  @ApiOkResponse({ type: TrendDto })
  @ApiUnprocessableEntityResponse(INVALID)
  trends(@CurrentActor() actor: Actor, @Query() query: TrendQueryDto): Promise<TrendDto> {
    return this.statistics.trends(actor, query);
  }

  @Get('figures/:figure.csv')
  @Authenticated(Role.Committee, Role.Admin, Role.Assistant, Role.MandateHolder)
  @ApiOperation({
    summary:
      'The rows behind a figure, as CSV: the letters (by reference), replies, visits or standing invitations it counts',
    description: `${SCOPE} ${CUTOFF} type, state, region and mandate (with mandateRole) narrow a letter figure to one cell of a breakdown.\n\n${CATALOGUE}`,
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'text/csv: a header row, then one line per row counted', schema: { type: 'string' } })
  @ApiUnprocessableEntityResponse(INVALID)
  figureCsv(
    @CurrentActor() actor: Actor,
    @Param() params: FigureParamDto,
    @Query() query: FigureCsvQueryDto,
  ): Promise<StreamableFile> {
    return this.csv.figure(actor, params.figure, query);
  }
}
