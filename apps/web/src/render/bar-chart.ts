/** One bar of a chart, placed, with its figure written in the page's language. */
export interface ChartBar {
  label: string;
  value: number;
  valueText: string;
  x: number;
  y: number;
  width: number;
  height: number;
  labelX: number;
  valueY: number;
}

/** What `components/chart.eta` draws: an SVG bar chart and the table of the same figures. */
export interface BarChart {
  id: string;
  title: string;
  description: string;
  labelHeading: string;
  valueHeading: string;
  width: number;
  height: number;
  axis: { x1: number; x2: number; y: number };
  bars: ChartBar[];
}

/**
 * Places the bars of a column chart. Columns follow the reading direction: left to right, or right to
 * left on a right-to-left page, so that time runs the way the page reads.
 */
export function barChart(input: {
  id: string;
  title: string;
  description: string;
  labelHeading: string;
  valueHeading: string;
  data: Array<{ label: string; value: number }>;
  format: (value: number) => string;
  dir?: 'ltr' | 'rtl';
  width?: number;
  height?: number;
}): BarChart {
  const width = input.width ?? 640;
  const height = input.height ?? 280;
  const margin = { top: 24, bottom: 28, side: 12 };
  const plotHeight = height - margin.top - margin.bottom;
  const slot = input.data.length > 0 ? (width - 2 * margin.side) / input.data.length : 0;
  const barWidth = Math.max(2, Math.round(slot * 0.7));
  const max = Math.max(1, ...input.data.map((entry) => entry.value));
  const bars = input.data.map((entry, index) => {
    const position = input.dir === 'rtl' ? input.data.length - 1 - index : index;
    const barHeight = Math.round((Math.max(0, entry.value) / max) * plotHeight);
    const x = Math.round(margin.side + position * slot + (slot - barWidth) / 2);
    const y = margin.top + plotHeight - barHeight;
    return {
      label: entry.label,
      value: entry.value,
      valueText: input.format(entry.value),
      x,
      y,
      width: barWidth,
      height: barHeight,
      labelX: Math.round(x + barWidth / 2),
      valueY: y - 6,
    };
  });
  return {
    id: input.id,
    title: input.title,
    description: input.description,
    labelHeading: input.labelHeading,
    valueHeading: input.valueHeading,
    width,
    height,
    axis: { x1: margin.side, x2: width - margin.side, y: margin.top + plotHeight },
    bars,
  };
}
