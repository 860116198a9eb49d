import { createHash } from 'node:crypto';
import { StreamableFile } from '@nestjs/common';
import { stringify } from 'csv-stringify/sync';
import { LetterOfRow } from './statistics-rows';

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
  return stringify([columns, ...rows.map((row) => columns.map((column) => cell(row[column])))], {
    record_delimiter: 'windows',
  });
}

/** A CSV answer, offered for download under `filename`. */
export function csvFile(filename: string, body: string): StreamableFile {
  return new StreamableFile(Buffer.from(body, 'utf8'), {
    type: 'text/csv; charset=utf-8',
    disposition: `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
  });
}

/**
 * A row as the Coordination Committee and administrators may read it (Access: statistics, no
 * confidential content; C14): a published letter's row as it is; a letter not yet published keeps its
 * type, dates and counts, but its reference (which names the recipient) becomes a key that is the
 * same in every CSV (`unpublished-` and 12 hex digits, from its internal id, which it does not reveal)
 * and the `withheld` columns (recipient, mandates, reprisal flag) are emptied.
 */
export function withoutConfidentialColumns<T extends LetterOfRow & { reference: string }>(
  row: T,
  withheld: ReadonlyArray<keyof T>,
): T {
  if (row.published) {
    return row;
  }
  const redacted: Record<string, unknown> = {
    ...(row as Record<string, unknown>),
    reference: unpublishedKey(row.communication_id),
  };
  for (const column of withheld) {
    redacted[column as string] = null;
  }
  return redacted as T;
}

function unpublishedKey(communicationId: string): string {
  return `unpublished-${createHash('sha256').update(communicationId).digest('hex').slice(0, 12)}`;
}
