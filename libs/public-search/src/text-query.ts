/**
 * Turns what a visitor types into a PostgreSQL tsquery expression that matches the per-language
 * vectors of the published projection (see the Publication migration).
 *
 * The query is read like a web search: words are all required, `"a quoted phrase"` must appear as
 * such, `OR` between two words accepts either, `-word` excludes. Each word (or phrase) is then read
 * in the languages its script may be written in, and matches when any reading matches:
 * - Latin script: english, french and spanish (the letters' working languages), each with its
 *   stemming, so that "executions", "exécutions" and "ejecuciones" each find their own language;
 * - Cyrillic: russian; Arabic: arabic; other scripts: no stemming ('simple');
 * - Chinese, which has no spaces: character bigrams, "人权理事会" requiring the adjacent bigrams
 *   人权 权理 理事 事会 (a phrase); one character matches any bigram that starts with it.
 * A word that one of its readings drops as a stop word ("the", "of", "son") is ignored altogether;
 * otherwise English letters, whose vectors lack "the", could not match a French reading requiring it,
 * and `-again` would exclude nothing in English but everything in French.
 */

const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/gu;
const LATIN = /\p{Script=Latin}/u;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const ARABIC = /\p{Script=Arabic}/u;
const WORD = /[\p{L}\p{N}]/u;

export const MAX_QUERY_LENGTH = 500;
/** Words beyond this are ignored. */
export const MAX_QUERY_TERMS = 24;

/** Binds a value as a query parameter and answers its placeholder (`$3`). */
export type Bind = (value: unknown) => string;

export interface TextQuery {
  /** The tsquery expression, its parameters bound with `bind`. */
  expression(bind: Bind): string;
  /**
   * One word: PostgreSQL's statistics estimate its matches well. Phrases and several words are
   * estimated as if their words were independent, which they are not ("human rights defenders").
   */
  singleWord: boolean;
}

interface Term {
  text: string;
  phrase: boolean;
  negated: boolean;
}

/** The text-search configurations to read the (non-Chinese) words of a term with. */
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

/** The tsquery text matching the Chinese runs of a text as bigram phrases, or null when there are none. */
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

/** Words, "phrases", -exclusions and OR, in order. */
function tokenize(text: string): Array<Term | 'OR'> {
  const tokens: Array<Term | 'OR'> = [];
  for (const match of text.matchAll(/(-?)"([^"]*)"|(\S+)/g)) {
    if (match[3] === 'OR') {
      tokens.push('OR');
      continue;
    }
    const negated = match[1] === '-' || (match[3]?.startsWith('-') ?? false);
    const raw = match[2] ?? match[3].replace(/^-+/, '');
    const phrase = match[2] !== undefined;
    if (WORD.test(raw)) {
      tokens.push({ text: raw, phrase, negated });
    }
  }
  return tokens;
}

/** A term read in every configuration of its script, or the empty query when any reading drops it. */
function termExpression(term: Term, bind: Bind): string {
  const parts: string[] = [];
  const rest = term.text.replace(CJK, ' ').replace(/\s+/g, ' ').trim();
  const configurations = configurationsFor(rest);
  if (configurations.length > 0) {
    const value = bind(term.phrase ? `"${rest}"` : rest);
    const readings = configurations.map(
      (configuration) => `websearch_to_tsquery('pg_catalog.${configuration}', ${value})`,
    );
    parts.push(
      readings.length === 1
        ? readings[0]
        : `(CASE WHEN ${readings.map((reading) => `numnode(${reading}) = 0`).join(' OR ')} THEN ''::tsquery ELSE (${readings.join(' || ')}) END)`,
    );
  }
  const chinese = chineseTsquery(term.text);
  if (chinese) {
    parts.push(`to_tsquery('pg_catalog.simple', ${bind(chinese)})`);
  }
  return parts.length === 1 ? parts[0] : `(${parts.join(' && ')})`;
}

/** The query, or null when it holds nothing to search for. */
export function parseTextQuery(input: string | undefined): TextQuery | null {
  const tokens = tokenize((input ?? '').normalize('NFC').trim().slice(0, MAX_QUERY_LENGTH));
  // Groups of terms joined by OR; the groups are all required.
  const groups: Term[][] = [];
  let joinNext = false;
  for (const token of tokens) {
    if (token === 'OR') {
      joinNext = groups.length > 0;
      continue;
    }
    if (joinNext && !token.negated && !groups[groups.length - 1][0].negated) {
      groups[groups.length - 1].push(token);
    } else {
      groups.push([token]);
    }
    joinNext = false;
  }
  const kept = groups.slice(0, MAX_QUERY_TERMS);
  if (!kept.some((group) => !group[0].negated)) {
    return null;
  }
  return {
    singleWord: kept.length === 1 && kept[0].length === 1 && !kept[0][0].phrase && !kept[0][0].negated,
    expression: (bind) => {
      const expressions = kept.map((group) => {
        const either = group.map((term) => termExpression(term, bind));
        const expression = either.length === 1 ? either[0] : `(${either.join(' || ')})`;
        return group[0].negated ? `!!${expression}` : expression;
      });
      return expressions.length === 1 ? expressions[0] : `(${expressions.join(' && ')})`;
    },
  };
}
