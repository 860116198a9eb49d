import { Get, Param, Query, Req, Res } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { Role } from '@spcomms/access';
import {
  FIGURES,
  FigureCsvQueryDto,
  StatisticsCsvService,
  StatisticsDto,
  StatisticsErrorCode,
  StatisticsException,
  StatisticsService,
  TrendDto,
} from '@spcomms/statistics';
import { PageNotFoundException } from '../../errors/page.exceptions';
import { Pages } from '../../render/pages';
import { LoginRequired } from '../../session/page-access';
import { PageController } from '../../session/page.decorators';
import { PageRequest } from '../../session/page-request';
import { single } from '../date-fields';
import { QueryError, parseDashboardQuery, parseFigureQuery } from './dashboard-query';
import { CompareView, compareView } from './dashboard-compare.view';
import { RowsView, rowsView } from './dashboard-rows.view';
import { DashboardView, dashboardView } from './dashboard.view';

/** Which field a refusal of the statistics service is about, and its words. */
const SERVICE_ERRORS: Partial<Record<StatisticsErrorCode, QueryError>> = {
  [StatisticsErrorCode.CutoffInFuture]: { field: 'cutoff-day', message: 'dashboard.error.cutoffFuture' },
  [StatisticsErrorCode.CutoffBeforePeriod]: { field: 'cutoff-day', message: 'dashboard.error.cutoffBeforePeriod' },
  [StatisticsErrorCode.InvalidPeriod]: { field: 'to-day', message: 'dashboard.error.period' },
  [StatisticsErrorCode.TooManyPoints]: { field: 'from-day', message: 'dashboard.error.period' },
};

function serviceError(error: unknown): QueryError {
  if (error instanceof StatisticsException) {
    const known = SERVICE_ERRORS[error.code as StatisticsErrorCode];
    if (known) {
      return known;
    }
  }
  throw error;
}

const YEAR = /^\d{4}$/;

/**
 * The Coordination Committee's dashboard (S): `/{lang}/dashboard?cutoff=&from=&to=` (the dates also as
 * day, month and year fields), the two-year comparison, the rows behind each figure
 * (`/dashboard/letters?figure=…`, `/dashboard/visits?figure=…`) and their CSV
 * (`/dashboard/figures/<figure>.csv`), all from the statistics services the API's `/statistics` routes
 * call, with the person's actor: the same figures, the same rows, nothing confidential.
 */
@PageController('dashboard')
@LoginRequired(Role.Committee, Role.Admin)
export class DashboardController {
  constructor(
    private readonly pages: Pages,
    private readonly statistics: StatisticsService,
    private readonly csv: StatisticsCsvService,
  ) {}

  @Get()
  async dashboard(@Req() request: PageRequest, @Query() query: Record<string, unknown>, @Res() reply: FastifyReply) {
    const parsed = parseDashboardQuery(query);
    const errors = [...parsed.errors];
    let figures: StatisticsDto | null = null;
    let trend: TrendDto | null = null;
    if (errors.length === 0) {
      const actor = this.pages.actorOf(request);
      try {
        figures = await this.statistics.figures(actor, parsed.dates);
        trend = await this.statistics.trends(actor, { cutoff: figures.period.cutoff, interval: 'year' });
      } catch (error) {
        errors.push(serviceError(error));
        figures = null;
      }
    }
    this.pages.render<DashboardView>(
      request,
      reply,
      'pages/dashboard/index',
      errors.length > 0 ? 'dashboard.title.error' : 'dashboard.title',
      dashboardView(
        { form: parsed.form, errors, figures, trend, sort: parsed.sort, allStates: single(query.states) === 'all' },
        this.pages.context(request),
      ),
      errors.length > 0 ? 422 : 200,
    );
  }

  @Get('compare')
  async compare(@Req() request: PageRequest, @Query() query: Record<string, unknown>, @Res() reply: FastifyReply) {
    const parsed = parseDashboardQuery({ ...query, from: undefined, to: undefined });
    const errors = [...parsed.errors];
    const first = single(query.first).slice(0, 4);
    const second = single(query.second).slice(0, 4);
    let figures: [StatisticsDto, StatisticsDto] | null = null;
    if (!YEAR.test(first) || first < '1946') {
      errors.push({ field: 'first', message: 'dashboard.error.year' });
    }
    if (!YEAR.test(second) || second < '1946') {
      errors.push({ field: 'second', message: 'dashboard.error.year' });
    }
    if (errors.length === 0) {
      const actor = this.pages.actorOf(request);
      const cutoff = parsed.dates.cutoff;
      try {
        figures = [
          await this.statistics.figures(actor, { year: Number(first), cutoff }),
          await this.statistics.figures(actor, { year: Number(second), cutoff }),
        ];
      } catch (error) {
        errors.push(serviceError(error));
      }
    }
    this.pages.render<CompareView>(
      request,
      reply,
      'pages/dashboard/compare',
      errors.length > 0 ? 'dashboard.compare.title.error' : 'dashboard.compare.title',
      compareView({ first, second, cutoff: parsed.form.cutoff, errors, figures }, this.pages.context(request)),
      errors.length > 0 ? 422 : 200,
    );
  }

  @Get('letters')
  letters(@Req() request: PageRequest, @Query() query: Record<string, unknown>, @Res() reply: FastifyReply) {
    return this.rows(request, query, reply, '/dashboard/letters', ['letters', 'replies']);
  }

  @Get('visits')
  visits(@Req() request: PageRequest, @Query() query: Record<string, unknown>, @Res() reply: FastifyReply) {
    return this.rows(request, query, reply, '/dashboard/visits', ['visits', 'invitations']);
  }

  /** The CSV of a figure, as `GET /statistics/figures/<figure>.csv` answers it to the same person. */
  @Get('figures/:file')
  async figureCsv(
    @Req() request: PageRequest,
    @Param('file') file: string,
    @Query() query: Record<string, unknown>,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const parsed = file.endsWith('.csv') ? parseFigureQuery(file.slice(0, -4), query) : null;
    if (!parsed) {
      throw new PageNotFoundException();
    }
    const csv = await this.csv.figure(this.pages.actorOf(request), parsed.figure, parsed.filters as FigureCsvQueryDto);
    const headers = csv.getHeaders();
    void reply
      .status(200)
      .header('content-type', headers.type)
      .header('content-disposition', headers.disposition)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'no-store')
      .send(csv.getStream());
  }

  private async rows(
    request: PageRequest,
    query: Record<string, unknown>,
    reply: FastifyReply,
    path: string,
    kinds: string[],
  ): Promise<void> {
    const parsed = parseFigureQuery(single(query.figure), query);
    if (!parsed || !kinds.includes(FIGURES[parsed.figure].kind)) {
      throw new PageNotFoundException();
    }
    const result = await this.csv.figureRows(
      this.pages.actorOf(request),
      parsed.figure,
      parsed.filters as FigureCsvQueryDto,
    );
    this.pages.render<RowsView>(
      request,
      reply,
      'pages/dashboard/rows',
      {
        key: 'dashboard.rows.title',
        values: { figure: this.pages.t(this.pages.stateOf(request).lang, `dashboard.figure.${parsed.figure}`) },
      },
      rowsView(
        { figure: parsed.figure, result, page: parsed.page, query: parsed.filters, path },
        this.pages.context(request),
      ),
    );
  }
}
