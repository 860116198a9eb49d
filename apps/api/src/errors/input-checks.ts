import { InputProblem } from '@spcomms/errors';

/**
 * Checks every request input goes through before any DTO sees it: JSON nesting depth (checked on the
 * text, before parsing), text that PostgreSQL cannot store (NUL) or that is not well-formed Unicode
 * (lone surrogates), and numbers outside what the database columns hold.
 */

/** Deepest nesting of arrays and objects accepted in a JSON body; no DTO of the API needs more than a few levels. */
export const MAX_JSON_DEPTH = 64;

/**
 * Most values (array elements and object members, counted by their separators) accepted in one JSON
 * body: a letter with hundreds of victims holds a few thousand; validating a body costs time in
 * proportion to its values, so a body of 200 KB of `0,` (100,000 values) cannot hold the event loop.
 */
export const MAX_JSON_VALUES = 10_000;

/** Largest magnitude of a number in any input: PostgreSQL's `integer`. No quantity of the API needs more. */
export const MAX_INPUT_NUMBER = 2_147_483_647;

const OPEN_BRACKET = 0x5b;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACKET = 0x5d;
const CLOSE_BRACE = 0x7d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;

/** What a JSON body has too much of, found on its text before parsing: nesting, or values. */
export type JsonExcess = 'depth' | 'values' | null;

/**
 * Whether the JSON text nests arrays and objects deeper than `maxDepth`, or holds more than
 * `maxValues` values: one linear scan of the characters, skipping string contents, so a hostile body
 * costs no more than its length (bodies are limited to 1 MiB).
 */
export function jsonExcess(text: string, maxDepth = MAX_JSON_DEPTH, maxValues = MAX_JSON_VALUES): JsonExcess {
  let depth = 0;
  let separators = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (char === BACKSLASH) {
        index++;
      } else if (char === QUOTE) {
        inString = false;
      }
    } else if (char === QUOTE) {
      inString = true;
    } else if (char === COMMA) {
      if (++separators >= maxValues) {
        return 'values';
      }
    } else if (char === OPEN_BRACKET || char === OPEN_BRACE) {
      if (++depth > maxDepth) {
        return 'depth';
      }
    } else if (char === CLOSE_BRACKET || char === CLOSE_BRACE) {
      depth--;
    }
  }
  return null;
}

/** What is wrong with a piece of text, if anything. */
export function textProblem(field: string, text: string): InputProblem | undefined {
  if (text.includes('\u0000')) {
    return { field, constraint: 'noNul', message: `${field} must not contain the NUL character (U+0000)` };
  }
  if (!text.isWellFormed()) {
    return {
      field,
      constraint: 'wellFormed',
      message: `${field} must be well-formed Unicode text (it holds a lone surrogate)`,
    };
  }
  return undefined;
}

declare global {
  interface String {
    /** String.prototype.isWellFormed (Node 20), not yet in the TypeScript lib this project targets. */
    isWellFormed(): boolean;
  }
}

function join(parent: string, key: string): string {
  return parent ? `${parent}.${key}` : key;
}

/**
 * Every text of a parsed input (strings and property names, at any depth) that cannot be stored or is
 * not well-formed Unicode. Buffers (raw uploads) are left to their own parsers.
 */
export function findTextProblems(value: unknown, parent = ''): InputProblem[] {
  return hasTextProblems(value) ? textProblems(value, parent) : [];
}

function textProblems(value: unknown, parent: string): InputProblem[] {
  if (typeof value === 'string') {
    const problem = textProblem(parent || 'value', value);
    return problem ? [problem] : [];
  }
  if (Array.isArray(value)) {
    return value.flatMap((item, index) => textProblems(item, join(parent, String(index))));
  }
  if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) {
    return Object.entries(value).flatMap(([key, item]) => {
      const name = textProblem(join(parent, key), key);
      return name
        ? [{ ...name, message: `the property name ${JSON.stringify(key)} is not acceptable: ${name.message}` }]
        : textProblems(item, join(parent, key));
    });
  }
  return [];
}

/**
 * Whether findTextProblems would find anything, walking the input as it does without making a path or
 * a list for each value: the answer for nearly every request, which holds no such text.
 */
export function hasTextProblems(value: unknown): boolean {
  if (typeof value === 'string') {
    return !isStorableText(value);
  }
  if (Array.isArray(value)) {
    return value.some(hasTextProblems);
  }
  if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) {
    for (const key in value) {
      if (
        Object.hasOwn(value, key) &&
        (!isStorableText(key) || hasTextProblems((value as Record<string, unknown>)[key]))
      ) {
        return true;
      }
    }
  }
  return false;
}

const isStorableText = (text: string): boolean => !text.includes('\u0000') && text.isWellFormed();

/** Every number of a (validated) input outside ±MAX_INPUT_NUMBER, or not finite, at any depth. */
export function findNumberProblems(value: unknown, parent = ''): InputProblem[] {
  if (typeof value === 'number') {
    const field = parent || 'value';
    return Number.isFinite(value) && Math.abs(value) <= MAX_INPUT_NUMBER
      ? []
      : [
          {
            field,
            constraint: 'inRange',
            message: `${field} must be between -${MAX_INPUT_NUMBER} and ${MAX_INPUT_NUMBER}`,
          },
        ];
  }
  if (Array.isArray(value)) {
    return value.flatMap((item, index) => findNumberProblems(item, join(parent, String(index))));
  }
  if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value) && !(value instanceof Date)) {
    return Object.entries(value).flatMap(([key, item]) => findNumberProblems(item, join(parent, key)));
  }
  return [];
}
