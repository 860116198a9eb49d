import { Figure, FigureDto, FigureRows, RateDto, StatisticsDto, TrendDto } from '@spcomms/statistics';
import { ChartView, chartView } from '../../charts/chart.view';
import { localeOf } from '../../render/formatters';
import { PageContext } from '../../render/page-context';
import { DateInput } from '../date-fields';
import { DashboardDate, QueryError, SORTABLE, TableSort, figureLinks, periodQuery } from './dashboard-query';

/** A figure of the dashboard: its words, its value written out, the page of its rows and their CSV. */
export interface FigureLine {
  id: string;
  label: string;
  value: string;
  drill: string | null;
  csv: string | null;
}

export interface TableCell {
  text: string;
  href?: string;
  header?: boolean;
  numeric?: boolean;
  lang?: string;
}

/** The options of components/table.eta. */
export interface TableModel {
  id: string;
  caption: string;
  head: Array<{ text: string; numeric?: boolean; sort?: { href: string; direction: string } }>;
  rows: TableCell[][];
  /** A link to the whole table when only its first rows are shown. */
  more?: { href: string; text: string };
}

/** Rows of the per-State table shown until the whole table is asked for (`states=all`). */
export const FIRST_STATES = 20;

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

export const percent = (context: PageContext, share: number | null): string =>
  share === null
    ? '–'
    : new Intl.NumberFormat(localeOf(context.lang), { style: 'percent', maximumFractionDigits: 0 }).format(share);

const rounded = (share: number | null) => (share === null ? 0 : Math.round(share * 100));

/** The API's CSV link of a figure, for another figure of the same cell (`letters-sent` → `letters-replied`). */
export function otherFigure(csv: string, figure: Figure): string {
  return csv.replace(/\/figures\/[a-z-]+\.csv/, `/figures/${figure}.csv`);
}

function line(context: PageContext, id: string, label: string, value: string, csv: string | null): FigureLine {
  const links = csv ? figureLinks(csv, context.href) : null;
  return { id, label, value, drill: links?.drill ?? null, csv: links?.csv ?? null };
}

const rateText = (context: PageContext, rate: RateDto) =>
  context.t('dashboard.value.rate', {
    count: context.format.number(rate.numerator),
    total: context.format.number(rate.denominator),
    share: percent(context, rate.value),
  });

/** The figures of a period, in three groups, each with its rows' page and CSV. */
export function figureLines(
  figures: StatisticsDto,
  context: PageContext,
): { letters: FigureLine[]; replies: FigureLine[]; visits: FigureLine[] } {
  const t = context.t;
  const n = (value: number) => context.format.number(value);
  const count = (id: string, figure: FigureDto) =>
    line(context, id, t(`dashboard.figure.${id}`), n(figure.value), figure.csv);
  const { letters, replies, visits } = figures;
  return {
    letters: [
      count('letters-sent', letters.sent),
      count('letters-to-states', letters.toStates),
      line(
        context,
        'states-reached',
        t('dashboard.figure.states-reached'),
        t('dashboard.value.states', {
          states: n(letters.statesAddressed),
          members: n(letters.memberStatesAddressed),
          share: percent(context, letters.memberStateShare.value),
        }),
        letters.toStates.csv,
      ),
      count('letters-to-other-recipients', letters.toOtherRecipients),
      line(
        context,
        'other-recipients-reached',
        t('dashboard.figure.other-recipients-reached'),
        n(letters.otherRecipients),
        letters.toOtherRecipients.csv,
      ),
      line(
        context,
        'joint-letters',
        t('dashboard.figure.joint-letters'),
        t('dashboard.value.share', {
          value: n(letters.joint.value),
          share: percent(context, letters.jointShare.value),
        }),
        letters.joint.csv,
      ),
      count('letters-followed-up', letters.followedUp),
    ],
    replies: [
      line(
        context,
        'letters-replied',
        t('dashboard.figure.letters-replied'),
        rateText(context, replies.replyRate),
        replies.lettersReplied.csv,
      ),
      line(
        context,
        'letters-replied-on-time',
        t('dashboard.figure.letters-replied-on-time'),
        rateText(context, replies.onTimeRate),
        replies.lettersRepliedOnTime.csv,
      ),
      count('letters-not-replied', replies.lettersNotReplied),
      count('replies-received', replies.received),
      count('replies-to-period-letters', replies.toPeriodLetters),
      count('replies-to-earlier-letters', replies.toEarlierLetters),
      line(
        context,
        'median-days',
        t('dashboard.figure.median-days'),
        replies.medianDaysToReply === null ? '–' : n(replies.medianDaysToReply),
        null,
      ),
    ],
    visits: [
      count('visit-requests-made', visits.requested),
      count('visit-requests-accepted', visits.accepted),
      count('visits-carried-out', visits.carriedOut),
      line(
        context,
        'countries-visited',
        t('dashboard.figure.countries-visited'),
        n(visits.countriesVisited),
        visits.carriedOut.csv,
      ),
      count('visit-requests-pending', visits.requestsPending),
      count('standing-invitations', visits.standingInvitations),
    ],
  };
}

