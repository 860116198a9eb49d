import { Figure, FigureRows } from '@spcomms/statistics';
import { PageContext } from '../../render/page-context';
import { periodQuery } from './dashboard-query';
import { TableCell, TableModel } from './sortable-table';

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
