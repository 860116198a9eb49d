import { AttachmentMediaType } from './reply-attachment.entity';

export const DOCX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Bytes of the start of a file that `sniffMediaType` needs. */
export const SNIFF_HEAD_BYTES = 8;

const PDF = Buffer.from('%PDF-', 'latin1');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff]);
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** Reads `length` bytes at `position` of the file being checked (fewer at its end). */
export type ReadAt = (position: number, length: number) => Promise<Buffer>;

/**
 * The accepted type of a file, recognised from its content (magic bytes), or null.
 * A DOCX is a ZIP archive whose central directory names `word/document.xml` and `[Content_Types].xml`.
 */
export async function sniffMediaType(head: Buffer, size: number, readAt: ReadAt): Promise<AttachmentMediaType | null> {
  if (startsWith(head, PDF)) {
    return 'application/pdf';
  }
  if (startsWith(head, PNG)) {
    return 'image/png';
  }
  if (startsWith(head, JPEG)) {
    return 'image/jpeg';
  }
  if (startsWith(head, ZIP) && (await isWordDocument(size, readAt))) {
    return DOCX_MEDIA_TYPE;
  }
  return null;
}

/** Whether a declared (client-given) type is compatible with the recognised one. */
export function declaredTypeAgrees(declared: string | undefined, detected: AttachmentMediaType): boolean {
  const type = (declared ?? '').split(';')[0].trim().toLowerCase();
  if (type === '' || type === 'application/octet-stream') {
    return true;
  }
  return type === detected || (detected === 'image/jpeg' && type === 'image/jpg');
}

function startsWith(buffer: Buffer, prefix: Buffer): boolean {
  return buffer.length >= prefix.length && buffer.subarray(0, prefix.length).equals(prefix);
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const EOCD_MIN = 22;
const MAX_COMMENT = 0xffff;
const MAX_CENTRAL_DIRECTORY = 4 * 1024 * 1024;

/** Reads the ZIP central directory (from the end-of-central-directory record) and looks for the parts of a DOCX. */
async function isWordDocument(size: number, readAt: ReadAt): Promise<boolean> {
  if (size < EOCD_MIN) {
    return false;
  }
  const tailLength = Math.min(size, EOCD_MIN + MAX_COMMENT);
  const tail = await readAt(size - tailLength, tailLength);
  let eocd = -1;
  for (let at = tail.length - EOCD_MIN; at >= 0; at -= 1) {
    if (tail.readUInt32LE(at) === EOCD_SIGNATURE) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) {
    return false;
  }
  const entries = tail.readUInt16LE(eocd + 10);
  const directorySize = tail.readUInt32LE(eocd + 12);
  const directoryOffset = tail.readUInt32LE(eocd + 16);
  if (directorySize === 0 || directorySize > MAX_CENTRAL_DIRECTORY || directoryOffset + directorySize > size) {
    return false;
  }
  const directory = await readAt(directoryOffset, directorySize);
  const names = new Set<string>();
  let at = 0;
  for (let index = 0; index < entries && at + 46 <= directory.length; index += 1) {
    if (directory.readUInt32LE(at) !== CENTRAL_SIGNATURE) {
      return false;
    }
    const nameLength = directory.readUInt16LE(at + 28);
    const extraLength = directory.readUInt16LE(at + 30);
    const commentLength = directory.readUInt16LE(at + 32);
    names.add(directory.subarray(at + 46, at + 46 + nameLength).toString('utf8'));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names.has('[Content_Types].xml') && names.has('word/document.xml');
}
