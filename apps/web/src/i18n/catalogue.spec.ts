import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { TYPE, parse } from '@formatjs/icu-messageformat-parser';
import { Catalogue, MESSAGES_DIR, readCatalogues } from './catalogue';
import { LANGUAGES, negotiateLanguage } from './languages';

type Element = ReturnType<typeof parse>[number];

/** The placeholders of a message (with their kind: plain, number, date, plural, select…). */
function placeholders(elements: Element[], found = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.literal || element.type === TYPE.pound) {
      continue;
    }
    if (element.type === TYPE.tag) {
      placeholders(element.children, found);
      continue;
    }
    found.add(`${element.value}:${TYPE[element.type]}`);
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      for (const option of Object.values(element.options)) {
        placeholders(option.value, found);
      }
    }
  }
  return found;
}

/**
 * The plural categories each language needs (Arabic six, Russian four…), from the CLDR rules. French
 * and Spanish `many` (a million and more: « 1 000 000 de lettres ») may fall back to `other`.
 */
function pluralCategories(language: string): string[] {
  const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories as string[];
  return language === 'fr' || language === 'es' ? categories.filter((category) => category !== 'many') : categories;
}

function pluralProblems(elements: Element[], language: string): string[] {
  const problems: string[] = [];
  for (const element of elements) {
    if (element.type === TYPE.plural && element.pluralType === 'cardinal') {
      const given = Object.keys(element.options).filter((key) => !key.startsWith('='));
      const missing = pluralCategories(language).filter((category) => !given.includes(category));
      if (missing.length > 0) {
        problems.push(`{${element.value}, plural} lacks ${missing.join(', ')}`);
      }
    }
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      for (const option of Object.values(element.options)) {
        problems.push(...pluralProblems(option.value, language));
      }
    }
    if (element.type === TYPE.tag) {
      problems.push(...pluralProblems(element.children, language));
    }
  }
  return problems;
}

describe('the message catalogues', () => {
  const catalogues = readCatalogues();
  const namespaces = readdirSync(join(MESSAGES_DIR, 'en')).filter((name) => name.endsWith('.json'));

  it('exist for the six languages, with the same namespace files', () => {
    for (const language of LANGUAGES) {
      expect(
        readdirSync(join(MESSAGES_DIR, language))
          .filter((name) => name.endsWith('.json'))
          .sort(),
      ).toEqual([...namespaces].sort());
    }
    expect(namespaces).toContain('common.json');
  });

  it.each(namespaces.map((file) => file.replace(/\.json$/, '')))(
    '%s: every key in every language, with the same placeholders, every plural form, messages that parse',
    (namespace) => {
      const problems: string[] = [];
      const english = catalogues.en[namespace] ?? {};
      for (const language of LANGUAGES) {
        const messages = catalogues[language][namespace] ?? {};
        for (const key of Object.keys(english)) {
          if (!(key in messages)) {
            problems.push(`${language}/${namespace}: missing ${key}`);
          }
        }
        for (const [key, message] of Object.entries(messages)) {
          if (!(key in english)) {
            problems.push(`${language}/${namespace}: ${key} is not in the English catalogue`);
            continue;
          }
          if (typeof message !== 'string' || message.trim() === '') {
            problems.push(`${language}/${namespace}: ${key} is empty`);
            continue;
          }
          let parsed: Element[];
          try {
            parsed = parse(message);
          } catch (error) {
            problems.push(`${language}/${namespace}: ${key} does not parse (${String(error)})`);
            continue;
          }
          const expected = [...placeholders(parse(english[key]!))].sort();
          const given = [...placeholders(parsed)].sort();
          if (JSON.stringify(given) !== JSON.stringify(expected)) {
            problems.push(`${language}/${namespace}: ${key} has {${given}} where English has {${expected}}`);
          }
          problems.push(
            ...pluralProblems(parsed, language).map((problem) => `${language}/${namespace}: ${key} ${problem}`),
          );
        }
      }
      expect(problems).toEqual([]);
    },
  );

  it('keys are unique across namespaces (one flat key space per language)', () => {
    const seen = new Map<string, string>();
    const clashes: string[] = [];
    for (const [namespace, messages] of Object.entries(catalogues.en)) {
      for (const key of Object.keys(messages)) {
        if (seen.has(key)) {
          clashes.push(`${key} in ${seen.get(key)} and ${namespace}`);
        }
        seen.set(key, namespace);
      }
    }
    expect(clashes).toEqual([]);
  });

  it('formats with ICU plurals in the language of the page', () => {
    const sut = new Catalogue();
    expect(sut.format('en', 'layout.accountLink', { username: 'amina' })).toBe('Account: amina');
    expect(sut.format('fr', 'no.such.key')).toBe('no.such.key');
  });
});

describe('language negotiation', () => {
  it.each([
    ['fr-CH, fr;q=0.9, en;q=0.8', 'fr'],
    ['de-DE, ru;q=0.5, en;q=0.7', 'en'],
    ['zh-Hant-TW', 'zh'],
    ['ar-EG;q=0.1, de', 'ar'],
    ['', 'en'],
    ['*', 'en'],
    ['es;q=0, fr;q=0.1', 'fr'],
  ])('%s → %s', (header, expected) => {
    expect(negotiateLanguage(header)).toBe(expected);
  });
});
