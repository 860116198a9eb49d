import { CsvError, parse } from 'csv-parse/sync';

/** Where a problem was found: the file as a whole, or a row of one of its two sections. */
export type ImportSection = 'file' | 'letters' | 'replies';

/** One reason why a row (or the file) cannot be imported. */
export interface ImportProblem {
  section: ImportSection;
  /** Record number in the file as a spreadsheet numbers its rows (the first header row is 1). */
  row: number | null;
  /** First line of the record in the text (differs from `row` when a cell spans several lines). */
  line: number | null;
  column: string | null;
  code: string;
  reason: string;
}

export interface CsvRow {
  row: number;
  line: number;
  /** Cell values by column name; columns absent from the header are absent here. */
  values: Record<string, string>;
}

export interface CsvSection {
  columns: string[];
  rows: CsvRow[];
}

export interface HistoryDocument {
  letters: CsvSection;
  replies: CsvSection;
}

export interface ColumnSpec {
  name: string;
  required: boolean;
}

export const LETTER_COLUMNS: readonly ColumnSpec[] = [
  { name: 'reference', required: true },
  { name: 'type', required: true },
  { name: 'recipient', required: true },
  { name: 'other_recipient', required: false },
  { name: 'other_recipient_kind', required: false },
  { name: 'sent_on', required: true },
  { name: 'reply_requested_by', required: false },
  { name: 'public_from', required: false },
  { name: 'lead_mandate', required: true },
  { name: 'cosigning_mandates', required: false },
  { name: 'language', required: false },
  { name: 'subject', required: true },
  { name: 'body', required: false },
  { name: 'victims', required: false },
];

export const REPLY_COLUMNS: readonly ColumnSpec[] = [
  { name: 'reference', required: true },
  { name: 'received_on', required: true },
  { name: 'language', required: true },
  { name: 'confidential', required: true },
  { name: 'text', required: true },
  { name: 'channel', required: false },
];

/** The row that opens the replies section; an optional `[letters]` row may open the file. */
export const REPLIES_MARKER = '[replies]';
export const LETTERS_MARKER = '[letters]';

export class HistoryDocumentError extends Error {
  constructor(readonly problems: ImportProblem[]) {
    super(problems.map((problem) => problem.reason).join('; '));
  }
}

interface RawRecord {
  cells: string[];
  row: number;
  line: number;
}

/** `Sent on`, `sent-on` and `SENT_ON` all name the column `sent_on`. */
export function normaliseColumnName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

function isBlank(cells: string[]): boolean {
  return cells.every((cell) => cell.trim() === '');
}

function isMarker(cells: string[], marker: string): boolean {
  return cells[0]?.trim().toLowerCase() === marker && cells.slice(1).every((cell) => cell.trim() === '');
}

function readRecords(text: string): RawRecord[] {
  let parsed: Array<{ record: string[]; info: { records: number; lines: number } }>;
  try {
    parsed = parse(text, { bom: true, info: true, relax_column_count: true, skip_empty_lines: false });
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines ?? null;
      throw new HistoryDocumentError([
        {
          section: 'file',
          row: null,
          line,
          column: null,
          code: 'csv.malformed',
          reason: `The file is not valid CSV: ${error.message}`,
        },
      ]);
    }
    throw error;
  }
  return parsed.map(({ record, info }) => ({
    cells: record,
    row: info.records,
    // csv-parse counts the line where the record ends; a quoted cell may span several lines.
    line: info.lines - record.reduce((count, cell) => count + (cell.match(/\n/g)?.length ?? 0), 0),
  }));
}

