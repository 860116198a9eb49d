import { MAIL_LANGUAGES, MailLanguage, MailTemplate, MailText } from './mail-kinds';
import { MAIL_TEXTS } from './mail-texts';

export * from './mail-kinds';
export { MAIL_TEXTS } from './mail-texts';

const PLACEHOLDER = /\{\{(\w+)\}\}/g;

/** The text of one kind of e-mail in one language; throws when the catalogue lacks it. */
export function mailText(template: MailTemplate, language: MailLanguage): MailText {
  const text = MAIL_TEXTS[language]?.templates[template];
  if (!text) {
    throw new MailTemplateError(`Mail template ${template} has no text in ${language}`);
  }
  return text;
}

/** The parameter names a template uses (the same in every language; a unit test checks it). */
export function templateParams(template: MailTemplate, language: MailLanguage = 'en'): string[] {
  const { subject, body } = mailText(template, language);
  return [...new Set([...`${subject}\n${body}`.matchAll(PLACEHOLDER)].map((match) => match[1]))].sort();
}

export function isMailTemplate(name: string): name is MailTemplate {
  return Object.values(MailTemplate).includes(name as MailTemplate);
}

export class MailTemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MailTemplateError';
  }
}

/**
 * Days and instants in e-mails are written for the reader, in the calendar and clock of Geneva
 * (the IANA zone of Geneva is Europe/Zurich; "Europe/Geneva" is no zone name Intl knows).
 */
export const MAIL_TIME_ZONE = 'Europe/Zurich';

const CALENDAR_DAY = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * The two date formats of each mail language, made once: an Intl.DateTimeFormat costs far more to make
 * than to use, and a transmission renders its e-mail while it holds its recipient's counter.
 */
const DATE_FORMATS = new Map<MailLanguage, { day: Intl.DateTimeFormat; instant: Intl.DateTimeFormat }>();

function dateFormatsOf(language: MailLanguage): { day: Intl.DateTimeFormat; instant: Intl.DateTimeFormat } {
  let formats = DATE_FORMATS.get(language);
  if (!formats) {
    const { locale } = MAIL_TEXTS[language];
    formats = {
      day: new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }),
      instant: new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: MAIL_TIME_ZONE }),
    };
    DATE_FORMATS.set(language, formats);
  }
  return formats;
}

/**
 * A parameter as the reader should see it: a calendar day (`2026-12-05`) as a long date of the
 * language ("5 December 2026", "5 décembre 2026", "2026年12月5日"), an instant as its day and time in
 * Geneva with the time zone said; any other value as given.
 */
export function readableValue(value: string, language: MailLanguage): string {
  if (CALENDAR_DAY.test(value)) {
    return dateFormatsOf(language).day.format(new Date(`${value}T00:00:00Z`));
  }
  if (INSTANT.test(value) && !Number.isNaN(Date.parse(value))) {
    return `${dateFormatsOf(language).instant.format(new Date(value))} (${MAIL_TEXTS[language].genevaTime})`;
  }
  return value;
}

/**
 * Parameters that differ by language (a State's name with its article and prepositions, a link to a
 * page in the reader's language) are given once per language as `name.ar` … `name.es`; the others
 * once, as `name`.
 */
export function perLanguage(name: string, values: Record<MailLanguage, string>): Record<string, string> {
  return Object.fromEntries(MAIL_LANGUAGES.map((language) => [`${name}.${language}`, values[language]]));
}

/** One value per mail language, made by `make`. */
export function byMailLanguage(make: (language: MailLanguage) => string): Record<MailLanguage, string> {
  return Object.fromEntries(MAIL_LANGUAGES.map((language) => [language, make(language)])) as Record<
    MailLanguage,
    string
  >;
}

function paramOf(params: Record<string, string>, name: string, language: MailLanguage): string | undefined {
  const value = params[`${name}.${language}`] ?? params[name];
  return typeof value === 'string' ? value : undefined;
}

/** Renders a template; throws when it is unknown or a parameter is missing. */
export function renderMail(template: string, language: MailLanguage, params: Record<string, string>): MailText {
  if (!isMailTemplate(template)) {
    throw new MailTemplateError(`Unknown mail template ${template}`);
  }
  const text = mailText(template, language);
  const missing = templateParams(template, language).filter((name) => paramOf(params, name, language) === undefined);
  if (missing.length > 0) {
    throw new MailTemplateError(`Mail template ${template} needs parameter(s): ${missing.join(', ')}`);
  }
  const fill = (value: string) =>
    value.replace(PLACEHOLDER, (_, name: string) => readableValue(paramOf(params, name, language) as string, language));
  // A subject is one line: a parameter with a line break must not inject headers.
  return {
    subject: fill(text.subject).replace(/[\r\n]+/g, ' '),
    body: fill(text.body) + MAIL_TEXTS[language].footer,
  };
}
