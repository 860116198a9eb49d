import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import { LANGUAGES, Language } from './languages';

export type MessageValues = Record<string, string | number | Date | boolean | null | undefined>;

/** Where the catalogues are: `<dir>/<lang>/<namespace>.json`, flat keys, ICU messages. */
export const MESSAGES_DIR = join(__dirname, 'messages');

export type Messages = Record<string, string>;

/** Reads every namespace file of every language: `{ en: { common: { key: message } } }`. */
export function readCatalogues(dir = MESSAGES_DIR): Record<Language, Record<string, Messages>> {
  const result = {} as Record<Language, Record<string, Messages>>;
  for (const language of LANGUAGES) {
    result[language] = {};
    for (const file of readdirSync(join(dir, language))
      .filter((name) => name.endsWith('.json'))
      .sort()) {
      result[language][file.replace(/\.json$/, '')] = JSON.parse(readFileSync(join(dir, language, file), 'utf8'));
    }
  }
  return result;
}

/**
 * The messages of the site in its six languages. Messages are compiled on first use and kept; a key
 * missing from a catalogue (which the catalogue test forbids) shows as the key itself, never a crash.
 */
export class Catalogue {
  private readonly messages: Record<Language, Map<string, string>>;
  private readonly compiled = new Map<string, IntlMessageFormat>();
  /** Messages without values, written once: they always write the same text. */
  private readonly plain = new Map<string, string>();

  constructor(dir = MESSAGES_DIR) {
    const all = readCatalogues(dir);
    this.messages = {} as Record<Language, Map<string, string>>;
    for (const language of LANGUAGES) {
      this.messages[language] = new Map(Object.values(all[language]).flatMap((namespace) => Object.entries(namespace)));
    }
  }

  has(language: Language, key: string): boolean {
    return this.messages[language].has(key);
  }

  format(language: Language, key: string, values?: MessageValues): string {
    const cacheKey = `${language}\u0000${key}`;
    if (values === undefined) {
      // Without values a message always writes the same text.
      const text = this.plain.get(cacheKey);
      if (text !== undefined) {
        return text;
      }
    }
    let message = this.compiled.get(cacheKey);
    if (!message) {
      const source = this.messages[language].get(key);
      if (source === undefined) {
        return key;
      }
      message = new IntlMessageFormat(source, language);
      this.compiled.set(cacheKey, message);
    }
    const text = String(message.format(values as Record<string, string | number | Date>));
    if (values === undefined) {
      this.plain.set(cacheKey, text);
    }
    return text;
  }
}
