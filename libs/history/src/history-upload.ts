import { HistoryErrorCode, HistoryException } from './history.exception';

/** A part of a multipart/form-data request, as the HTTP layer streams it. */
export interface UploadPart {
  type: 'file' | 'field';
  fieldname: string;
  file?: AsyncIterable<Buffer | string>;
}

/** The import file as the API received it: a text/csv body, or a multipart form with the file `file`. */
export type HistoryUpload = { kind: 'body'; body: unknown } | { kind: 'multipart'; parts: AsyncIterable<UploadPart> };

/** The multipart field that carries the CSV file. */
export const HISTORY_FILE_FIELD = 'file';

function tooLarge(maxBytes: number): HistoryException {
  return new HistoryException(HistoryErrorCode.FileTooLarge, `The import file exceeds ${maxBytes} bytes; split it`, {
    maxBytes,
  });
}

function decode(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new HistoryException(HistoryErrorCode.NotUtf8, 'The import file must be encoded in UTF-8');
  }
}

async function readFile(stream: AsyncIterable<Buffer | string>, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += bytes.length;
    if (size > maxBytes) {
      throw tooLarge(maxBytes);
    }
    chunks.push(bytes);
  }
  return Buffer.concat(chunks);
}

/**
 * The CSV text of an upload: the body of a text/csv request, or the one file `file` of a multipart
 * form (no other part allowed). UTF-8 only; at most `maxBytes`.
 */
export async function readHistoryUpload(upload: HistoryUpload, maxBytes: number): Promise<string> {
  if (upload.kind === 'body') {
    const body = upload.body;
    if (!Buffer.isBuffer(body) && typeof body !== 'string') {
      throw new HistoryException(
        HistoryErrorCode.UnsupportedMedia,
        'Send the file as a text/csv body, or as the file `file` of a multipart/form-data form',
      );
    }
    const bytes = typeof body === 'string' ? Buffer.from(body) : body;
    if (bytes.length > maxBytes) {
      throw tooLarge(maxBytes);
    }
    return decode(bytes);
  }
  let file: Buffer | null = null;
  for await (const part of upload.parts) {
    if (part.type !== 'file' || part.fieldname !== HISTORY_FILE_FIELD || file !== null || !part.file) {
      throw new HistoryException(
        HistoryErrorCode.UnexpectedPart,
        `The form carries one file, named "${HISTORY_FILE_FIELD}", and nothing else (got ${part.type} "${part.fieldname}")`,
      );
    }
    file = await readFile(part.file, maxBytes);
  }
  if (file === null) {
    throw new HistoryException(HistoryErrorCode.UnexpectedPart, `The form lacks the file "${HISTORY_FILE_FIELD}"`);
  }
  return decode(file);
}
