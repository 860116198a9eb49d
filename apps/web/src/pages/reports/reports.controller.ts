import { Get, Param, Query, Req, Res } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { PublicActor } from '@spcomms/access';
import { Clock, calendarDateIn } from '@spcomms/clock';
import { AppConfig } from '@spcomms/config';
import { CommunicationsReportDto, PublicReportsService } from '@spcomms/public-search';
import { PageNotFoundException } from '../../errors/page.exceptions';
import { Pages } from '../../render/pages';
import { PageController } from '../../session/page.decorators';
import { PageRequest } from '../../session/page-request';
import { single } from '../date-fields';
import {
  FIRST_REPORT_YEAR,
  ReportView,
  ReportsIndexView,
  isSession,
  reportView,
  reportsIndexView,
} from './reports.view';

const LAST_REPORT_YEAR = 2100;

/**
 * `/{lang}/reports`: the communications reports to the sessions of the Human Rights Council (C16),
 * and `/{lang}/reports/2026/march`, one report, from the public reports service as the API gives it.
 */
@PageController('reports')
export class ReportsController {
  constructor(
    private readonly pages: Pages,
    private readonly reports: PublicReportsService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** The list of recent sessions, and a form to open any other (`?year=2015&session=june` redirects). */
  @Get()
  index(@Req() request: PageRequest, @Query() query: Record<string, unknown>, @Res() reply: FastifyReply): void {
    const year = single(query.year);
    const session = single(query.session);
    const errors: Array<{ field: string; message: string }> = [];
    if (year !== '' || session !== '') {
      if (!/^\d{4}$/.test(year) || Number(year) < FIRST_REPORT_YEAR || Number(year) > LAST_REPORT_YEAR) {
        errors.push({ field: 'year', message: 'reports.error.year' });
      }
      if (!isSession(session)) {
        errors.push({ field: 'session-march', message: 'reports.error.session' });
      }
      if (errors.length === 0) {
        return this.pages.redirect(request, reply, `/reports/${year}/${session}`);
      }
    }
    const today = calendarDateIn(this.clock.now(), this.config.rules.timezone);
    this.pages.render<ReportsIndexView>(
      request,
      reply,
      'pages/reports/index',
      errors.length > 0 ? 'reports.title.error' : 'reports.title',
      reportsIndexView(today, this.pages.context(request), { year, session, errors }),
      errors.length > 0 ? 422 : 200,
    );
  }

  @Get(':year/:session')
  async report(
    @Req() request: PageRequest,
    @Param('year') year: string,
    @Param('session') session: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (!/^\d{4}$/.test(year) || Number(year) < FIRST_REPORT_YEAR || Number(year) > LAST_REPORT_YEAR) {
      throw new PageNotFoundException();
    }
    if (!isSession(session)) {
      throw new PageNotFoundException();
    }
    const actor: PublicActor = { kind: 'public', ip: request.ip };
    const report = (await this.reports.report(actor, { year: Number(year), session }, {})) as CommunicationsReportDto;
    const context = this.pages.context(request);
    this.pages.render<ReportView>(
      request,
      reply,
      'pages/reports/report',
      { key: 'reports.session.name', values: { session, year } },
      reportView(report, context),
    );
  }
}
