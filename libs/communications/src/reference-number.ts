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
