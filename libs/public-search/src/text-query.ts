/**
 * Turns what a visitor types into a PostgreSQL tsquery expression that matches the per-language
 * vectors of the published projection (see the Publication migration):
 * - words in Latin script are read in the letters' working languages, english, french and spanish,
 *   and the three readings are OR-ed, so that "executions", "exécutions" and "ejecuciones" each match
 *   the letters and replies of their own language with its stemming;
 * - Cyrillic words are read with russian stemming, Arabic words with arabic stemming, words of other
 *   scripts without stemming ('simple');
 * - Chinese, which has no spaces, is matched as character bigrams: "人权理事会" must contain the
 *   adjacent bigrams 人权 权理 理事 事会 (a phrase query); a single character matches any bigram that
 *   starts with it.
 * The web-search syntax applies to the non-Chinese part: "quoted phrase", OR, -excluded.
 */

const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/gu;
const LATIN = /\p{Script=Latin}/u;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const ARABIC = /\p{Script=Arabic}/u;
const WORD = /[\p{L}\p{N}]/u;

export const MAX_QUERY_LENGTH = 500;

/** Binds a value as a query parameter and answers its placeholder (`$3`). */
export type Bind = (value: unknown) => string;

export interface TextQuery {
  /** The tsquery expression, its parameters bound with `bind`. */
  expression(bind: Bind): string;
}

/** The text-search configurations to read the (non-Chinese) words of a query with. */
export function configurationsFor(text: string): string[] {
  const configurations: string[] = [];
  if (LATIN.test(text)) {
    configurations.push('english', 'french', 'spanish');
  }
  if (CYRILLIC.test(text)) {
    configurations.push('russian');
  }
  if (ARABIC.test(text)) {
    configurations.push('arabic');
  }
  if (configurations.length === 0 && WORD.test(text)) {
    configurations.push('simple');
  }
  return configurations;
}

/** The tsquery text matching the Chinese runs of a query as bigram phrases, or null when there are none. */
export function chineseTsquery(text: string): string | null {
  const runs = text.match(CJK) ?? [];
  if (runs.length === 0) {
    return null;
  }
  return runs
    .map((run) => {
      const characters = [...run];
      if (characters.length === 1) {
        return `'${characters[0]}':*`;
      }
      const bigrams = characters.slice(0, -1).map((character, index) => `'${character}${characters[index + 1]}'`);
      return bigrams.length === 1 ? bigrams[0] : `(${bigrams.join(' <-> ')})`;
    })
    .join(' & ');
}

/** The query, or null when it holds nothing to search for. */
export function parseTextQuery(input: string | undefined): TextQuery | null {
  const text = (input ?? '').normalize('NFC').trim().slice(0, MAX_QUERY_LENGTH);
  if (text === '') {
    return null;
  }
  const chinese = chineseTsquery(text);
  const rest = text.replace(CJK, ' ').replace(/\s+/g, ' ').trim();
  const configurations = configurationsFor(rest);
  if (!chinese && configurations.length === 0) {
    return null;
  }
  return {
    expression: (bind) => {
      const parts: string[] = [];
      if (configurations.length > 0) {
        const value = bind(rest);
        parts.push(`(${configurations.map((configuration) => `websearch_to_tsquery('pg_catalog.${configuration}', ${value})`).join(' || ')})`);
      }
      if (chinese) {
        parts.push(`to_tsquery('pg_catalog.simple', ${bind(chinese)})`);
      }
      return parts.length === 1 ? parts[0] : `(${parts.join(' && ')})`;
    },
  };
}
