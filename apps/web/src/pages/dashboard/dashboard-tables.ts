import { Figure, StatisticsDto, TrendDto } from '@spcomms/statistics';
import { PageContext } from '../../render/page-context';
import { TableSort } from './dashboard-query';
import { TableModel, sortableTable } from './sortable-table';

/** Rows of the per-State table shown until the whole table is asked for (`states=all`). */
export const FIRST_STATES = 20;

/** The tables of the dashboard: by year, type, region, State and mandate, with the links to their rows. */
export function dashboardTables(
  input: {
    figures: StatisticsDto;
    points: TrendDto['points'];
    sort: TableSort | null;
    allStates?: boolean;
    base: string;
    link: (csv: string, figure?: Figure) => string;
    regionName: (region: string) => string;
  },
  context: PageContext,
): TableModel[] {
  const t = context.t;
  const n = (value: number) => context.format.number(value);
  const { figures, points, base, link, regionName } = input;
  const tables: TableModel[] = [];
  type Point = TrendDto['points'][number];
  tables.push(
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
          cell: (p) => ({ text: context.format.percent(p.replyRate) }),
        },
        {
          key: 'joint',
          text: t('dashboard.column.jointShare'),
          numeric: true,
          value: (p) => p.jointShare ?? -1,
          cell: (p) => ({ text: context.format.percent(p.jointShare), href: link(p.csv, Figure.JointLetters) }),
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
        { text: context.format.percent(row.replyRate) },
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
        { text: context.format.percent(row.replyRate) },
      ]),
    },
  );
  type StateRow = StatisticsDto['byState'][number];
  const stateName = (row: StateRow) =>
    row.status === 'pseudo' ? t('dashboard.otherRecipients') : context.format.country(row.code, row.name);
  tables.push(
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
          cell: (r) => ({ text: context.format.percent(r.replyRate) }),
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
  const states = tables[tables.length - 1]!;
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
  tables.push(
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
          cell: (r) => ({ text: context.format.percent(r.replyRate) }),
        },
      ],
      input.sort,
      base,
    ),
  );
  return tables;
}