interface Column<Row> {
  key: string;
  text: string;
  numeric?: boolean;
  value: (row: Row) => string | number;
  cell: (row: Row) => TableCell;
}

/** A table whose headers sort it (links to the same address with `sort` and `order`, `aria-sort`). */
function sortableTable<Row>(
  id: string,
  caption: string,
  rows: Row[],
  columns: Array<Column<Row>>,
  sort: TableSort | null,
  base: string,
): TableModel {
  const active = sort && sort.table === id && columns.some((column) => column.key === sort.column) ? sort : null;
  let ordered = rows;
  if (active) {
    const column = columns.find((candidate) => candidate.key === active.column) as Column<Row>;
    const sign = active.direction === 'ascending' ? 1 : -1;
    ordered = [...rows].sort((a, b) => {
      const [x, y] = [column.value(a), column.value(b)];
      return sign * (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y)));
    });
  }
  const sortable = SORTABLE[id] ?? [];
  return {
    id,
    caption,
    head: columns.map((column) => {
      if (!sortable.includes(column.key)) {
        return { text: column.text, numeric: column.numeric };
      }
      const current = active?.column === column.key ? active.direction : 'none';
      const next =
        current === 'descending'
          ? 'ascending'
          : current === 'ascending'
            ? 'descending'
            : column.numeric
              ? 'descending'
              : 'ascending';
      return {
        text: column.text,
        numeric: column.numeric,
        sort: { href: `${base}&sort=${id}.${column.key}&order=${next}#${id}`, direction: current },
      };
    }),
    rows: ordered.map((row) => columns.map((column) => column.cell(row))),
  };
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
  const n = (value: number) => context.format.number(value);
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

  view.charts.push(
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
          categories: view.visits.map((entry) => entry.label),
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
  );

  type Point = TrendDto['points'][number];
  view.tables.push(
    sortableTable<Point>(
      'years',
      t('dashboard.table.years'),
      points,
      [
        {
          key: 'period',
          text: t('dashboard.column.year'),
          value: (p) => p.period,
          cell: (p) => ({ text: p.period, header: true }),
        },
        {
          key: 'letters',
          text: t('dashboard.column.letters'),
          numeric: true,
          value: (p) => p.lettersSent,
          cell: (p) => ({ text: n(p.lettersSent), href: link(p.csv) }),
        },
        {
          key: 'replied',
          text: t('dashboard.column.replied'),
          numeric: true,
          value: (p) => p.lettersReplied,
          cell: (p) => ({ text: n(p.lettersReplied), href: link(p.csv, Figure.LettersReplied) }),
        },
        {
          key: 'rate',
          text: t('dashboard.column.replyRate'),
          numeric: true,
          value: (p) => p.replyRate ?? -1,
          cell: (p) => ({ text: percent(context, p.replyRate) }),
        },
        {
          key: 'joint',
          text: t('dashboard.column.jointShare'),
          numeric: true,
          value: (p) => p.jointShare ?? -1,
          cell: (p) => ({ text: percent(context, p.jointShare), href: link(p.csv, Figure.JointLetters) }),
        },
      ],
      input.sort,
      base,
    ),
    {
      id: 'types',
      caption: t('dashboard.table.types'),
      head: [
        { text: t('dashboard.column.type') },
        { text: t('dashboard.column.letters'), numeric: true },
        { text: t('dashboard.column.joint'), numeric: true },
        { text: t('dashboard.column.replied'), numeric: true },
        { text: t('dashboard.column.replyRate'), numeric: true },
      ],
      rows: figures.byType.map((row) => [
        { text: t(`letter.type.${row.type}`), header: true },
        { text: n(row.letters), href: link(row.csv) },
        { text: n(row.joint), href: link(row.csv, Figure.JointLetters) },
        { text: n(row.replied), href: link(row.csv, Figure.LettersReplied) },
        { text: percent(context, row.replyRate) },
      ]),
    },
    {
      id: 'regions',
      caption: t('dashboard.table.regions'),
      head: [
        { text: t('dashboard.column.region') },
        { text: t('dashboard.column.recipients'), numeric: true },
        { text: t('dashboard.column.letters'), numeric: true },
        { text: t('dashboard.column.replied'), numeric: true },
        { text: t('dashboard.column.replyRate'), numeric: true },
      ],
      rows: figures.byRegion.map((row) => [
        { text: regionName(row.region), header: true },
        { text: n(row.recipients) },
        { text: n(row.letters), href: link(row.csv) },
        { text: n(row.replied), href: link(row.csv, Figure.LettersReplied) },
        { text: percent(context, row.replyRate) },
      ]),
    },
  );
  type StateRow = StatisticsDto['byState'][number];
  const stateName = (row: StateRow) =>
    row.status === 'pseudo' ? t('dashboard.otherRecipients') : context.format.country(row.code, row.name);
  view.tables.push(
    sortableTable<StateRow>(
      'states',
      t('dashboard.table.states'),
      figures.byState,
      [
        {
          key: 'name',
          text: t('dashboard.column.recipient'),
          value: stateName,
          cell: (r) => ({ text: stateName(r), header: true }),
        },
        {
          key: 'letters',
          text: t('dashboard.column.letters'),
          numeric: true,
          value: (r) => r.letters,
          cell: (r) => ({ text: n(r.letters), href: link(r.csv) }),
        },
        {
          key: 'replied',
          text: t('dashboard.column.replied'),
          numeric: true,
          value: (r) => r.replied,
          cell: (r) => ({ text: n(r.replied), href: link(r.csv, Figure.LettersReplied) }),
        },
        {
          key: 'rate',
          text: t('dashboard.column.replyRate'),
          numeric: true,
          value: (r) => r.replyRate ?? -1,
          cell: (r) => ({ text: percent(context, r.replyRate) }),
        },
        {
          key: 'days',
          text: t('dashboard.column.medianDays'),
          numeric: true,
          value: (r) => r.medianDaysToReply ?? -1,
          cell: (r) => ({ text: r.medianDaysToReply === null ? '–' : n(r.medianDaysToReply) }),
        },
      ],
      input.sort,
      base,
    ),
  );
  const states = view.tables[view.tables.length - 1]!;
  if (!input.allStates && states.rows.length > FIRST_STATES) {
    const sortQuery =
      input.sort?.table === 'states' ? `&sort=states.${input.sort.column}&order=${input.sort.direction}` : '';
    states.more = {
      href: `${base}${sortQuery}&states=all#states`,
      text: t('dashboard.table.states.all', { count: states.rows.length }),
    };
    states.rows = states.rows.slice(0, FIRST_STATES);
  }
  if (input.allStates) {
    for (const column of states.head) {
      if (column.sort) {
        column.sort.href = column.sort.href.replace('#states', '&states=all#states');
      }
    }
  }
  type MandateRow = StatisticsDto['byMandate'][number];
  const titleLang = context.lang === 'en' ? undefined : 'en';
  view.tables.push(
    sortableTable<MandateRow>(
      'mandates',
      t('dashboard.table.mandates'),
      figures.byMandate,
      [
        {
          key: 'title',
          text: t('dashboard.column.mandate'),
          value: (r) => r.title || r.code,
          cell: (r) => ({ text: r.title || r.code, header: true, lang: titleLang }),
        },
        {
          key: 'letters',
          text: t('dashboard.column.letters'),
          numeric: true,
          value: (r) => r.letters,
          cell: (r) => ({ text: n(r.letters), href: link(r.csv) }),
        },
        {
          key: 'led',
          text: t('dashboard.column.led'),
          numeric: true,
          value: (r) => r.led,
          cell: (r) => ({ text: n(r.led) }),
        },
        {
          key: 'joined',
          text: t('dashboard.column.joined'),
          numeric: true,
          value: (r) => r.joined,
          cell: (r) => ({ text: n(r.joined) }),
        },
        {
          key: 'replied',
          text: t('dashboard.column.replied'),
          numeric: true,
          value: (r) => r.replied,
          cell: (r) => ({ text: n(r.replied), href: link(r.csv, Figure.LettersReplied) }),
        },
        {
          key: 'rate',
          text: t('dashboard.column.replyRate'),
          numeric: true,
          value: (r) => r.replyRate ?? -1,
          cell: (r) => ({ text: percent(context, r.replyRate) }),
        },
      ],
      input.sort,
      base,
    ),
  );
  return view;
}

