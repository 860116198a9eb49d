import { deflateSync } from 'node:zlib';
import { DOCX_MEDIA_TYPE, attachmentRefusal, declaredTypeAgrees, sniffMediaType } from './media-type';
import { contentDisposition } from './attachment-downloads';
import { cleanFileName } from './upload-staging';
import { windowsExecutable, zipOf } from '../test/zip-of';

const readerOf = (content: Buffer) => async (position: number, length: number) =>
  content.subarray(position, position + length);
const sniff = (content: Buffer) => sniffMediaType(content.subarray(0, 8), content.length, readerOf(content));
const refusal = async (content: Buffer) =>
  (await attachmentRefusal(content.subarray(0, 8), content.length, readerOf(content))).refusal;

const WORD_PARTS = ['[Content_Types].xml', '_rels/.rels', 'word/document.xml'];
/** A PDF with the given objects, one per line. */
const pdfWith = (...objects: Array<string | Buffer>) =>
  Buffer.concat([
    Buffer.from('%PDF-1.7\n', 'latin1'),
    ...objects.map((object) => Buffer.concat([Buffer.from(object), Buffer.from('\n')])),
    Buffer.from('%%EOF\n'),
  ]);
/** A PDF stream object holding `content` compressed with Flate. */
const flateStream = (content: string | Buffer) =>
  Buffer.concat([
    Buffer.from('4 0 obj\n<< /Type /ObjStm /Filter /FlateDecode >>\nstream\n', 'latin1'),
    deflateSync(content),
    Buffer.from('\nendstream\nendobj', 'latin1'),
  ]);