function readSection(
  section: 'letters' | 'replies',
  records: RawRecord[],
  specs: readonly ColumnSpec[],
  problems: ImportProblem[],
  headerless: { row: number; line: number },
): CsvSection {
  const content = records.filter((record) => !isBlank(record.cells));
  const [header, ...data] = content;
  if (!header) {
    problems.push({
      section,
      row: headerless.row,
      line: headerless.line,
      column: null,
      code: 'column.header_missing',
      reason: `The ${section} section has no header row`,
    });
    return { columns: [], rows: [] };
  }
  const columns = header.cells.map(normaliseColumnName);
  const known = new Set(specs.map((spec) => spec.name));
  const seen = new Set<string>();
  columns.forEach((column, index) => {
    const at = { section, row: header.row, line: header.line, column: header.cells[index] };
    if (column === '') {
      problems.push({
        ...at,
        column: `#${index + 1}`,
        code: 'column.unnamed',
        reason: `Column ${index + 1} of the ${section} header has no name`,
      });
    } else if (!known.has(column)) {
      problems.push({
        ...at,
        code: 'column.unknown',
        reason: `Unknown column "${header.cells[index]}" in the ${section} section`,
      });
    } else if (seen.has(column)) {
      problems.push({
        ...at,
        code: 'column.duplicate',
        reason: `Column "${column}" appears twice in the ${section} header`,
      });
    }
    seen.add(column);
  });
  for (const spec of specs.filter((candidate) => candidate.required && !seen.has(candidate.name))) {
    problems.push({
      section,
      row: header.row,
      line: header.line,
      column: spec.name,
      code: 'column.missing',
      reason: `The ${section} header lacks the required column "${spec.name}"`,
    });
  }
  const rows: CsvRow[] = [];
  for (const record of data) {
    const extra = record.cells.slice(columns.length).some((cell) => cell.trim() !== '');
    if (extra) {
      problems.push({
        section,
        row: record.row,
        line: record.line,
        column: null,
        code: 'row.extra_cells',
        reason: `The row has ${record.cells.length} cells but the header names ${columns.length} columns (a comma in an unquoted cell?)`,
      });
    }
    const values: Record<string, string> = {};
    columns.forEach((column, index) => {
      if (column !== '' && values[column] === undefined) {
        values[column] = record.cells[index] ?? '';
      }
    });
    rows.push({ row: record.row, line: record.line, values });
  }
  return { columns, rows };
}

/**
 * Reads an import document: the letters section (its header row first, optionally after a
 * `[letters]` row), then optionally a `[replies]` row and the replies section with its own header.
 * Blank rows are ignored. Structural problems (malformed CSV, unknown, missing or repeated columns,
 * stray cells) are returned with the rows that could be read; a file that is not CSV at all throws.
 */
export function readHistoryDocument(text: string): { document: HistoryDocument; problems: ImportProblem[] } {
  const records = readRecords(text);
  const problems: ImportProblem[] = [];
  const start = records.findIndex((record) => !isBlank(record.cells));
  const body = start >= 0 && isMarker(records[start].cells, LETTERS_MARKER) ? records.slice(start + 1) : records;
  const split = body.findIndex((record) => isMarker(record.cells, REPLIES_MARKER));
  const letterRecords = split >= 0 ? body.slice(0, split) : body;
  const replyRecords = split >= 0 ? body.slice(split + 1) : [];
  if (isBlank(letterRecords.flatMap((record) => record.cells))) {
    throw new HistoryDocumentError([
      { section: 'file', row: null, line: null, column: null, code: 'file.empty', reason: 'The file holds no letters' },
    ]);
  }
  const letters = readSection('letters', letterRecords, LETTER_COLUMNS, problems, { row: 1, line: 1 });
  const marker = split >= 0 ? body[split] : undefined;
  const replies =
    marker !== undefined
      ? readSection('replies', replyRecords, REPLY_COLUMNS, problems, { row: marker.row, line: marker.line })
      : { columns: [], rows: [] };
  if (letters.rows.length === 0 && !problems.some((problem) => problem.section === 'letters')) {
    problems.push({
      section: 'letters',
      row: null,
      line: null,
      column: null,
      code: 'file.empty',
      reason: 'The letters section has a header but no rows',
    });
  }
  return { document: { letters, replies }, problems };
}
