import { LETTER_LANGUAGES, LetterLanguage } from '@spcomms/domain-events';

export { LETTER_LANGUAGES };
export type { LetterLanguage };

/** A person who signs the letter: a holder of one of its mandates, with the mandate's title. */
export interface Signatory {
  name: string;
  title: string;
}

/**
 * Everything a letter's document shows, already chosen for its reader: the Government's copy holds
 * the letter as sent, the public copy the redacted text of the published projection.
 */
export interface LetterDocument {
  language: LetterLanguage;
  /** `UA IRN 5/2023`. */
  reference: string;
  /** Day of sending in the Geneva calendar (`YYYY-MM-DD`). */
  sentOn: string;
  /** Titles of the mandates on the letterhead, the lead mandate first. */
  mandates: string[];
  /** The addressee, one line each ("Permanent Mission of the Niger …"). */
  addressee: string[];
  subject: string;
  /** The text; paragraphs are separated by a blank line. */
  body: string;
  signatories: Signatory[];
  /** The public copy: the text is the redacted one (a line says so). */
  redacted: boolean;
}

/** How a State is named in a sentence of the letter's language (the reference data's phrases). */
export interface AddresseePhrase {
  name: string;
  from: string;
}

/** The fixed words of a letter, per letter language (never the site's catalogue: the letter has its own). */
export interface LetterPhrases {
  /** Before the list of mandates on the letterhead (their titles are in English: no article in French or Spanish). */
  mandates: (count: number) => string;
  reference: string;
  /** The place and date line. */
  dated: (date: string) => string;
  /** The addressee of a letter to a State. */
  mission: (state: AddresseePhrase) => string[];
  subject: string;
  salutation: string;
  closing: string;
  redacted: string;
  /** The document's title (metadata and the reader's window). */
  title: (reference: string) => string;
}

/** Geneva's time zone: the IANA database names it after Zurich (there is no `Europe/Geneva`). */
const GENEVA = 'Europe/Zurich';

export const LETTER_PHRASES: Record<LetterLanguage, LetterPhrases> = {
  en: {
    mandates: (count) => (count > 1 ? 'Mandates of the' : 'Mandate of the'),
    reference: 'Reference:',
    dated: (date) => `Geneva, ${date}`,
    mission: (state) => [`Permanent Mission of ${state.name}`, 'to the United Nations Office at Geneva'],
    subject: 'Subject:',
    salutation: 'Excellency,',
    closing: 'Please accept, Excellency, the assurances of our highest consideration.',
    redacted: 'Public version: the names of victims who asked for confidentiality are withheld.',
    title: (reference) => `Letter ${reference}`,
  },
  fr: {
    mandates: (count) => (count > 1 ? 'Mandats' : 'Mandat'),
    reference: 'Référence\u00a0:',
    dated: (date) => `Genève, le ${date}`,
    mission: (state) => [`Mission permanente ${state.from}`, 'auprès de l’Office des Nations Unies à Genève'],
    subject: 'Objet\u00a0:',
    salutation: 'Excellence,',
    closing: 'Veuillez agréer, Excellence, l’assurance de notre très haute considération.',
    redacted: 'Version publique\u00a0: les noms des victimes qui ont demandé la confidentialité sont masqués.',
    title: (reference) => `Lettre ${reference}`,
  },
  es: {
    mandates: (count) => (count > 1 ? 'Mandatos' : 'Mandato'),
    reference: 'Referencia:',
    dated: (date) => `Ginebra, ${date}`,
    mission: (state) => [`Misión Permanente ${state.from}`, 'ante la Oficina de las Naciones Unidas en Ginebra'],
    subject: 'Asunto:',
    salutation: 'Excelencia:',
    closing: 'Le ruego acepte, Excelencia, la expresión de nuestra más distinguida consideración.',
    redacted: 'Versión pública: se omiten los nombres de las víctimas que pidieron la confidencialidad.',
    title: (reference) => `Carta ${reference}`,
  },
};

/** Intl locales of the letter languages: United Nations English is British (`5 December 2026`). */
const LOCALES: Record<LetterLanguage, string> = { en: 'en-GB', fr: 'fr-FR', es: 'es-ES' };

/**
 * The day of sending, written in the letter's language as in Geneva: `5 December 2026`,
 * `1er décembre 2026`, `5 de diciembre de 2026`.
 */
export function genevaDate(sentOn: string, language: LetterLanguage): string {
  // Noon UTC of the calendar day is the same day in Geneva, summer or winter.
  const instant = new Date(`${sentOn}T12:00:00Z`);
  const format = new Intl.DateTimeFormat(LOCALES[language], {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: GENEVA,
  });
  return format
    .formatToParts(instant)
    .map((part) => (language === 'fr' && part.type === 'day' && part.value === '1' ? '1er' : part.value))
    .join('');
}

/** The paragraphs of a letter's text, in order: separated by blank lines, line breaks kept inside. */
export function paragraphsOf(body: string): string[] {
  return body
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph.length > 0);
}
