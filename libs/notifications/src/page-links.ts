import { AppConfig, publicLink } from '@spcomms/config';
import { MAIL_LANGUAGES, MailLanguage, perLanguage } from './mail-templates';

/**
 * A link to a page of the site for a message whose recipients read different languages: one address
 * per mail language (`link.en`, `link.fr`, `link.es`), so that each recipient's e-mail opens the page
 * in their language.
 */
export function pageLinks(config: AppConfig, path: string, name = 'link'): Record<string, string> {
  return perLanguage(
    name,
    Object.fromEntries(MAIL_LANGUAGES.map((language) => [language, publicLink(config, path, language)])) as Record<
      MailLanguage,
      string
    >,
  );
}