/** Two years side by side: each figure's value in each, with the page of its rows. */
export interface CompareView {
  errors: Array<{ href: string; text: string }>;
  fieldErrors: Record<string, string>;
  first: string;
  second: string;
  cutoff: DateInput;
  backHref: string;
  table: TableModel | null;
}

export function compareView(
  input: {
    first: string;
    second: string;
    cutoff: DateInput;
    errors: QueryError[];
    figures: [StatisticsDto, StatisticsDto] | null;
  },
  context: PageContext,
): CompareView {
  const t = context.t;
  const fieldErrors: Record<string, string> = {};
  for (const error of input.errors) {
    fieldErrors[error.field.replace(/-day$/, '')] ??= t(error.message);
  }
  const view: CompareView = {
    errors: input.errors.map((error) => ({ href: `#${error.field}`, text: t(error.message) })),
    fieldErrors,
    first: input.first,
    second: input.second,
    cutoff: input.cutoff,
    backHref: context.href('/dashboard'),
    table: null,
  };
  if (!input.figures) {
    return view;
  }
  const [a, b] = input.figures.map((figures) => figureLines(figures, context));
  const lines = (side: typeof a) => [...side!.letters, ...side!.replies, ...side!.visits];
  const second = lines(b!);
  view.backHref = `${context.href('/dashboard')}?${periodQuery(input.figures[1].period)}`;
  view.table = {
    id: 'comparison',
    caption: t('dashboard.compare.caption', { first: input.first, second: input.second }),
    head: [
      { text: t('dashboard.column.figure') },
      { text: input.first, numeric: true },
      { text: input.second, numeric: true },
    ],
    rows: lines(a!).map((entry, index) => [
      { text: entry.label, header: true },
      { text: entry.value, href: entry.drill ?? undefined },
      { text: second[index]!.value, href: second[index]!.drill ?? undefined },
    ]),
  };
  return view;
}

