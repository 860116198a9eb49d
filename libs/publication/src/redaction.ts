/**
 * C14: victims' names are sent to the State but removed from the public version where marked; the
 * identity of a source is never public: the names and organisations of the sources of every
 * submission linked to the letter are withheld as well, even where a drafter wrote them into the text.
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

/** Whose name a withheld name is: a victim's, a source's or a source's organisation (C14). */
export type WithheldRole = 'victim' | 'source' | 'source_organisation';

/** Just what the redaction reads of the source of a linked submission. */
export interface RedactableSource {
  name: string;
  organisation: string | null;
}

/** A name the redaction withholds, and how many times it withheld it (whole or in part) so far. */
export interface WithheldName {
  name: string;
  roles: WithheldRole[];
  occurrences: number;
}

/** The redactor of a letter's public texts and the record of what it withheld. */
export interface Redaction {
  redact: Redactor;
  /** Every name withheld, in the order given (victims first), with the count of what `redact` replaced. */
  withheld(): WithheldName[];
}

interface NameToWithhold {
  name: string;
  /** Withheld whole only (a group, an organisation), not word by word. */
  whole: boolean;
  entry: WithheldName;
}

const fold = (text: string) => text.normalize('NFC').trim().split(/\s+/).join(' ').toLowerCase();

/** The names to withhold: confidential victims' names, and every source's name and organisation (C14). */
function namesToWithhold(victims: readonly RedactableVictim[], sources: readonly RedactableSource[]): NameToWithhold[] {
  const candidates: Array<{ name: string; whole: boolean; role: WithheldRole }> = [
    ...victims
      .filter((victim) => victim.nameConfidential)
      .map((victim) => ({ name: victim.name, whole: Boolean(victim.group), role: 'victim' as const })),
    ...sources.map((source) => ({ name: source.name, whole: false, role: 'source' as const })),
    ...sources.map((source) => ({
      name: source.organisation ?? '',
      whole: true,
      role: 'source_organisation' as const,
    })),
  ];
  const byName = new Map<string, NameToWithhold>();
  for (const candidate of candidates) {
    const name = candidate.name.normalize('NFC').trim();
    if (name === '') {
      continue;
    }
    const known = byName.get(fold(name));
    if (known) {
      known.whole &&= candidate.whole;
      known.entry.roles = [...new Set([...known.entry.roles, candidate.role])];
    } else {
      byName.set(fold(name), {
        name,
        whole: candidate.whole,
        entry: { name, roles: [candidate.role], occurrences: 0 },
      });
    }
  }
  return [...byName.values()];
}

/**
 * The redaction of a letter's public texts: withholds the confidential names of its victims and the
 * names and organisations of the sources of its linked submissions, and counts what it withheld.
 */
export function redactionFor(
  victims: readonly RedactableVictim[],
  sources: readonly RedactableSource[] = [],
): Redaction {
  const names = namesToWithhold(victims, sources);
  const withheld = () => names.map(({ entry }) => ({ ...entry, roles: [...entry.roles] }));
  if (names.length === 0) {
    return { redact: (text) => text, withheld };
  }
  const byFullName = new Map(names.map((name) => [fold(name.name), name.entry]));
  const byPart = new Map<string, WithheldName>();
  for (const name of names.filter((candidate) => !candidate.whole)) {
    for (const part of nameParts(name.name).flatMap((word) => [word, word.toUpperCase()])) {
      if (!byPart.has(part)) {
        byPart.set(part, name.entry);
      }
    }
  }
  const fullNames = [...byFullName.keys()]
    .map((key) => names.find((name) => fold(name.name) === key)!.name)
    .sort((a, b) => b.length - a.length);
  const parts = [...byPart.keys()].sort((a, b) => b.length - a.length);
  const fullPattern = new RegExp(
    whole(fullNames.map((name) => name.split(/\s+/).map(escape).join('\\s+')).join('|')),
    'giu',
  );
  const partPattern = parts.length > 0 ? new RegExp(whole(parts.map(escape).join('|')), 'gu') : null;
  const count = (entry: WithheldName | undefined) => {
    if (entry) {
      entry.occurrences += 1;
    }
    return NAME_WITHHELD;
  };
  const redact: Redactor = (text) => {
    const redacted = text.normalize('NFC').replace(fullPattern, (match) => count(byFullName.get(fold(match))));
    return partPattern ? redacted.replace(partPattern, (match) => count(byPart.get(match))) : redacted;
  };
  return { redact, withheld };
}

/** The function that withholds the confidential names of these victims (and these sources) in any text. */
export function redactorFor(victims: readonly RedactableVictim[], sources: readonly RedactableSource[] = []): Redactor {
  return redactionFor(victims, sources).redact;
}

/** The public name of a victim. */
export function publicVictimName(victim: RedactableVictim): string {
  return victim.nameConfidential ? NAME_WITHHELD : victim.name;
}
