/** What a part of a keyset cursor holds: an instant (ISO 8601 in UTC), a calendar day, a UUID or a text. */
export type CursorPart = 'instant' | 'day' | 'uuid' | 'text';

const PATTERNS: Record<CursorPart, (text: string) => boolean> = {
  instant: (text) => {
    const at = new Date(text);
    return !Number.isNaN(at.getTime()) && at.toISOString() === text;
  },
  day: (text) => /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(new Date(`${text}T00:00:00Z`).getTime()),
  uuid: (text) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text),
  text: (text) => text.length > 0 && text.length <= 200,
};

/** The opaque cursor of a keyset page: the sort values of the page's last item. */
export function encodeCursor(parts: string[]): string {
  return Buffer.from(JSON.stringify(parts), 'utf8').toString('base64url');
}

/** The parts of a cursor made by encodeCursor with this shape, or null when the text is not one. */
export function decodeCursor(text: string, shape: CursorPart[]): string[] | null {
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (
    !Array.isArray(parts) ||
    parts.length !== shape.length ||
    !shape.every((kind, index) => typeof parts[index] === 'string' && PATTERNS[kind](parts[index]))
  ) {
    return null;
  }
  return parts as string[];
}

/** The usual cursor: the instant and the id of the last item. */
export interface InstantCursor {
  at: Date;
  id: string;
}

export function encodeInstantCursor(cursor: InstantCursor): string {
  return encodeCursor([cursor.at.toISOString(), cursor.id]);
}

export function decodeInstantCursor(text: string): InstantCursor | null {
  const parts = decodeCursor(text, ['instant', 'uuid']);
  return parts ? { at: new Date(parts[0]), id: parts[1] } : null;
}
