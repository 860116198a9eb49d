/** Keyset cursor of the submission list: the receipt time and id of the last line of a page. */
export interface SubmissionCursor {
  receivedAt: Date;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeSubmissionCursor(cursor: SubmissionCursor): string {
  return Buffer.from(`${cursor.receivedAt.toISOString()}|${cursor.id}`, 'utf8').toString('base64url');
}

/** The cursor, or null when the text is not one this API produced. */
export function decodeSubmissionCursor(text: string): SubmissionCursor | null {
  const [at, id, ...rest] = Buffer.from(text, 'base64url').toString('utf8').split('|');
  const receivedAt = new Date(at ?? '');
  if (rest.length > 0 || !id || !UUID.test(id) || Number.isNaN(receivedAt.getTime()) || receivedAt.toISOString() !== at) {
    return null;
  }
  return { receivedAt, id };
}
