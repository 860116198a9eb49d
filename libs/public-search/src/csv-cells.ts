/** Spreadsheets run cells that start with these as formulas; a leading quote keeps them text. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A CSV cell: text that a spreadsheet will not run as a formula. */
export function csvCell(value: string | number | boolean | null): string {
  if (value === null) {
    return '';
  }
  if (typeof value === 'boolean') {
    return value ? 'yes' : 'no';
  }
  const text = String(value);
  return typeof value === 'string' && FORMULA_START.test(text) ? `'${text}` : text;
}

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';
