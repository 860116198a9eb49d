/**
 * Bar charts drawn on the server as SVG: a pure function from numbers to an SVG string, so that a
 * chart weighs a few hundred bytes, needs no script and no font of its own, and can be tested as
 * text. Every piece of text is escaped. The chart is an image for assistive technology
 * (`role="img"`, named by its `<title>` and described by its `<desc>`); the page puts the same
 * numbers in a table beside it.
 *
 * Direction: in a right-to-left page the chart mirrors as the page does — columns run from the right
 * (the first category, e.g. the earliest year, at the right edge) and horizontal bars grow from the
 * right, their labels at the right. Coordinates are mirrored here rather than with a CSS transform, so
 * that the text inside stays readable. The SVG itself is left to right (`direction="ltr"`, which an
 * Arabic page would otherwise pass down to it), so that text anchors keep the meaning they are given
 * here; each label still reads in its own script's direction.
 */

export interface ChartSeries {
  /** The name of the series, in the legend. */
  label: string;
  /** One value per category; negative values are drawn as zero. */
  values: readonly number[];
}

export interface BarChartInput {
  /** Unique in the page: the ids of the title and description derive from it. */
  id: string;
  title: string;
  description: string;
  /** The labels of the categories, already written in the page's language. */
  categories: readonly string[];
  /** One or more series; with several, each category has a group of bars and a legend is drawn. */
  series: readonly ChartSeries[];
  /** columns: categories along the bottom (time); bars: categories down the side (names). */
  orientation: 'columns' | 'bars';
  direction: 'ltr' | 'rtl';
  /** Writes a value in the page's language (Intl). */
  formatValue: (value: number) => string;
}

/** Fill colours of the series: each at least 3:1 against white and against the next (WCAG 1.4.11). */
export const SERIES_FILLS = ['#1d5c96', '#a34a00', '#2d6b2d', '#6f3d8f'] as const;
const TEXT_FILL = '#0b0c0c';
const AXIS_STROKE = '#505a5f';

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text as it may appear in SVG text content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => XML_ESCAPES[character]);
}

/** A number in SVG coordinates: at most two decimals, no exponent. */
const n = (value: number): string => String(Math.round(value * 100) / 100);

/** The largest value, rounded up to a "nice" axis maximum (1, 2, 2.5 or 5 times a power of ten). */
export function niceMaximum(value: number): number {
  if (!(value > 0)) {
    return 1;
  }
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 2.5, 5, 10].find((candidate) => candidate * power >= value) ?? 10;
  return step * power;
}

interface Text {
  x: number;
  y: number;
  anchor: 'start' | 'middle' | 'end';
  text: string;
  className: string;
}

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
  fill: string;
  className: string;
}

/**
 * Mirrors a drawing horizontally within `width` for a right-to-left page: x → width − x, a text's
 * anchor start ↔ end (the anchors are in absolute terms: the SVG itself stays left-to-right).
 */
function mirror(width: number, rects: Rect[], texts: Text[]): { rects: Rect[]; texts: Text[] } {
  return {
    rects: rects.map((rect) => ({ ...rect, x: width - rect.x - rect.width })),
    texts: texts.map((text) => ({
      ...text,
      x: width - text.x,
      anchor: text.anchor === 'start' ? 'end' : text.anchor === 'end' ? 'start' : 'middle',
    })),
  };
}

const LABEL_SIZE = 12;
const MAX_LABEL = 40;

/** Long category names are cut in the drawing (the table beside the chart has them whole). */
function shorten(label: string): string {
  const characters = [...label];
  return characters.length > MAX_LABEL ? `${characters.slice(0, MAX_LABEL - 1).join('')}…` : label;
}

