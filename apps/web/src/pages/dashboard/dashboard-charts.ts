import { StatisticsDto, TrendDto } from '@spcomms/statistics';
import { ChartView, chartView } from '../../charts/chart.view';
import { PageContext } from '../../render/page-context';
import { FigureLine } from './dashboard-figures';

const rounded = (share: number | null) => (share === null ? 0 : Math.round(share * 100));

/** The charts of the dashboard: reply rate and joint share by year, letters by region, the visits. */
export function dashboardCharts(
  input: {
    figures: StatisticsDto;
    points: TrendDto['points'];
    visits: FigureLine[];
    regionName: (region: string) => string;
  },
  context: PageContext,
): Array<{ heading: string; chart: ChartView }> {
  const t = context.t;
  const { figures, points, visits, regionName } = input;
  return [
    {
      heading: t('dashboard.chart.replyRate.heading'),
      chart: chartView(
        {
          id: 'chart-reply-rate',
          title: t('dashboard.chart.replyRate.title'),
          categoryHeading: t('dashboard.column.year'),
          categories: points.map((point) => point.period),
          series: [{ label: t('dashboard.chart.replyRate.series'), values: points.map((p) => rounded(p.replyRate)) }],
          orientation: 'columns',
        },
        context,
      ),
    },
    {
      heading: t('dashboard.chart.regions.heading'),
      chart: chartView(
        {
          id: 'chart-regions',
          title: t('dashboard.chart.regions.title'),
          categoryHeading: t('dashboard.column.region'),
          categories: figures.byRegion.map((row) => regionName(row.region)),
          series: [{ label: t('dashboard.column.letters'), values: figures.byRegion.map((row) => row.letters) }],
          orientation: 'bars',
        },
        context,
      ),
    },
    {
      heading: t('dashboard.chart.joint.heading'),
      chart: chartView(
        {
          id: 'chart-joint',
          title: t('dashboard.chart.joint.title'),
          categoryHeading: t('dashboard.column.year'),
          categories: points.map((point) => point.period),
          series: [{ label: t('dashboard.chart.joint.series'), values: points.map((p) => rounded(p.jointShare)) }],
          orientation: 'columns',
        },
        context,
      ),
    },
    {
      heading: t('dashboard.chart.visits.heading'),
      chart: chartView(
        {
          id: 'chart-visits',
          title: t('dashboard.chart.visits.title'),
          categoryHeading: t('dashboard.column.figure'),
          categories: visits.map((entry) => entry.label),
          series: [
            {
              label: t('dashboard.column.count'),
              values: [
                figures.visits.requested.value,
                figures.visits.accepted.value,
                figures.visits.carriedOut.value,
                figures.visits.countriesVisited,
                figures.visits.requestsPending.value,
                figures.visits.standingInvitations.value,
              ],
            },
          ],
          orientation: 'bars',
        },
        context,
      ),
    },
  ];
}
