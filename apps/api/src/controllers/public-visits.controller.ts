import { Controller, Get, Query, UseInterceptors } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  CsvDocument,
  PublicNeverVisitedDto,
  PublicPendingRequestDto,
  PublicStateVisitsDto,
  PublicTableQueryDto,
  PublicVisitsService,
  PublicVisitsYearDto,
} from '@spcomms/visits';
import { PublicRoute } from '../auth/auth.decorators';
import { PublicRateLimit } from '../rate-limit/public-rate-limit.decorator';
import { CsvDocumentInterceptor } from './public-visits-csv.interceptor';

const CSV = { description: 'text/csv, one header row then one line per row', schema: { type: 'string' } } as const;

/** The public country-visit tables, as JSON or CSV; only public facts (no notes, no checklists, no names). Rate-limited per address. */
@ApiTags('public')
@Controller('public/visits')
@PublicRoute()
@PublicRateLimit({ bucket: 'public-visits' })
@UseInterceptors(CsvDocumentInterceptor)
export class PublicVisitsController {
  constructor(private readonly tables: PublicVisitsService) {}

  @Get('states')
  @ApiOperation({
    summary: 'Per State: visits carried out, visits agreed, requests pending, standing invitation since',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: [PublicStateVisitsDto] })
  states(@Query() query: PublicTableQueryDto): Promise<PublicStateVisitsDto[] | CsvDocument> {
    return this.tables.states(query.format);
  }

  @Get('states.csv')
  @ApiOperation({ summary: 'Visits per State, as CSV' })
  @ApiProduces('text/csv')
  @ApiOkResponse(CSV)
  statesCsv(): Promise<PublicStateVisitsDto[] | CsvDocument> {
    return this.tables.states('csv');
  }

  @Get('per-year')
  @ApiOperation({
    summary: 'Visits carried out in each of the last ten years (by the year of their last day), and the States visited',
  })
  @ApiOkResponse({ type: [PublicVisitsYearDto] })
  perYear(): Promise<PublicVisitsYearDto[]> {
    return this.tables.perYear();
  }

  @Get('never-visited')
  @ApiOperation({ summary: 'States where no visit has been carried out' })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: [PublicNeverVisitedDto] })
  neverVisited(@Query() query: PublicTableQueryDto): Promise<PublicNeverVisitedDto[] | CsvDocument> {
    return this.tables.statesNeverVisited(query.format);
  }

  @Get('never-visited.csv')
  @ApiOperation({ summary: 'States never visited, as CSV' })
  @ApiProduces('text/csv')
  @ApiOkResponse(CSV)
  neverVisitedCsv(): Promise<PublicNeverVisitedDto[] | CsvDocument> {
    return this.tables.statesNeverVisited('csv');
  }

  @Get('pending-by-mandate')
  @ApiOperation({ summary: 'Visit requests not yet agreed to by the State, by mandate' })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: [PublicPendingRequestDto] })
  pendingByMandate(@Query() query: PublicTableQueryDto): Promise<PublicPendingRequestDto[] | CsvDocument> {
    return this.tables.requestsPendingByMandate(query.format);
  }

  @Get('pending-by-mandate.csv')
  @ApiOperation({ summary: 'Pending visit requests by mandate, as CSV' })
  @ApiProduces('text/csv')
  @ApiOkResponse(CSV)
  pendingByMandateCsv(): Promise<PublicPendingRequestDto[] | CsvDocument> {
    return this.tables.requestsPendingByMandate('csv');
  }
}
