import { AppConfig } from './config';

/** The languages of the site's pages (`/ar/…` … `/es/…`). */
export const PAGE_LANGUAGES = ['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const;

export type PageLanguage = (typeof PAGE_LANGUAGES)[number];

/**
 * The one place that writes an address of this installation for people outside it (e-mails, CSV
 * files): PUBLIC_BASE_URL without its trailing slash, then the path.
 */
export function publicAddress(config: AppConfig, path: string): string {
  return `${config.env.PUBLIC_BASE_URL.replace(/\/$/, '')}${path.startsWith('/') ? path : `/${path}`}`;
}

/**
 * The address of a page of the site in a person's language: `publicLink(config, '/set-password?token=x',
 * 'fr')` → `https://…/fr/set-password?token=x`. A language the site does not have gives English.
 */
export function publicLink(config: AppConfig, path: string, language?: string | null): string {
  const lang = (PAGE_LANGUAGES as readonly string[]).includes(language ?? '') ? language : 'en';
  return publicAddress(config, `/${lang}${path.startsWith('/') ? path : `/${path}`}`);
}
