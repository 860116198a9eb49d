import { parse } from 'node-html-parser';
import { Catalogue } from '../i18n/catalogue';
import { barChart } from './bar-chart';
import { PageRenderer } from './page-renderer';
import { wordDiff } from './word-diff';

describe('the components', () => {
  const sut = new PageRenderer();
  const catalogue = new Catalogue();
  const t = (key: string, values?: Record<string, string | number>) => catalogue.format('en', key, values);
  const html = (name: string, options: object) => parse(sut.component(name, { t, ...options }));

  it('error summary: an alert that can take focus, one link per field', () => {
    const summary = html('error-summary', {
      errors: [
        { href: '#username', text: 'Enter your user name' },
        { href: '#sent-on-day', text: 'Enter the date <b>' },
      ],
    }).querySelector('div.error-summary');

    expect(summary?.getAttribute('role')).toBe('alert');
    expect(summary?.getAttribute('tabindex')).toBe('-1');
    expect(summary?.querySelectorAll('a').map((a) => a.getAttribute('href'))).toEqual(['#username', '#sent-on-day']);
    expect(summary?.innerHTML).toContain('Enter the date &lt;b&gt;');
    expect(html('error-summary', { errors: [] }).querySelector('.error-summary')).toBeNull();
  });

  it('field: label for the input, hint and error described, value escaped, passwords never echoed', () => {
    const group = html('field', {
      id: 'username',
      name: 'username',
      label: 'User name',
      hint: 'As given by your administrator',
      error: 'Enter your user name',
      value: '"><script>',
    });
    const input = group.querySelector('input#username');

    expect(group.querySelector('label')?.getAttribute('for')).toBe('username');
    expect(input?.getAttribute('aria-describedby')).toBe('username-hint username-error');
    expect(input?.getAttribute('aria-invalid')).toBe('true');
    expect(input?.getAttribute('value')).toBe('"><script>');
    expect(group.toString()).not.toContain('<script>');
    expect(group.querySelector('#username-error')?.text).toContain('Error: Enter your user name');

    const password = html('field', { id: 'p', name: 'p', label: 'Password', type: 'password', value: 'secret' });
    expect(password.querySelector('input')?.getAttribute('value')).toBe('');
  });

  it('date: day, month and year fields in a group with its legend', () => {
    const group = html('date', {
      id: 'sent-on',
      name: 'sentOn',
      legend: 'Date sent',
      error: 'Enter a real date',
      value: { day: '31', month: '4', year: '2026' },
    });

    expect(group.querySelector('fieldset legend')?.text).toBe('Date sent');
    expect(group.querySelectorAll('input').map((input) => input.getAttribute('name'))).toEqual([
      'sentOn-day',
      'sentOn-month',
      'sentOn-year',
    ]);
    expect(group.querySelector('label[for=sent-on-day]')?.text).toBe('Day');
    expect(group.querySelector('#sent-on-day')?.getAttribute('value')).toBe('31');
  });

  it('radios and checkboxes: a fieldset, the first choice carrying the id the error summary links to', () => {
    const items = [
      { value: 'UA', text: 'Urgent appeal', checked: true },
      { value: 'AL', text: 'Allegation letter', hint: 'Past violations' },
    ];
    const radios = html('radios', { id: 'type', name: 'type', legend: 'Type', items });
    const checkboxes = html('checkboxes', { id: 'type', name: 'type', legend: 'Type', items });

    expect(radios.querySelectorAll('input[type=radio]').map((input) => input.id)).toEqual(['type', 'type-2']);
    expect(radios.querySelector('#type')?.hasAttribute('checked')).toBe(true);
    expect(radios.querySelector('#type-2')?.getAttribute('aria-describedby')).toBe('type-2-hint');
    expect(checkboxes.querySelectorAll('input[type=checkbox]')).toHaveLength(2);
  });

  it('table: caption, column scopes, aria-sort on sortable headers, row headers', () => {
    const table = html('table', {
      caption: 'Letters',
      head: [
        { text: 'Reference', sort: { href: '?sort=ref', direction: 'ascending' } },
        { text: 'Replies', numeric: true },
      ],
      rows: [[{ text: 'UA IRN 5/2023', header: true, href: '/en/communications/UA-IRN-5-2023' }, '3']],
    });

    expect(table.querySelector('caption')?.text).toBe('Letters');
    expect(table.querySelectorAll('thead th').map((th) => th.getAttribute('scope'))).toEqual(['col', 'col']);
    expect(table.querySelector('thead th')?.getAttribute('aria-sort')).toBe('ascending');
    expect(table.querySelector('tbody th')?.getAttribute('scope')).toBe('row');
    expect(table.querySelector('tbody td')?.classList.contains('numeric')).toBe(true);
  });

  it('pagination: previous and next links with rel, nothing when there is one page', () => {
    const nav = html('pagination', { previous: '?cursor=a', next: '?cursor=b' }).querySelector('nav.pagination');

    expect(nav?.querySelector('a[rel=prev]')?.getAttribute('href')).toBe('?cursor=a');
    expect(nav?.querySelector('a[rel=next]')?.text).toBe('Next page');
    expect(html('pagination', {}).querySelector('nav')).toBeNull();
  });

  it('tag, banner, summary list, details, timeline', () => {
    expect(html('tag', { text: 'Replied', colour: 'green' }).querySelector('strong.tag--green')?.text).toBe('Replied');
    const banner = html('banner', { type: 'success', text: 'Password changed' }).querySelector('.banner');
    expect(banner?.getAttribute('role')).toBe('alert');
    expect(banner?.querySelector('h2')?.text).toBe('Done');
    const list = html('summary-list', { rows: [{ key: 'Reference', value: 'UA IRN 5/2023' }] });
    expect(list.querySelector('dt')?.text).toBe('Reference');
    expect(html('details', { summary: 'Help', text: 'x' }).querySelector('details summary')?.text).toBe('Help');
    const timeline = html('timeline', {
      label: 'History',
      items: [{ title: 'Sent', datetime: '2026-03-02', dateText: '2 March 2026' }],
    });
    expect(timeline.querySelector('time')?.getAttribute('datetime')).toBe('2026-03-02');
  });

  it('diff: insertions and deletions marked, and said for screen readers', () => {
    const parts = wordDiff('the State shall reply', 'the State must reply soon');
    expect(parts).toEqual([
      { kind: 'same', text: 'the State ' },
      { kind: 'removed', text: 'shall' },
      { kind: 'added', text: 'must' },
      { kind: 'same', text: ' reply' },
      { kind: 'added', text: ' soon' },
    ]);
    const diff = html('diff', { parts });
    expect(diff.querySelector('del')?.text).toBe('[deleted:shall]');
    expect(diff.querySelectorAll('ins')).toHaveLength(2);
  });

  it('chart: an SVG image with title and description, and the same figures in a table', () => {
    const chart = barChart({
      id: 'replies',
      title: 'Replies per year',
      description: 'More replies each year',
      labelHeading: 'Year',
      valueHeading: 'Replies',
      data: [
        { label: '2024', value: 10 },
        { label: '2025', value: 20 },
      ],
      format: (value) => String(value),
    });
    const figure = html('chart', { chart });

    expect(figure.querySelector('svg')?.getAttribute('role')).toBe('img');
    expect(figure.querySelector('svg title')?.text).toBe('Replies per year');
    expect(figure.querySelector('svg desc')?.text).toBe('More replies each year');
    expect(
      figure.querySelectorAll('tbody tr').map((tr) =>
        tr
          .querySelectorAll('th, td')
          .map((cell) => cell.text)
          .join(' '),
      ),
    ).toEqual(['2024 10', '2025 20']);
    expect(chart.bars[1]!.height).toBeGreaterThan(chart.bars[0]!.height);
    const rtl = barChart({
      ...chart,
      data: [
        { label: 'a', value: 1 },
        { label: 'b', value: 1 },
      ],
      format: String,
      dir: 'rtl',
    });
    expect(rtl.bars[0]!.x).toBeGreaterThan(rtl.bars[1]!.x);
  });
});
