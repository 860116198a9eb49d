import { PublicFigure, PublicStatisticsDto, PublicYearDto } from '@spcomms/statistics';
import { ChartView, chartView } from '../../charts/chart.view';
import { PageContext } from '../../render/page-context';

export interface Figure {
  label: string;
  value: string;
  /** The CSV of the published letters behind the figure (the public API's). */
  csvHref: string | null;
}

export interface StatisticsView {
  year: string;
  heading: string;
  period: string;
  errors: Array<{ href: string; text: string }>;
  fieldErrors: Record<string, string>;
  figures: Figure[];
  repliesChart: ChartView | null;
  regionsChart: ChartView | null;
  byType: Array<{ type: string; letters: string; joint: string; withReply: string }>;
  byState: Array<{ name: string; letters: string; withReply: string; share: string }>;
  byMandate: Array<{
    code: string;
    title: string;
    titleLang: string | null;
    letters: string;
    led: string;
    joined: string;
  }>;
}

export function statisticsView(
  input: {
    year: string;
    errors: Array<{ field: string; message: string }>;
    figures: PublicStatisticsDto | null;
    years: PublicYearDto[] | null;
  },
  context: PageContext,
): StatisticsView {
  const t = context.t;
  const number = (value: number) => context.format.number(value);
  const fieldErrors: Record<string, string> = {};
  for (const error of input.errors) {
    fieldErrors[error.field] ??= t(error.message);
  }
  const stats = input.figures;
  const csv = (figure: PublicFigure) =>
    stats ? `/public/statistics/figures/${figure}.csv?from=${stats.from}&to=${stats.to}` : null;
  const figures: Figure[] = stats
    ? [
        {
          label: t('statistics.figure.letters'),
          value: number(stats.lettersPublished),
          csvHref: csv(PublicFigure.LettersPublished),
        },
        {
          label: t('statistics.figure.toStates'),
          value: number(stats.lettersToStates),
          csvHref: csv(PublicFigure.LettersToStates),
        },
        {
          label: t('statistics.figure.statesAddressed'),
          value: t('statistics.figure.statesValue', {
            states: number(stats.statesAddressed),
            members: number(stats.memberStatesAddressed),
            share: context.format.percent(stats.memberStateShare),
          }),
          csvHref: null,
        },
        {
          label: t('statistics.figure.toOthers'),
          value: number(stats.lettersToOtherRecipients),
          csvHref: csv(PublicFigure.LettersToOtherRecipients),
        },
        {
          label: t('statistics.figure.joint'),
          value: t('statistics.figure.withShare', {
            value: number(stats.joint),
            share: context.format.percent(stats.jointShare),
          }),
          csvHref: csv(PublicFigure.JointLetters),
        },
        {
          label: t('statistics.figure.withReply'),
          value: t('statistics.figure.withShare', {
            value: number(stats.lettersWithReply),
            share: context.format.percent(stats.replyShare),
          }),
          csvHref: csv(PublicFigure.LettersWithReply),
        },
        { label: t('statistics.figure.repliesPublished'), value: number(stats.repliesPublished), csvHref: null },
      ]
    : [];
  const years = input.years ?? [];
  return {
    year: input.year,
    heading: stats ? t('statistics.heading.year', { year: input.year }) : t('statistics.heading'),
    period: stats
      ? t('statistics.period', { from: context.format.date(stats.from), to: context.format.date(stats.to) })
      : '',
    errors: input.errors.map((error) => ({ href: `#${error.field}`, text: t(error.message) })),
    fieldErrors,
    figures,
    repliesChart:
      years.length > 0
        ? chartView(
            {
              id: 'chart-replies',
              title: t('statistics.chart.replies.title'),
              categoryHeading: t('statistics.chart.replies.year'),
              categories: years.map((row) => String(row.year)),
              series: [
                { label: t('statistics.chart.replies.letters'), values: years.map((row) => row.lettersPublished) },
                { label: t('statistics.chart.replies.withReply'), values: years.map((row) => row.lettersWithReply) },
              ],
              orientation: 'columns',
            },
            context,
          )
        : null,
    regionsChart: stats
      ? chartView(
          {
            id: 'chart-regions',
            title: t('statistics.chart.regions.title', { year: input.year }),
            categoryHeading: t('statistics.chart.regions.region'),
            categories: stats.byRegion.map((row) => t(`statistics.region.${row.region}`)),
            series: [
              { label: t('statistics.chart.regions.letters'), values: stats.byRegion.map((row) => row.letters) },
            ],
            orientation: 'bars',
          },
          context,
        )
      : null,
    byType: (stats?.byType ?? []).map((row) => ({
      type: t(`letter.type.${row.type}`),
      letters: number(row.letters),
      joint: number(row.joint),
      withReply: number(row.withReply),
    })),
    byState: (stats?.byState ?? []).map((row) => ({
      name:
        row.region === 'other-recipients' ? t('search.recipient.others') : context.format.country(row.code, row.name),
      letters: number(row.letters),
      withReply: number(row.withReply),
      share: context.format.percent(row.replyShare),
    })),
    byMandate: (stats?.byMandate ?? []).map((row) => ({
      code: row.code,
      title: row.title,
      titleLang: context.lang === 'en' ? null : 'en',
      letters: number(row.letters),
      led: number(row.led),
      joined: number(row.joined),
    })),
  };
}
