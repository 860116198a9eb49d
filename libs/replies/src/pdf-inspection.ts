import { promisify } from 'node:util';
import { constants, inflate } from 'node:zlib';
import { ExecutableScanner } from './executable-scan';

const inflateAsync = promisify(inflate);

/** Bytes all the Flate streams of one PDF may inflate to; a PDF beyond cannot be checked and is refused. */
export const PDF_INFLATE_BUDGET = 256 * 1024 * 1024;

/**
 * PDF names that embed a file or start a program: file attachments (`/EmbeddedFile`, the
 * `/EmbeddedFiles` name tree, `/FileAttachment` annotations) and launch actions (`/Launch`).
 */
const FORBIDDEN_NAMES = new Set(['Launch', 'EmbeddedFile', 'EmbeddedFiles', 'FileAttachment']);
const NAME = /\/((?:[A-Za-z0-9_.+-]|#[0-9A-Fa-f]{2})+)/g;
const STREAM = /stream\r?\n/g;

/**
 * Why a PDF is refused, or null. Checked in the file's own bytes and in every Flate-compressed
 * stream (object streams included), inflated: no executable image (see ExecutableScanner), no name
 * that embeds a file or launches a program (hex escapes such as `/La#75nch` decoded). Streams with
 * other filters are not decoded.
 */
export async function pdfRefusal(content: Buffer): Promise<string | null> {
  const text = content.toString('latin1');
  const raw = refusalIn(content, text);
  if (raw) {
    return raw;
  }
  let budget = PDF_INFLATE_BUDGET;
  for (const match of text.matchAll(STREAM)) {
    const start = match.index + match[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) {
      break;
    }
    const inflated = await inflateStream(content.subarray(start, end), budget);
    if (inflated === 'too large') {
      return 'its compressed streams are too large to be checked';
    }
    if (inflated) {
      budget -= inflated.length;
      const found = refusalIn(inflated, inflated.toString('latin1'));
      if (found) {
        return found;
      }
    }
  }
  return null;
}

function refusalIn(bytes: Buffer, text: string): string | null {
  const scanner = new ExecutableScanner();
  scanner.push(bytes);
  const executable = scanner.end();
  if (executable) {
    return `it carries ${executable}`;
  }
  for (const [, name] of text.matchAll(NAME)) {
    const decoded = name.replace(/#([0-9A-Fa-f]{2})/g, (_hex, code: string) => String.fromCharCode(parseInt(code, 16)));
    if (FORBIDDEN_NAMES.has(decoded)) {
      return decoded === 'Launch' ? 'it has a launch action' : 'it embeds a file';
    }
  }
  return null;
}

/** The inflated bytes of a stream, null when it is not Flate-compressed, 'too large' beyond the budget. */
async function inflateStream(data: Buffer, budget: number): Promise<Buffer | null | 'too large'> {
  // A zlib stream starts with CMF (method 8, deflate; window size up to 32 KiB) and FLG, the pair a multiple of 31.
  if (data.length < 2 || (data[0] & 0x0f) !== 8 || data[0] >> 4 > 7 || ((data[0] << 8) | data[1]) % 31 !== 0) {
    return null;
  }
  try {
    // Z_SYNC_FLUSH: a stream without its end is read as far as it goes.
    return await inflateAsync(data, { maxOutputLength: Math.max(1, budget), finishFlush: constants.Z_SYNC_FLUSH });
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' ? 'too large' : null;
  }
}
