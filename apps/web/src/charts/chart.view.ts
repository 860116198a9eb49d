import { PageContext } from '../render/page-context';
import { BarChartInput, renderBarChart } from './bar-chart';

/** A chart and the same numbers as a table, as the chart partial shows them side by side. */
export interface ChartView {
  id: string;
  /** SVG made by renderBarChart: every text in it is escaped. */
  svg: string;
  caption: string;
  /** The header row: the category's heading, then one per series. */
  head: string[];
  /** One row per category: its label (a row header), then the values written out. */
  rows: Array<{ label: string; values: string[] }>;
}

export interface ChartData {
  id: string;
  title: string;
  categoryHeading: string;
  categories: string[];
  series: Array<{ label: string; values: number[] }>;
  orientation: BarChartInput['orientation'];
}

/**
 * A chart of the page: the SVG (in the page's direction, numbers written by Intl) with its
 * description read out of the same numbers, and the table beside it.
 */
export function chartView(data: ChartData, context: PageContext): ChartView {
  const format = (value: number) => context.format.number(value);
  const description = data.categories
    .map(
      (category, index) =>
        `${category}: ${data.series.map((entry) => `${entry.label} ${format(entry.values[index] ?? 0)}`).join(', ')}`,
    )
    .join('; ');
  return {
    id: data.id,
    svg: renderBarChart({
      id: data.id,
      title: data.title,
      description: description === '' ? context.t('statistics.chart.empty') : description,
      categories: data.categories,
      series: data.series,
      orientation: data.orientation,
      direction: context.dir,
      formatValue: format,
    }),
    caption: data.title,
    head: [data.categoryHeading, ...data.series.map((entry) => entry.label)],
    rows: data.categories.map((category, index) => ({
      label: category,
      values: data.series.map((entry) => format(entry.values[index] ?? 0)),
    })),
  };
}
