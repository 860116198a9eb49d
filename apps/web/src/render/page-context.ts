import { UserActor } from '@spcomms/access';
import { Catalogue, MessageValues } from '../i18n/catalogue';
import { LANGUAGES, LANGUAGE_NAMES, Language, directionOf } from '../i18n/languages';
import { Formatters } from './formatters';

/** One entry of the language switcher. */
export interface LanguageLink {
  code: Language;
  name: string;
  href: string;
  current: boolean;
}

/** What every template gets beside its own view model: the page's language and its tools. */
export interface PageContext {
  lang: Language;
  dir: 'rtl' | 'ltr';
  /** A message of the catalogue in the page's language. */
  t: (key: string, values?: MessageValues) => string;
  format: Formatters;
  /** The same page in each language. */
  languages: LanguageLink[];
  /** The hidden field every state-changing form carries. */
  csrf: string;
  /** The person logged in, if any. */
  user: Pick<UserActor, 'username' | 'role'> | null;
  /** An address of the site in the page's language: `href('/account')` → `/fr/account`. */
  href: (path: string) => string;
}

const FORMATTERS = new Map<Language, Formatters>();

/** The formatters of a language, made once (building Intl formats costs more than using them). */
function formattersOf(language: Language): Formatters {
  let formatters = FORMATTERS.get(language);
  if (!formatters) {
    formatters = new Formatters(language);
    FORMATTERS.set(language, formatters);
  }
  return formatters;
}

/**
 * The context of a page: `path` is the address after the language (`/communications?q=x`), so that
 * the language switcher keeps the page and its query.
 */
export function buildPageContext(input: {
  catalogue: Catalogue;
  lang: Language;
  path: string;
  csrf: string;
  user: UserActor | null;
}): PageContext {
  const { catalogue, lang, path, csrf, user } = input;
  const rest = path === '' ? '/' : path;
  return {
    lang,
    dir: directionOf(lang),
    t: (key, values) => catalogue.format(lang, key, values),
    format: formattersOf(lang),
    languages: LANGUAGES.map((code) => ({
      code,
      name: LANGUAGE_NAMES[code],
      href: `/${code}${rest}`,
      current: code === lang,
    })),
    csrf,
    user: user ? { username: user.username, role: user.role } : null,
    href: (to) => `/${lang}${to.startsWith('/') ? to : `/${to}`}`,
  };
}
