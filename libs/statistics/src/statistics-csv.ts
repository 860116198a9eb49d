import { StreamableFile } from '@nestjs/common';
import { stringify } from 'csv-stringify/sync';

/** Spreadsheets run cells that start with these as formulas; a leading quote keeps them text. */
const FORMULA_START = /^[=+\-@\t\r]/;

function cell(value: unknown): string {
  if (value === null || value === undefined) {
    return '';
  }
  if (typeof value === 'boolean' || typeof value === 'number') {
    return String(value);
  }
  const text = String(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** RFC 4180 CSV: a header row with the column names, then one line per row, CRLF line ends. */
export function toCsv<T extends object>(columns: ReadonlyArray<keyof T & string>, rows: readonly T[]): string {
  return stringify([columns, ...rows.map((row) => columns.map((column) => cell(row[column])))], { record_delimiter: 'windows' });
}

/** A CSV answer, offered for download under `filename`. */
export function csvFile(filename: string, body: string): StreamableFile {
  return new StreamableFile(Buffer.from(body, 'utf8'), {
    type: 'text/csv; charset=utf-8',
    disposition: `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
  });
}
