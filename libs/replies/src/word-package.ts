import { Readable } from 'node:stream';
import { Entry, RandomAccessReader, ZipFile, fromRandomAccessReaderPromise } from 'yauzl';
import { ExecutableScanner } from './executable-scan';

/** Reads `length` bytes at `position` of the file being checked (fewer at its end). */
export type ReadAt = (position: number, length: number) => Promise<Buffer>;

/** Bytes the entries of one package may inflate to; a package beyond is refused. */
export const PACKAGE_INFLATE_BUDGET = 256 * 1024 * 1024;

/** The folders of a WordprocessingML package (ECMA-376 part 1 and the parts Word writes). */
const FOLDERS = ['_rels/', 'docProps/', 'word/', 'customXml/'];
/** What the parts in them may be: XML parts and relationships, pictures, obfuscated fonts, embedded Office Open XML documents. */
const PART_TYPES = new Set([
  'xml',
  'rels',
  'vml',
  'png',
  'jpeg',
  'jpg',
  'jpe',
  'gif',
  'bmp',
  'tif',
  'tiff',
  'emf',
  'wmf',
  'emz',
  'wmz',
  'svg',
  'wdp',
  'jxr',
  'odttf',
  'docx',
  'xlsx',
  'pptx',
]);

/** The package is not a Word document at all (then it is an unknown type, not a refused DOCX). */
export const NOT_WORD = 'not a Word document';

/**
 * Why a ZIP file is not an acceptable DOCX, or null. Read from its central directory with yauzl
 * (which refuses absolute and `..` paths): `[Content_Types].xml` and `word/document.xml` present;
 * every other entry a part of a Word document (in `_rels/`, `docProps/`, `word/` or `customXml/`,
 * of a type listed in PART_TYPES: no macros `vbaProject.bin`, no OLE objects `*.bin`, which can
 * package any program, no executable); no entry encrypted; and no executable image in any entry,
 * inflated (ExecutableScanner), within PACKAGE_INFLATE_BUDGET.
 */
export async function wordPackageRefusal(size: number, readAt: ReadAt): Promise<string | null> {
  let zip: ZipFile;
  try {
    zip = await fromRandomAccessReaderPromise(new ReadAtReader(readAt), size, {
      autoClose: false,
      strictFileNames: true,
    });
  } catch {
    return NOT_WORD;
  }
  try {
    const names = new Set<string>();
    const parts: Entry[] = [];
    for await (const entry of zip.eachEntry()) {
      names.add(entry.fileName);
      parts.push(entry);
    }
    if (!names.has('[Content_Types].xml') || !names.has('word/document.xml')) {
      return NOT_WORD;
    }
    const stranger = parts.find((entry) => !isWordPart(entry.fileName));
    if (stranger) {
      return `it carries ${JSON.stringify(stranger.fileName)}, which is not a part of a Word document`;
    }
    if (parts.some((entry) => entry.isEncrypted())) {
      return 'it has encrypted parts';
    }
    if (parts.reduce((total, entry) => total + entry.uncompressedSize, 0) > PACKAGE_INFLATE_BUDGET) {
      return 'its parts are too large to be checked';
    }
    for (const entry of parts) {
      const executable = await executableInEntry(zip, entry);
      if (executable) {
        return `its part ${JSON.stringify(entry.fileName)} is ${executable}`;
      }
    }
    return null;
  } catch {
    return 'its ZIP structure is damaged';
  } finally {
    zip.close();
  }
}

function isWordPart(name: string): boolean {
  if (name === '[Content_Types].xml') {
    return true;
  }
  if (!FOLDERS.some((folder) => name.startsWith(folder))) {
    return false;
  }
  const last = name.split('/').pop()!;
  return last === '' || PART_TYPES.has(last.split('.').pop()!.toLowerCase());
}

async function executableInEntry(zip: ZipFile, entry: Entry): Promise<string | null> {
  if (entry.fileName.endsWith('/')) {
    return null;
  }
  const scanner = new ExecutableScanner();
  for await (const chunk of await zip.openReadStreamPromise(entry)) {
    scanner.push(chunk as Buffer);
  }
  return scanner.end();
}

/** yauzl's reader over a file read through ReadAt. */
class ReadAtReader extends RandomAccessReader {
  constructor(private readonly readAt: ReadAt) {
    super();
  }

  override _readStreamForRange(start: number, end: number): Readable {
    const readAt = this.readAt;
    const chunk = 1024 * 1024;
    return Readable.from(
      (async function* () {
        for (let at = start; at < end; at += chunk) {
          yield await readAt(at, Math.min(chunk, end - at));
        }
      })(),
    );
  }
}
