/** C7: `{TYPE} {CODE} {n}/{YYYY}`, e.g. `UA IRN 5/2023`. */
export function formatReference(type: string, code: string, number: number, year: number): string {
  return `${type} ${code} ${number}/${year}`;
}

export interface ParsedReference {
  type: string;
  code: string;
  number: number;
  year: number;
}

const REFERENCE = /^([A-Z]{2,4}) ([A-Z]{3}) (\d{1,5})\/(\d{4})$/;

/** Parses a reference, including legacy types such as JUA and JAL (C8). */
export function parseReference(reference: string): ParsedReference | null {
  const match = REFERENCE.exec(reference.trim());
  if (!match || Number(match[3]) < 1) {
    return null;
  }
  return { type: match[1], code: match[2], number: Number(match[3]), year: Number(match[4]) };
}

/** The URL form of a reference: `UA IRN 5/2023` ⇄ `UA-IRN-5-2023`. */
export function referenceSlug(reference: string): string {
  return reference.replace(/[ /]/g, '-');
}

export function referenceFromSlug(slug: string): string | null {
  const match = /^([A-Z]{2,4})-([A-Z]{3})-(\d{1,5})-(\d{4})$/.exec(slug);
  return match ? `${match[1]} ${match[2]} ${match[3]}/${match[4]}` : null;
}

/**
 * A reference as people type it: `UA IRN 5/2023`, `ua irn 5 2023`, `UA-IRN-5-2023`, `UA IRN 05/2023`, or
 * without the type (`IRN 5/2023`, the type-free key of C7). Answers null when it cannot be one.
 */
export function parseLooseReference(
  input: string,
): { type: string | null; code: string; number: number; year: number } | null {
  const parts = input
    .trim()
    .toUpperCase()
    .split(/[\s/_.-]+/)
    .filter(Boolean);
  const match = /^(?:([A-Z]{2,4}) )?([A-Z]{3}) (\d{1,5}) (\d{4})$/.exec(parts.join(' '));
  if (!match || Number(match[3]) < 1) {
    return null;
  }
  return { type: match[1] ?? null, code: match[2], number: Number(match[3]), year: Number(match[4]) };
}
