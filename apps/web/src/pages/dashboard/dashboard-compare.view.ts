import { StatisticsDto } from '@spcomms/statistics';
import { PageContext } from '../../render/page-context';
import { DateInput } from '../date-fields';
import { QueryError, periodQuery } from './dashboard-query';
import { figureLines } from './dashboard-figures';
import { TableModel } from './sortable-table';

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
