import { isCalendarDate } from '@spcomms/clock';
import { Victim } from '@spcomms/communications';
import { CsvRow, ImportProblem } from './history-csv';

/**
 * The cells of a historical import's rows, read one at a time: yes/no flags, victims, lists of
 * mandates, and the problems of a row as they are found (see checkLetterRow and checkReplyRow).
 */

const GENDERS = ['female', 'male', 'other', 'unknown'] as const;
const AGE_GROUPS = ['child', 'adult', 'older', 'unknown'] as const;
const MAX_VICTIM_NAME = 300;

export function parseBoolean(value: string): boolean | null {
  const normalised = value.trim().toLowerCase();
  if (['true', 'yes', 'y', '1'].includes(normalised)) {
    return true;
  }
  if (['false', 'no', 'n', '0'].includes(normalised)) {
    return false;
  }
  return null;
}

/** Collects the problems of one row; `column` and `code` name what is wrong. */
export class RowProblems {
  readonly list: ImportProblem[] = [];

  constructor(
    private readonly section: 'letters' | 'replies',
    private readonly row: CsvRow,
  ) {}

  add(column: string | null, code: string, reason: string): void {
    this.list.push({ section: this.section, row: this.row.row, line: this.row.line, column, code, reason });
  }

  value(column: string): string {
    return (this.row.values[column] ?? '').trim();
  }

  required(column: string): string | null {
    const value = this.value(column);
    if (value === '') {
      this.add(column, 'value.required', `${column} is required`);
      return null;
    }
    return value;
  }

  date(column: string, value: string): string | null {
    if (!isCalendarDate(value)) {
      this.add(column, 'date.invalid', `${column} "${value}" is not a calendar date (YYYY-MM-DD)`);
      return null;
    }
    return value;
  }
}

/** `name|gender|ageGroup|confidential`, several separated by `;`. */
export function parseVictims(text: string): { victims: Victim[]; errors: string[] } {
  const victims: Victim[] = [];
  const errors: string[] = [];
  text
    .split(';')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .forEach((entry, index) => {
      const [name = '', gender = '', ageGroup = '', confidential = '', ...rest] = entry
        .split('|')
        .map((part) => part.trim());
      const label = `victim ${index + 1}`;
      const flag = parseBoolean(confidential);
      const g = gender.toLowerCase() || 'unknown';
      const a = ageGroup.toLowerCase() || 'unknown';
      if (rest.length > 0) {
        errors.push(`${label} has more than four parts (name|gender|ageGroup|confidential)`);
      } else if (name === '' || name.length > MAX_VICTIM_NAME) {
        errors.push(`${label} needs a name of 1 to ${MAX_VICTIM_NAME} characters`);
      } else if (!(GENDERS as readonly string[]).includes(g)) {
        errors.push(`${label}: gender "${gender}" is not one of ${GENDERS.join(', ')}`);
      } else if (!(AGE_GROUPS as readonly string[]).includes(a)) {
        errors.push(`${label}: age group "${ageGroup}" is not one of ${AGE_GROUPS.join(', ')}`);
      } else if (flag === null) {
        errors.push(`${label}: say whether the name is confidential (true or false), got "${confidential}"`);
      } else {
        victims.push({
          name,
          gender: g as Victim['gender'],
          ageGroup: a as Victim['ageGroup'],
          nameConfidential: flag,
          group: false,
        });
      }
    });
  return { victims, errors };
}

export function mandateList(text: string): string[] {
  return text
    .split(';')
    .map((code) => code.trim().toUpperCase())
    .filter((code) => code !== '');
}
