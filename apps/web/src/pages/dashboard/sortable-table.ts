import { SORTABLE, TableSort } from './dashboard-query';

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

interface Column<Row> {
  key: string;
  text: string;
  numeric?: boolean;
  value: (row: Row) => string | number;
  cell: (row: Row) => TableCell;
}

/** A table whose headers sort it (links to the same address with `sort` and `order`, `aria-sort`). */
export function sortableTable<Row>(
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
