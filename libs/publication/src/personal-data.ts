/**
 * What still looks like personal data in a public text after redaction (C14): e-mail addresses, phone
 * numbers and passport-like document numbers. The redaction check lists them as warnings for the
 * assistant to read; nothing is removed automatically, since a number may as well be a law's or a
 * case's. The patterns err towards warning.
 */
export const PERSONAL_DATA_KINDS = ['email', 'phone', 'passport_number'] as const;
export type PersonalDataKind = (typeof PERSONAL_DATA_KINDS)[number];

export interface PersonalDataWarning {
  kind: PersonalDataKind;
  /** Where in the public version: `subject`, `body`, `lawOrPolicy`, `themes`, `victims`, `replies[2].text`, `replies[2].attachments`. */
  field: string;
  /** The text that looks like personal data, as it would be published. */
  text: string;
}

export interface PublicText {
  field: string;
  text: string;
}

const NOT_WORD_BEFORE = '(?<![\\p{L}\\p{N}\\p{M}@.+_-])';
const NOT_WORD_AFTER = '(?![\\p{L}\\p{N}\\p{M}@_-])';

const EMAIL = new RegExp(
  `${NOT_WORD_BEFORE}[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)*\\.\\p{L}{2,}${NOT_WORD_AFTER}`,
  'gu',
);
/** Digits grouped by spaces, dots, dashes or brackets, optionally after `+`: checked by phoneLike. */
const PHONE = new RegExp(`${NOT_WORD_BEFORE}(?:\\+|00)?\\(?\\d[\\d\\s().-]{5,}\\d${NOT_WORD_AFTER}`, 'gu');
/** One or two capital letters then six to nine digits (`MP1234567`, `AB 123456`), or nine to twelve mixed capitals and digits starting with a letter. */
const PASSPORT = new RegExp(
  `${NOT_WORD_BEFORE}(?:\\p{Lu}{1,2}[ -]?\\d{6,9}|\\p{Lu}(?=[\\p{Lu}\\d]*\\d)[\\p{Lu}\\d]{8,11})${NOT_WORD_AFTER}`,
  'gu',
);

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A phone number: 9 to 15 digits (7 or more after an international prefix), not a date, not a range of years. */
function phoneLike(candidate: string): boolean {
  const digits = candidate.replace(/\D/g, '').length;
  const international = /^(?:\+|00)/.test(candidate);
  if (ISO_DATE.test(candidate) || /^\d{4}\s*[-–]\s*\d{4}$/.test(candidate)) {
    return false;
  }
  return digits <= 15 && (digits >= 9 || (international && digits >= 7));
}

/** Every e-mail address, phone number and passport-like number found in the texts, in their order. */
export function findPersonalData(texts: readonly PublicText[]): PersonalDataWarning[] {
  const warnings: PersonalDataWarning[] = [];
  for (const { field, text } of texts) {
    const found: Array<{ at: number; warning: PersonalDataWarning }> = [];
    const emails = [...text.matchAll(EMAIL)];
    // An address's digits are not also a phone number.
    const withoutEmails = emails.reduce(
      (rest, match) =>
        rest.slice(0, match.index) + ' '.repeat(match[0].length) + rest.slice(match.index + match[0].length),
      text,
    );
    emails.forEach((match) => found.push({ at: match.index, warning: { kind: 'email', field, text: match[0] } }));
    for (const match of withoutEmails.matchAll(PASSPORT)) {
      found.push({ at: match.index, warning: { kind: 'passport_number', field, text: match[0] } });
    }
    for (const match of withoutEmails.matchAll(PHONE)) {
      const candidate = match[0].trim();
      if (phoneLike(candidate)) {
        found.push({ at: match.index, warning: { kind: 'phone', field, text: candidate } });
      }
    }
    warnings.push(...found.sort((a, b) => a.at - b.at).map((entry) => entry.warning));
  }
  return warnings;
}
