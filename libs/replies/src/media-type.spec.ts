import { DOCX_MEDIA_TYPE, declaredTypeAgrees, sniffMediaType } from './media-type';
import { contentDisposition } from './attachment-downloads';
import { cleanFileName } from './upload-staging';

/** A ZIP archive of empty, stored entries: enough structure for the central-directory check. */
function zipOf(names: string[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const name of names) {
    const bytes = Buffer.from(name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(bytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(bytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, bytes);
    centrals.push(central, bytes);
    offset += local.length + bytes.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(names.length, 8);
  end.writeUInt16LE(names.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

function sniff(content: Buffer) {
  return sniffMediaType(content.subarray(0, 8), content.length, async (position, length) => content.subarray(position, position + length));
}

describe('media types by content', () => {
  it.each([
    ['a PDF', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n%%EOF\n', 'latin1'), 'application/pdf'],
    ['a PNG', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32)]), 'image/png'],
    ['a JPEG', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(32)]), 'image/jpeg'],
    ['a DOCX', zipOf(['[Content_Types].xml', '_rels/.rels', 'word/document.xml']), DOCX_MEDIA_TYPE],
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
    expect(contentDisposition("it's (1).pdf")).toBe(`attachment; filename="it's (1).pdf"; filename*=UTF-8''it%27s%20%281%29.pdf`);
  });
});