export function renderBarChart(input: BarChartInput): string {
  const { series } = input;
  const max = niceMaximum(Math.max(0, ...series.flatMap((entry) => entry.values)));
  const legendHeight = series.length > 1 ? 24 : 0;
  const drawing = input.orientation === 'columns' ? columns(input, max, legendHeight) : bars(input, max, legendHeight);
  const legend: { rects: Rect[]; texts: Text[] } = { rects: [], texts: [] };
  if (series.length > 1) {
    let x = 8;
    series.forEach((entry, index) => {
      legend.rects.push({
        x,
        y: 6,
        width: 12,
        height: 12,
        fill: SERIES_FILLS[index % SERIES_FILLS.length],
        className: `chart-key chart-series-${index + 1}`,
      });
      legend.texts.push({ x: x + 18, y: 16, anchor: 'start', text: entry.label, className: 'chart-legend' });
      x += 18 + Math.min(entry.label.length, MAX_LABEL) * 7 + 24;
    });
  }
  let rects = [...drawing.rects, ...legend.rects];
  let texts = [...drawing.texts, ...legend.texts];
  if (input.direction === 'rtl') {
    ({ rects, texts } = mirror(drawing.width, rects, texts));
  }
  const titleId = `${input.id}-title`;
  const descId = `${input.id}-desc`;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="bar-chart bar-chart--${input.orientation}" role="img" focusable="false" direction="ltr"`,
    ` viewBox="0 0 ${n(drawing.width)} ${n(drawing.height)}" aria-labelledby="${escapeXml(titleId)} ${escapeXml(descId)}">`,
    `<title id="${escapeXml(titleId)}">${escapeXml(input.title)}</title>`,
    `<desc id="${escapeXml(descId)}">${escapeXml(input.description)}</desc>`,
    ...drawing.lines,
    ...rects.map(
      (rect) =>
        `<rect class="${rect.className}" x="${n(rect.x)}" y="${n(rect.y)}" width="${n(rect.width)}" height="${n(rect.height)}" fill="${rect.fill}"/>`,
    ),
    ...texts.map(
      (text) =>
        `<text class="${text.className}" x="${n(text.x)}" y="${n(text.y)}" text-anchor="${text.anchor}" font-size="${LABEL_SIZE}" fill="${TEXT_FILL}">${escapeXml(text.text)}</text>`,
    ),
    '</svg>',
  ];
  return parts.join('');
}

interface Drawing {
  width: number;
  height: number;
  rects: Rect[];
  texts: Text[];
  /** Axis lines, symmetrical or mirrored by construction (drawn before the bars). */
  lines: string[];
}

/** Categories along the bottom, values upwards: a time series. */
function columns(input: BarChartInput, max: number, legendHeight: number): Drawing {
  const { categories, series } = input;
  const plotTop = legendHeight + 20;
  const plotHeight = 180;
  const baseline = plotTop + plotHeight;
  const margin = 16;
  const groupWidth = Math.max(24, Math.min(72, 640 / Math.max(1, categories.length)));
  const width = margin * 2 + groupWidth * Math.max(1, categories.length);
  const height = baseline + 28;
  const barWidth = (groupWidth - 8) / series.length;
  const rects: Rect[] = [];
  const texts: Text[] = [];
  categories.forEach((category, index) => {
    const groupX = margin + index * groupWidth + 4;
    series.forEach((entry, seriesIndex) => {
      const value = Math.max(0, entry.values[index] ?? 0);
      const barHeight = (value / max) * plotHeight;
      const x = groupX + seriesIndex * barWidth;
      rects.push({
        x,
        y: baseline - barHeight,
        width: Math.max(1, barWidth - 2),
        height: barHeight,
        fill: SERIES_FILLS[seriesIndex % SERIES_FILLS.length],
        className: `chart-bar chart-series-${seriesIndex + 1}`,
      });
      if (series.length === 1) {
        texts.push({
          x: x + (barWidth - 2) / 2,
          y: baseline - barHeight - 4,
          anchor: 'middle',
          text: input.formatValue(value),
          className: 'chart-value',
        });
      }
    });
    texts.push({
      x: margin + index * groupWidth + groupWidth / 2,
      y: baseline + 18,
      anchor: 'middle',
      text: shorten(category),
      className: 'chart-label',
    });
  });
  const lines = [
    `<line class="chart-axis" x1="${n(margin)}" y1="${n(baseline)}" x2="${n(width - margin)}" y2="${n(baseline)}" stroke="${AXIS_STROKE}"/>`,
  ];
  return { width, height, rects, texts, lines };
}

/** Categories down the side, bars growing across: names with values. */
function bars(input: BarChartInput, max: number, legendHeight: number): Drawing {
  const { categories, series } = input;
  const width = 640;
  const labelWidth = 260;
  const valueWidth = 56;
  const plotStart = labelWidth + 8;
  const plotWidth = width - plotStart - valueWidth;
  const barHeight = 16;
  const groupHeight = barHeight * series.length + 10;
  const top = legendHeight + 8;
  const height = top + groupHeight * Math.max(1, categories.length) + 4;
  const rects: Rect[] = [];
  const texts: Text[] = [];
  categories.forEach((category, index) => {
    const groupY = top + index * groupHeight;
    texts.push({
      x: labelWidth,
      y: groupY + (barHeight * series.length) / 2 + 4,
      anchor: 'end',
      text: shorten(category),
      className: 'chart-label',
    });
    series.forEach((entry, seriesIndex) => {
      const value = Math.max(0, entry.values[index] ?? 0);
      const length = (value / max) * plotWidth;
      const y = groupY + seriesIndex * barHeight;
      rects.push({
        x: plotStart,
        y,
        width: length,
        height: barHeight - 2,
        fill: SERIES_FILLS[seriesIndex % SERIES_FILLS.length],
        className: `chart-bar chart-series-${seriesIndex + 1}`,
      });
      texts.push({
        x: plotStart + length + 4,
        y: y + barHeight - 4,
        anchor: 'start',
        text: input.formatValue(value),
        className: 'chart-value',
      });
    });
  });
  const axisX = input.direction === 'rtl' ? width - plotStart : plotStart;
  const lines = [
    `<line class="chart-axis" x1="${n(axisX)}" y1="${n(top - 4)}" x2="${n(axisX)}" y2="${n(height - 4)}" stroke="${AXIS_STROKE}"/>`,
  ];
  return { width, height, rects, texts, lines };
}
