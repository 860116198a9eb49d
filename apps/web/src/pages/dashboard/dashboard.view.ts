import { Figure, StatisticsDto, TrendDto } from '@spcomms/statistics';
import { ChartView } from '../../charts/chart.view';
import { PageContext } from '../../render/page-context';
import { DateInput } from '../date-fields';
import { dashboardCharts } from './dashboard-charts';
import { FigureLine, figureLines, otherFigure } from './dashboard-figures';
import { DashboardDate, QueryError, TableSort, figureLinks, periodQuery } from './dashboard-query';
import { dashboardTables } from './dashboard-tables';
import { TableModel } from './sortable-table';

export interface DashboardView {
  errors: Array<{ href: string; text: string }>;
  fieldErrors: Record<string, string>;
  form: Record<DashboardDate, DateInput>;
  period: string | null;
  compareHref: string;
  letters: FigureLine[];
  replies: FigureLine[];
  visits: FigureLine[];
  charts: Array<{ heading: string; chart: ChartView }>;
  tables: TableModel[];
}

/** The dashboard: the form, the figures, the charts and the tables of a period. */
export function dashboardView(
  input: {
    form: Record<DashboardDate, DateInput>;
    errors: QueryError[];
    figures: StatisticsDto | null;
    trend: TrendDto | null;
    sort: TableSort | null;
    allStates?: boolean;
  },
  context: PageContext,
): DashboardView {
  const t = context.t;
  const fieldErrors: Record<string, string> = {};
  for (const error of input.errors) {
    fieldErrors[error.field.replace(/-day$/, '')] ??= t(error.message);
  }
  const view: DashboardView = {
    errors: input.errors.map((error) => ({ href: `#${error.field}`, text: t(error.message) })),
    fieldErrors,
    form: input.form,
    period: null,
    compareHref: context.href('/dashboard/compare'),
    letters: [],
    replies: [],
    visits: [],
    charts: [],
    tables: [],
  };
  const figures = input.figures;
  if (!figures) {
    return view;
  }
  const { period } = figures;
  const query = periodQuery(period);
  const base = `${context.href('/dashboard')}?${query}`;
  view.compareHref = `${context.href('/dashboard/compare')}?${new URLSearchParams({
    cutoff: period.cutoff,
    first: String(Number(period.from.slice(0, 4)) - 1),
    second: period.from.slice(0, 4),
  }).toString()}`;
  view.period = t('dashboard.period', {
    from: context.format.date(period.from),
    to: context.format.date(period.to),
    cutoff: context.format.date(period.cutoff),
  });
  Object.assign(view, figureLines(figures, context));
  const link = (csv: string, figure?: Figure) =>
    figureLinks(figure ? otherFigure(csv, figure) : csv, context.href).drill;
  const points = input.trend?.points ?? [];
  const regionName = (region: string) => t(`statistics.region.${region}`);
  view.charts.push(...dashboardCharts({ figures, points, visits: view.visits, regionName }, context));
  view.tables.push(
    ...dashboardTables(
      { figures, points, sort: input.sort, allStates: input.allStates, base, link, regionName },
      context,
    ),
  );
  return view;
}
