import { stringify } from 'csv-stringify/sync';

/** A table as CSV text, with the file name it is offered under. */
export class CsvDocument {
  readonly contentType = 'text/csv; charset=utf-8';

  constructor(
    readonly filename: string,
    readonly body: string,
  ) {}
}

export interface CsvColumn<T> {
  header: string;
  value: (row: T) => string | number | null;
}

/** Spreadsheets run cells that start with these as formulas; a leading quote keeps them text. */
const FORMULA_START = /^[=+\-@\t\r]/;

function cell(value: string | number | null): string {
  if (value === null) {
    return '';
  }
  const text = String(value);
  return typeof value === 'string' && FORMULA_START.test(text) ? `'${text}` : text;
}

/** RFC 4180 CSV with a header row and CRLF line ends. */
export function toCsv<T>(filename: string, columns: CsvColumn<T>[], rows: T[]): CsvDocument {
  const body = stringify(
    [columns.map((column) => column.header), ...rows.map((row) => columns.map((column) => cell(column.value(row))))],
    {
      record_delimiter: 'windows',
    },
  );
  return new CsvDocument(filename, body);
}