describe('media types by content', () => {
  it.each([
    ['a PDF', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n%%EOF\n', 'latin1'), 'application/pdf'],
    [
      'a PNG',
      Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32)]),
      'image/png',
    ],
    ['a JPEG', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(32)]), 'image/jpeg'],
    ['a DOCX', zipOf(WORD_PARTS), DOCX_MEDIA_TYPE],
    [
      'a DOCX with pictures, fonts, properties, custom XML and an embedded spreadsheet',
      zipOf([
        ...WORD_PARTS,
        'word/_rels/document.xml.rels',
        'word/media/image1.png',
        'word/fonts/font1.odttf',
        'word/embeddings/Sheet1.xlsx',
        'docProps/core.xml',
        'customXml/item1.xml',
        'word/theme/',
      ]),
      DOCX_MEDIA_TYPE,
    ],
    [
      'a PDF with a compressed page',
      pdfWith(
        '1 0 obj\n<< /Type /Catalog /OpenAction 2 0 R >>\nendobj',
        flateStream('BT /F1 12 Tf (Launch the reply) Tj ET'),
      ),
      'application/pdf',
    ],
    [
      'a PNG whose bytes happen to hold MZ and ELF without their headers',
      Buffer.concat([
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
        Buffer.from('MZ\u007fELF'),
        Buffer.alloc(200),
      ]),
      'image/png',
    ],
  ])('recognises %s', async (_name, content, expected) => {
    await expect(sniff(content)).resolves.toBe(expected);
  });

  it.each([
    ['a Windows executable renamed .pdf', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64)])],
    ['a ZIP that is not a Word document', zipOf(['[Content_Types].xml', 'xl/workbook.xml'])],
    ['a ZIP without its end record', zipOf(['[Content_Types].xml', 'word/document.xml']).subarray(0, 60)],
    ['a text file', Buffer.from('Dear Special Rapporteur, …')],
    ['an empty file', Buffer.alloc(0)],
    ['a PDF signature not at the start', Buffer.from(' %PDF-1.4')],
  ])('refuses %s', async (_name, content) => {
    await expect(sniff(content)).resolves.toBeNull();
  });

  it.each([
    [
      'a DOCX carrying payload/evil.exe',
      zipOf([...WORD_PARTS, ['payload/evil.exe', windowsExecutable()]]),
      'it carries "payload/evil.exe", which is not a part of a Word document',
    ],
    [
      'a DOCX carrying a program as a picture',
      zipOf([...WORD_PARTS, ['word/media/image1.png', windowsExecutable()]]),
      'its part "word/media/image1.png" is a Windows executable',
    ],
    [
      'a DOCX with macros',
      zipOf([...WORD_PARTS, 'word/vbaProject.bin']),
      'it carries "word/vbaProject.bin", which is not a part of a Word document',
    ],
    [
      'a DOCX with an OLE object',
      zipOf([...WORD_PARTS, 'word/embeddings/oleObject1.bin']),
      'it carries "word/embeddings/oleObject1.bin", which is not a part of a Word document',
    ],
    [
      'a DOCX with a part outside the package',
      zipOf([...WORD_PARTS, 'word/../../evil.xml']),
      'its ZIP structure is damaged',
    ],
    [
      'a PDF carrying a Windows executable',
      pdfWith('1 0 obj\n<<>>\nendobj', windowsExecutable()),
      'it carries a Windows executable',
    ],
    [
      'a PDF carrying an ELF executable',
      pdfWith(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0])),
      'it carries an ELF executable',
    ],
    [
      'a PDF with an attached file',
      pdfWith('1 0 obj\n<< /Type /EmbeddedFile /Length 3 >>\nstream\nabc\nendstream\nendobj'),
      'it embeds a file',
    ],
    ['a PDF with a launch action', pdfWith('1 0 obj\n<< /S /Launch /F (cmd.exe) >>\nendobj'), 'it has a launch action'],
    [
      'a PDF with a launch action in hex escapes',
      pdfWith('1 0 obj\n<< /S /La#75nch /F (cmd.exe) >>\nendobj'),
      'it has a launch action',
    ],
    [
      'a PDF with a file attachment hidden in a compressed object stream',
      pdfWith(flateStream('<< /Type /Filespec /EF << /F 5 0 R >> >> << /Type /EmbeddedFile >>')),
      'it embeds a file',
    ],
    [
      'a PDF with a Windows executable compressed in a stream',
      pdfWith(flateStream(windowsExecutable())),
      'it carries a Windows executable',
    ],
    [
      'a JPEG followed by a Windows executable',
      Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(100), windowsExecutable()]),
      'it carries a Windows executable',
    ],
  ])('refuses %s, saying why', async (_name, content, why) => {
    await expect(refusal(content)).resolves.toBe(why);
    await expect(sniff(content)).resolves.toBeNull();
  });

  it('accepts a generic or matching declared type and refuses a contradicting one', () => {
    expect(declaredTypeAgrees(undefined, 'application/pdf')).toBe(true);
    expect(declaredTypeAgrees('application/octet-stream', 'application/pdf')).toBe(true);
    expect(declaredTypeAgrees('Application/PDF; name=x', 'application/pdf')).toBe(true);
    expect(declaredTypeAgrees('image/jpg', 'image/jpeg')).toBe(true);
    expect(declaredTypeAgrees('application/pdf', 'image/png')).toBe(false);
    expect(declaredTypeAgrees('application/x-msdownload', 'application/pdf')).toBe(false);
  });
});

describe('file names', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\mission\\note verbale.pdf', 'note verbale.pdf'],
    ['réponse "finale"\u0000.pdf', 'réponse finale.pdf'],
    ['.hidden', 'hidden'],
    ['', 'attachment'],
    [undefined, 'attachment'],
    ['///', 'attachment'],
    ['invoice\u202Efdp.exe', 'invoicefdp.exe'],
    ['\u2067report\u2069\u200E\u200F\u061C\u202A\u202B\u202C\u202D.pdf', 'report.pdf'],
    ['تقرير.pdf', 'تقرير.pdf'],
  ])('cleans %j to %j', (given, expected) => {
    expect(cleanFileName(given)).toBe(expected);
  });

  it('keeps at most 200 characters', () => {
    expect(cleanFileName('a'.repeat(500))).toHaveLength(200);
  });

  it('sends a name in a Content-Disposition that cannot break the header', () => {
    expect(contentDisposition('ответ правительства.pdf')).toBe(
      `attachment; filename="_____ _____________.pdf"; filename*=UTF-8''${encodeURIComponent('ответ правительства.pdf')}`,
    );
    expect(contentDisposition("it's (1).pdf")).toBe(
      `attachment; filename="it's (1).pdf"; filename*=UTF-8''it%27s%20%281%29.pdf`,
    );
  });
});
