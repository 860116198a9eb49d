import { isCalendarDate } from '@spcomms/clock';

/** Where a page of search results ends: the sort keys of its last hit. */
export type SearchCursor = { sort: 'date'; sentOn: string; id: string } | { sort: 'relevance'; rank: number; sentOn: string; id: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeSearchCursor(cursor: SearchCursor): string {
  const parts = cursor.sort === 'date' ? ['d', cursor.sentOn, cursor.id] : ['r', String(cursor.rank), cursor.sentOn, cursor.id];
  return Buffer.from(parts.join('|'), 'utf8').toString('base64url');
}

/** The cursor, or null when the text is not one this API produced. */
export function decodeSearchCursor(text: string): SearchCursor | null {
  const parts = Buffer.from(text, 'base64url').toString('utf8').split('|');
  if (parts[0] === 'd' && parts.length === 3 && isCalendarDate(parts[1]) && UUID.test(parts[2])) {
    return { sort: 'date', sentOn: parts[1], id: parts[2] };
  }
  if (parts[0] === 'r' && parts.length === 4 && isCalendarDate(parts[2]) && UUID.test(parts[3])) {
    const rank = Number(parts[1]);
    return Number.isFinite(rank) && parts[1].trim() !== '' ? { sort: 'relevance', rank, sentOn: parts[2], id: parts[3] } : null;
  }
  return null;
}
