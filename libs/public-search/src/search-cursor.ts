import { isCalendarDate } from '@spcomms/clock';

/** Where a page of search results ends: the sort keys of its last hit (the keyset of the query). */
export type SearchCursor =
  { sort: 'date'; sentOn: string; id: string } | { sort: 'relevance'; rank: number; sentOn: string; id: string };

/**
 * What a page cursor's text carries: the sort keys of the last hit with its public reference in
 * place of the letter's internal id, which never leaves the API (the service finds the id again
 * from the reference when the cursor comes back).
 */
export type PageMark =
  | { sort: 'date'; sentOn: string; reference: string }
  | { sort: 'relevance'; rank: number; sentOn: string; reference: string };

const MAX_REFERENCE = 200;

export function encodeSearchCursor(mark: PageMark): string {
  const parts =
    mark.sort === 'date' ? ['d', mark.sentOn, mark.reference] : ['r', String(mark.rank), mark.sentOn, mark.reference];
  return Buffer.from(parts.join('|'), 'utf8').toString('base64url');
}

/** The mark, or null when the text is not one this API produced. */
export function decodeSearchCursor(text: string): PageMark | null {
  const [kind, ...parts] = Buffer.from(text, 'base64url').toString('utf8').split('|');
  if (kind === 'd' && parts.length >= 2 && isCalendarDate(parts[0])) {
    const reference = parts.slice(1).join('|');
    return isReference(reference) ? { sort: 'date', sentOn: parts[0], reference } : null;
  }
  if (kind === 'r' && parts.length >= 3 && isCalendarDate(parts[1])) {
    const rank = Number(parts[0]);
    const reference = parts.slice(2).join('|');
    return Number.isFinite(rank) && parts[0].trim() !== '' && isReference(reference)
      ? { sort: 'relevance', rank, sentOn: parts[1], reference }
      : null;
  }
  return null;
}

function isReference(text: string): boolean {
  return text.trim() !== '' && text.length <= MAX_REFERENCE;
}
