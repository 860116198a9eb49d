import { Get, Query, Req, Res } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { Clock, calendarDateIn } from '@spcomms/clock';
import { AppConfig } from '@spcomms/config';
import { PublicStatisticsDto, PublicStatisticsService, PublicYearDto, StatisticsException } from '@spcomms/statistics';
import { Pages } from '../../render/pages';
import { PageController } from '../../session/page.decorators';
import { PageRequest } from '../../session/page-request';
import { single } from '../date-fields';
import { StatisticsView, statisticsView } from './statistics.view';

const FIRST_YEAR = 1946;

/**
 * `/{lang}/statistics?year=2025`: the public statistics of the published letters of a year (this year
 * by default) and their trend over ten years, from the public statistics service as the API gives them.
 */
@PageController('statistics')
export class StatisticsController {
  constructor(
    private readonly pages: Pages,
    private readonly statistics: PublicStatisticsService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  @Get()
  async page(@Req() request: PageRequest, @Query() query: Record<string, unknown>, @Res() reply: FastifyReply) {
    const thisYear = calendarDateIn(this.clock.now(), this.config.rules.timezone).slice(0, 4);
    const asked = single(query.year);
    const year = asked === '' ? thisYear : asked;
    const errors: Array<{ field: string; message: string }> = [];
    let figures: PublicStatisticsDto | null = null;
    let years: PublicYearDto[] | null = null;
    if (!/^\d{4}$/.test(year) || Number(year) < FIRST_YEAR || year > thisYear) {
      errors.push({ field: 'year', message: 'statistics.error.year' });
    } else {
      try {
        figures = await this.statistics.figures({ year: Number(year) });
        years = await this.statistics.years({ toYear: Number(year) });
      } catch (error) {
        if (!(error instanceof StatisticsException)) {
          throw error;
        }
        errors.push({ field: 'year', message: 'statistics.error.year' });
      }
    }
    this.pages.render<StatisticsView>(
      request,
      reply,
      'pages/statistics/index',
      errors.length > 0 ? 'statistics.title.error' : 'statistics.title',
      statisticsView({ year, errors, figures, years }, this.pages.context(request)),
      errors.length > 0 ? 422 : 200,
    );
  }
}
