/**
 * C14: victims' names are sent to the State but removed from the public version where marked.
 *
 * The rule: every confidential name is replaced by `[name withheld]` — not by initials, which can
 * still identify a person in a small community. The replacement applies to every public text of the
 * letter: subject, body, law or policy, the victims list, and the texts and attachment file names of
 * its replies. Within those texts it replaces:
 * - the full name, in any letter case and with any spacing between its words;
 * - for a person (not a group), each word of the name of three letters or more, as written and in
 *   capitals (`Ms. Example`, `EXAMPLE`), so that a name shortened in the text is withheld too. Words
 *   are matched whole and case-sensitively, so that a name such as "May" does not withhold the verb
 *   "may"; a sentence that begins with a withheld word loses it, which errs on the side of the victim.
 */
export const NAME_WITHHELD = '[name withheld]';

/** Just what the redaction reads of a victim. */
export interface RedactableVictim {
  name: string;
  nameConfidential: boolean;
  group?: boolean;
}

export type Redactor = (text: string) => string;

const LETTER_OR_DIGIT = '[\\p{L}\\p{N}\\p{M}]';
const MIN_PART = 3;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const whole = (pattern: string) => `(?<!${LETTER_OR_DIGIT})(?:${pattern})(?!${LETTER_OR_DIGIT})`;

/** The words of a name, split on spaces and on hyphens (a hyphenated name is also withheld whole). */
function nameParts(name: string): string[] {
  const words = name.split(/\s+/).filter(Boolean);
  return [...new Set([...words, ...words.flatMap((word) => word.split(/[-‐‑]/))])].filter(
    (part) => [...part.replace(/[^\p{L}\p{N}]/gu, '')].length >= MIN_PART,
  );
}

/** The function that withholds the confidential names of these victims in any text. */
export function redactorFor(victims: readonly RedactableVictim[]): Redactor {
  const confidential = victims.filter((victim) => victim.nameConfidential && victim.name.trim() !== '');
  if (confidential.length === 0) {
    return (text) => text;
  }
  const fullNames = [...new Set(confidential.map((victim) => victim.name.normalize('NFC').trim()))].sort((a, b) => b.length - a.length);
  const parts = [
    ...new Set(
      confidential
        .filter((victim) => !victim.group)
        .flatMap((victim) => nameParts(victim.name.normalize('NFC').trim()))
        .flatMap((part) => [part, part.toUpperCase()]),
    ),
  ].sort((a, b) => b.length - a.length);
  const fullPattern = new RegExp(
    whole(fullNames.map((name) => name.split(/\s+/).map(escape).join('\\s+')).join('|')),
    'giu',
  );
  const partPattern = parts.length > 0 ? new RegExp(whole(parts.map(escape).join('|')), 'gu') : null;
  return (text) => {
    const redacted = text.normalize('NFC').replace(fullPattern, NAME_WITHHELD);
    return partPattern ? redacted.replace(partPattern, NAME_WITHHELD) : redacted;
  };
}

/** The public name of a victim. */
export function publicVictimName(victim: RedactableVictim): string {
  return victim.nameConfidential ? NAME_WITHHELD : victim.name;
}
