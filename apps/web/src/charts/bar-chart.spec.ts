import { parse } from 'node-html-parser';
import { BarChartInput, escapeXml, niceMaximum, renderBarChart } from './bar-chart';

const base: BarChartInput = {
  id: 'replies',
  title: 'Letters with a reply, per year',
  description: '2024: 3 of 5 letters; 2025: 1 of 2 letters.',
  categories: ['2024', '2025'],
  series: [{ label: 'Letters', values: [5, 2] }],
  orientation: 'columns',
  direction: 'ltr',
  formatValue: (value) => new Intl.NumberFormat('en').format(value),
};

const svgOf = (input: BarChartInput) => parse(renderBarChart(input)).querySelector('svg')!;
const bars = (input: BarChartInput) =>
  svgOf(input)
    .querySelectorAll('rect.chart-bar')
    .map((rect) => ({
      x: Number(rect.getAttribute('x')),
      width: Number(rect.getAttribute('width')),
      height: Number(rect.getAttribute('height')),
      y: Number(rect.getAttribute('y')),
    }));

describe('renderBarChart', () => {
  it('is an image named by its title and described by its desc', () => {
    const svg = svgOf(base);
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('aria-labelledby')).toBe('replies-title replies-desc');
    expect(svg.querySelector('title')!.id).toBe('replies-title');
    expect(svg.querySelector('title')!.text).toBe('Letters with a reply, per year');
    expect(svg.querySelector('desc')!.id).toBe('replies-desc');
    expect(svg.querySelector('desc')!.text).toBe('2024: 3 of 5 letters; 2025: 1 of 2 letters.');
  });

  it('draws one bar per value, as tall as its share of the axis, with the value written on it', () => {
    const [first, second] = bars(base);
    // The axis runs to 5: the first bar is full height (180), the second 2/5 of it.
    expect(first.height).toBe(180);
    expect(second.height).toBe(72);
    expect(first.y + first.height).toBe(second.y + second.height);
    expect(first.x).toBeLessThan(second.x);
    const texts = svgOf(base)
      .querySelectorAll('text')
      .map((text) => text.text);
    expect(texts).toEqual(expect.arrayContaining(['5', '2', '2024', '2025']));
  });

  it('escapes every text it is given', () => {
    const svg = renderBarChart({
      ...base,
      title: '<script>alert(1)</script>',
      description: 'a & b "c"',
      categories: ['<b>x</b>', "O'Brien"],
      series: [{ label: '</svg>', values: [1, 2] }],
      id: 'x"y',
    });
    expect(svg).not.toContain('<script>');
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(svg).toContain('a &amp; b &quot;c&quot;');
    expect(svg).toContain('O&#39;Brien');
    expect(svg).toContain('id="x&quot;y-title"');
    expect(svg.match(/<\/svg>/g)).toHaveLength(1);
  });

  it('mirrors for a right-to-left page: the first category at the right edge', () => {
    const ltr = bars(base);
    const rtl = bars({ ...base, direction: 'rtl' });
    expect(rtl[0].x).toBeGreaterThan(rtl[1].x);
    const width = Number(svgOf(base).getAttribute('viewBox')!.split(' ')[2]);
    expect(rtl[0].x).toBeCloseTo(width - ltr[0].x - ltr[0].width, 1);
    expect(rtl.map((bar) => bar.height)).toEqual(ltr.map((bar) => bar.height));
  });

  it('grows horizontal bars from the right in Arabic, labels anchored at their right', () => {
    const input: BarChartInput = {
      ...base,
      orientation: 'bars',
      categories: ['المجموعة الأفريقية', 'مجموعة آسيا والمحيط الهادئ'],
      series: [{ label: 'الرسائل', values: [4, 1] }],
      formatValue: (value) => new Intl.NumberFormat('ar-u-nu-latn').format(value),
    };
    const ltr = bars(input);
    const rtl = bars({ ...input, direction: 'rtl' });
    const width = Number(svgOf(input).getAttribute('viewBox')!.split(' ')[2]);
    // Every bar starts at the same edge of the plot: the left one in English, the right one in Arabic.
    expect(new Set(ltr.map((bar) => bar.x)).size).toBe(1);
    expect(new Set(rtl.map((bar) => bar.x + bar.width)).size).toBe(1);
    expect(rtl[0].x + rtl[0].width).toBeCloseTo(width - ltr[0].x, 1);
    expect(ltr[0].width).toBeGreaterThan(ltr[1].width);
    // The anchors are absolute: the SVG does not take the page's direction.
    expect(svgOf({ ...input, direction: 'rtl' }).getAttribute('direction')).toBe('ltr');
    const label = svgOf({ ...input, direction: 'rtl' }).querySelector('text.chart-label')!;
    expect(label.getAttribute('text-anchor')).toBe('start');
    expect(Number(label.getAttribute('x'))).toBeGreaterThan(width / 2);
    expect(svgOf(input).querySelector('text.chart-label')!.getAttribute('text-anchor')).toBe('end');
  });

  it('draws several series side by side with a legend, and empty data as an empty axis', () => {
    const two = renderBarChart({
      ...base,
      series: [
        { label: 'Letters', values: [5, 2] },
        { label: 'With a reply', values: [3, 1] },
      ],
    });
    expect(parse(two).querySelectorAll('rect.chart-bar')).toHaveLength(4);
    expect(parse(two).querySelectorAll('rect.chart-key')).toHaveLength(2);
    expect(
      parse(two)
        .querySelectorAll('text.chart-legend')
        .map((text) => text.text),
    ).toEqual(['Letters', 'With a reply']);
    const empty = renderBarChart({ ...base, categories: [], series: [{ label: 'Letters', values: [] }] });
    expect(parse(empty).querySelectorAll('rect')).toHaveLength(0);
    expect(empty).toContain('role="img"');
    const zeros = bars({ ...base, series: [{ label: 'Letters', values: [0, 0] }] });
    expect(zeros.map((bar) => bar.height)).toEqual([0, 0]);
  });

  it('rounds the axis up to a readable maximum', () => {
    expect([0, 1, 3, 7, 12, 180, 2400].map(niceMaximum)).toEqual([1, 1, 5, 10, 20, 200, 2500]);
    expect(escapeXml(`<&>"'`)).toBe('&lt;&amp;&gt;&quot;&#39;');
  });
});
