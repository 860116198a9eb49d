/** The languages of the site, in the order the language switcher shows them (the UN's order). */
export const LANGUAGES = ['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const;

export type Language = (typeof LANGUAGES)[number];

/** Each language's name in itself, for the language switcher. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  ar: 'العربية',
  zh: '中文',
  en: 'English',
  fr: 'Français',
  ru: 'Русский',
  es: 'Español',
};

/** The cookie that remembers the language a person chose. */
export const LANGUAGE_COOKIE = 'lang';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export function directionOf(language: Language): 'rtl' | 'ltr' {
  return language === 'ar' ? 'rtl' : 'ltr';
}

/**
 * The language to answer in from an Accept-Language header: the first of the site's languages by the
 * header's weights (a region, `fr-CH`, counts for its language), English when none matches.
 */
export function negotiateLanguage(header: string | undefined): Language {
  const wanted = (header ?? '')
    .split(',')
    .map((part, index) => {
      const [range, ...parameters] = part.trim().split(';');
      const q = parameters.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const weight = q ? Number(q.slice(2)) : 1;
      return { language: (range ?? '').trim().toLowerCase().split('-')[0], weight, index };
    })
    .filter((entry) => entry.language && Number.isFinite(entry.weight) && entry.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  return wanted.map((entry) => entry.language).find(isLanguage) ?? 'en';
}

/** The language of a page address, `/fr/…`, or null when the address is not a page's. */
export function languageOfPath(url: string): Language | null {
  const first = url.split('?')[0]!.split('/')[1];
  return isLanguage(first) ? first : null;
}

/**
 * The home page is `/{lang}/`; the router knows it as `/{lang}` (the routes of a controller have no
 * trailing slash), so the server reads the one as the other.
 */
export function rewriteHomeUrl(url: string): string {
  const match = /^\/(ar|zh|en|fr|ru|es)\/(\?.*)?$/.exec(url);
  return match ? `/${match[1]}${match[2] ?? ''}` : url;
}
