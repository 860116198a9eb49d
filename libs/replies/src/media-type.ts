import { findExecutable } from './executable-scan';
import { pdfRefusal } from './pdf-inspection';
import { AttachmentMediaType } from './reply-attachment.entity';
import { NOT_WORD, ReadAt, wordPackageRefusal } from './word-package';

export type { ReadAt } from './word-package';

export const DOCX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Bytes of the start of a file that `sniffMediaType` needs. */
export const SNIFF_HEAD_BYTES = 8;

const PDF = Buffer.from('%PDF-', 'latin1');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff]);
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/**
 * The accepted type of a file, recognised from its content (magic bytes), or null: also null when
 * what is inside the file is not what its format allows (an executable, or for a PDF an embedded file
 * or a launch action, see `pdfRefusal`; for a DOCX a part that is not one of a Word document, see
 * `wordPackageRefusal`). `attachmentRefusal` says why.
 */
export async function sniffMediaType(head: Buffer, size: number, readAt: ReadAt): Promise<AttachmentMediaType | null> {
  const { mediaType, refusal } = await attachmentRefusal(head, size, readAt);
  return refusal ? null : mediaType;
}

/** The type recognised from a file's first bytes and why its content is refused (null when accepted). */
export async function attachmentRefusal(
  head: Buffer,
  size: number,
  readAt: ReadAt,
): Promise<{ mediaType: AttachmentMediaType | null; refusal: string | null }> {
  const mediaType = recognise(head);
  if (!mediaType) {
    return { mediaType, refusal: 'its type is not accepted' };
  }
  if (mediaType === DOCX_MEDIA_TYPE) {
    const refusal = await wordPackageRefusal(size, readAt);
    if (refusal === NOT_WORD) {
      return { mediaType: null, refusal: 'its type is not accepted' };
    }
    if (refusal) {
      return { mediaType, refusal };
    }
  }
  // Every file is read once whole (at most ATTACHMENT_MAX_BYTES): an executable hidden in or after a picture, a PDF or a ZIP.
  const content = await readAt(0, size);
  const executable = findExecutable(content);
  if (executable) {
    return { mediaType, refusal: `it carries ${executable}` };
  }
  return { mediaType, refusal: mediaType === 'application/pdf' ? await pdfRefusal(content) : null };
}

function recognise(head: Buffer): AttachmentMediaType | null {
  if (startsWith(head, PDF)) {
    return 'application/pdf';
  }
  if (startsWith(head, PNG)) {
    return 'image/png';
  }
  if (startsWith(head, JPEG)) {
    return 'image/jpeg';
  }
  return startsWith(head, ZIP) ? DOCX_MEDIA_TYPE : null;
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