/** The page of the rows behind a figure. */
export interface RowsView {
  heading: string;
  definition: string;
  period: string;
  summary: string;
  csvHref: string;
  backHref: string;
  table: TableModel;
  previous: string | null;
  next: string | null;
  pageSummary: string | null;
}

export const PAGE_SIZE = 50;

/** The columns a drill-down page shows, per kind of figure (the CSV has them all). */
const SHOWN: Record<FigureRows['kind'], string[]> = {
  letters: [
    'reference',
    'type',
    'sent_on',
    'recipient_name',
    'lead_mandate',
    'joint',
    'first_reply_on',
    'days_to_reply',
    'replied_on_time',
    'followed_up_on',
  ],
  replies: [
    'reference',
    'type',
    'recipient_code',
    'sent_on',
    'reply_number',
    'received_on',
    'on_time',
    'days_after_sending',
  ],
  visits: ['mandate', 'state_name', 'requested_on', 'status_at_cutoff', 'scheduled_from', 'scheduled_to'],
  invitations: ['state_name', 'issued_on', 'withdrawn_on'],
};
const DATES = new Set([
  'sent_on',
  'first_reply_on',
  'followed_up_on',
  'received_on',
  'requested_on',
  'scheduled_from',
  'scheduled_to',
  'issued_on',
  'withdrawn_on',
]);
const WITHHELD = new Set(['recipient_name', 'recipient_code', 'lead_mandate']);

