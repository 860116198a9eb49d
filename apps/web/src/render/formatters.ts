import countries from 'i18n-iso-countries';
import { LANGUAGES, Language } from '../i18n/languages';

for (const language of LANGUAGES) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  countries.registerLocale(require(`i18n-iso-countries/langs/${language}.json`));
}

/** The calendar of the project: dates are days in Geneva. */
const TIME_ZONE = 'Europe/Zurich';

/** The locale Intl formats in: Arabic pages write digits as the UN's Arabic documents do (0–9). */
export function localeOf(language: Language): string {
  return language === 'ar' ? 'ar-u-nu-latn' : language;
}

/** Days remembered per language, written: twenty years of them. */
const REMEMBERED_DAYS = 7500;

/** Dates and numbers in the page's language, from Intl, never written by hand per language. */
export class Formatters {
  private readonly dates: Intl.DateTimeFormat;
  private readonly dateTimes: Intl.DateTimeFormat;
  private readonly numbers: Intl.NumberFormat;
  private readonly percents: Intl.NumberFormat;
  private readonly sizes: Record<'byte' | 'kilobyte' | 'megabyte', Intl.NumberFormat>;
  /** Days already written (`2026-03-02` → `2 March 2026`). */
  private readonly days = new Map<string, string>();

  constructor(readonly language: Language) {
    const locale = localeOf(language);
    this.dates = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: TIME_ZONE });
    this.dateTimes = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: TIME_ZONE });
    this.numbers = new Intl.NumberFormat(locale);
    // Made once per language, as the others: a statistics page writes a share for each of 193 States,
    // and making an Intl format costs some 30 µs, using one well under 1 µs.
    this.percents = new Intl.NumberFormat(locale, { style: 'percent' });
    const size = (unit: string, maximumFractionDigits?: number) =>
      new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits });
    this.sizes = { byte: size('byte'), kilobyte: size('kilobyte', 1), megabyte: size('megabyte', 1) };
  }

  /** A calendar day (`2026-03-02` or a Date) as the language writes it. */
  date(value: string | Date | null | undefined): string {
    if (value === null || value === undefined || value === '') {
      return '';
    }
    if (typeof value === 'string') {
      // Days repeat from page to page, and Intl's formatting costs microseconds a call.
      let written = this.days.get(value);
      if (written === undefined) {
        written = this.formatDate(value);
        if (this.days.size >= REMEMBERED_DAYS) {
          this.days.clear();
        }
        this.days.set(value, written);
      }
      return written;
    }
    return this.formatDate(value);
  }

  private formatDate(value: string | Date): string {
    const date =
      typeof value === 'string' ? new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T12:00:00Z` : value) : value;
    return Number.isNaN(date.getTime()) ? String(value) : this.dates.format(date);
  }

  /** An instant, with its time in Geneva. */
  dateTime(value: string | Date | null | undefined): string {
    if (value === null || value === undefined || value === '') {
      return '';
    }
    const date = typeof value === 'string' ? new Date(value) : value;
    return Number.isNaN(date.getTime()) ? String(value) : this.dateTimes.format(date);
  }

  /** A State's name in the page's language from its ISO alpha-3 code; `fallback` for other recipients. */
  country(code: string, fallback: string): string {
    const alpha2 = countries.alpha3ToAlpha2(code);
    return (alpha2 && countries.getName(alpha2, this.language, { select: 'official' })) || fallback;
  }

  number(value: number | null | undefined): string {
    return value === null || value === undefined ? '' : this.numbers.format(value);
  }

  /** A share (0.25) as a whole percentage in the page's language (`25%`, `25 %` in French); `–` when unknown. */
  percent(share: number | null | undefined): string {
    return share === null || share === undefined ? '–' : this.percents.format(share);
  }

  /** A size in bytes, in kB or MB, in the page's language. */
  bytes(value: number): string {
    if (value < 1000) {
      return this.sizes.byte.format(value);
    }
    return value < 1_000_000 ? this.sizes.kilobyte.format(value / 1000) : this.sizes.megabyte.format(value / 1_000_000);
  }
}