export function rowsView(
  input: { figure: Figure; result: FigureRows; page: number; query: Record<string, string>; path: string },
  context: PageContext,
): RowsView {
  const t = context.t;
  const { result, page } = input;
  const columns = SHOWN[result.kind];
  const text = (column: string, value: unknown, row: Record<string, unknown>): TableCell => {
    if (value === null || value === undefined || value === '') {
      const withheld = WITHHELD.has(column) && row.published === false;
      return { text: withheld ? t('dashboard.rows.withheld') : '–' };
    }
    if (typeof value === 'boolean') {
      return { text: t(value ? 'dashboard.rows.yes' : 'dashboard.rows.no') };
    }
    if (typeof value === 'number') {
      return { text: context.format.number(value), numeric: true };
    }
    if (value instanceof Date || DATES.has(column)) {
      return { text: context.format.date(value instanceof Date ? value : String(value)) };
    }
    if (column === 'type') {
      return { text: String(value) };
    }
    if (column === 'status_at_cutoff') {
      return { text: String(value).replace(/_/g, ' ') };
    }
    if (column === 'state_name') {
      return { text: context.format.country(String(row.state_code ?? ''), String(value)) };
    }
    return { text: String(value) };
  };
  const total = result.rows.length;
  const start = (page - 1) * PAGE_SIZE;
  const shown = result.rows.slice(start, start + PAGE_SIZE);
  const pageHref = (target: number) =>
    `${context.href(input.path)}?${new URLSearchParams({ ...input.query, figure: input.figure, page: String(target) }).toString()}`;
  const search = new URLSearchParams(input.query).toString();
  const { period } = result;
  return {
    heading: t(`dashboard.figure.${input.figure}`),
    definition: t(`dashboard.definition.${result.kind}`),
    period: t('dashboard.period', {
      from: context.format.date(period.from),
      to: context.format.date(period.to),
      cutoff: context.format.date(period.cutoff),
    }),
    summary: t('dashboard.rows.count', { count: total }),
    csvHref: `${context.href(`/dashboard/figures/${input.figure}.csv`)}${search ? `?${search}` : ''}`,
    backHref: `${context.href('/dashboard')}?${periodQuery(period)}`,
    table: {
      id: 'rows',
      caption: t('dashboard.rows.caption', { figure: t(`dashboard.figure.${input.figure}`) }),
      head: columns.map((column) => ({ text: t(`dashboard.column.${column}`) })),
      rows: shown.map((row) =>
        columns.map((column, index) => ({ ...text(column, row[column], row), header: index === 0 })),
      ),
    },
    previous: page > 1 ? pageHref(page - 1) : null,
    next: start + PAGE_SIZE < total ? pageHref(page + 1) : null,
    pageSummary:
      total > PAGE_SIZE
        ? t('dashboard.rows.page', {
            first: start + 1,
            last: Math.min(start + PAGE_SIZE, total),
            total,
          })
        : null,
  };
}
