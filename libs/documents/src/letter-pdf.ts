import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { stringify } from 'safe-stable-stringify';
import { LETTER_PHRASES, LetterDocument, genevaDate, paragraphsOf } from './letter-document';

/**
 * The embedded fonts: DejaVu Serif from the `dejavu-fonts-ttf` package (never a system path), read
 * once per process. DejaVu covers the Latin, Greek and Cyrillic names a letter may hold.
 */
export interface LetterFonts {
  regular: Buffer;
  bold: Buffer;
  italic: Buffer;
}

let fonts: LetterFonts | undefined;

export function letterFonts(): LetterFonts {
  if (!fonts) {
    const file = (name: string) => readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${name}`));
    fonts = {
      regular: file('DejaVuSerif.ttf'),
      bold: file('DejaVuSerif-Bold.ttf'),
      italic: file('DejaVuSerif-Italic.ttf'),
    };
  }
  return fonts;
}

/** Mandate titles exist in English only in the reference data: marked so, inside a French or Spanish letter. */
const TITLES_LANGUAGE = 'en';

/**
 * The regular face is the document's default font (the `font` option), which pdfkit files under its
 * PostScript name: asking for that name reuses it instead of reading the file a second time.
 */
const REGULAR = 'DejaVuSerif';

const A4_MARGINS = { top: 64, bottom: 64, left: 72, right: 72 };
const SIZE = { letterhead: 10, text: 11, small: 9 };

/** The instant the document's dates say: midnight UTC of the day of sending (fixed, so the bytes are). */
export const documentDate = (sentOn: string): Date => new Date(`${sentOn}T00:00:00Z`);

/** SHA-256 of what the document shows: the same letter gives the same hash, hence the same file ID. */
export function documentHash(letter: LetterDocument): string {
  return createHash('sha256')
    .update(stringify(letter) ?? '')
    .digest('hex');
}

/**
 * Renders a sent letter as a PDF in its language (English, French or Spanish): the mandates on the
 * letterhead, the reference, the date in Geneva, the addressee, the subject, the text paragraph by
 * paragraph, the closing and every signatory's name and title. The file is tagged (a structure tree
 * of headings and paragraphs for screen readers), carries its title and language, and asks readers
 * to show the title. It is deterministic: its dates are the day of sending and its file ID derives
 * from the content, so the same letter always gives the same bytes and a published copy can be
 * checked against its hash.
 */
export function renderLetterPdf(letter: LetterDocument): Promise<Buffer> {
  const phrases = LETTER_PHRASES[letter.language];
  const { regular, bold, italic } = letterFonts();
  const date = documentDate(letter.sentOn);
  const title = phrases.title(letter.reference);
  const doc = new PDFDocument({
    size: 'A4',
    margins: A4_MARGINS,
    pdfVersion: '1.7',
    tagged: true,
    lang: letter.language,
    displayTitle: true,
    // A Buffer is accepted where the types say a path: the default font is then ours, not Helvetica.
    font: regular as unknown as string,
    info: {
      Title: title,
      Subject: letter.subject,
      Author: 'United Nations Special Procedures',
      Creator: 'spcomms',
      Producer: 'spcomms (PDFKit)',
      CreationDate: date,
      ModDate: date,
      // Not shown by readers; makes the file ID (an MD5 of the information dictionary) a function of the content.
      ContentSHA256: documentHash(letter),
    } as PDFKit.DocumentInfo,
  });
  doc.registerFont('bold', bold);
  doc.registerFont('italic', italic);

  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const width = doc.page.width - A4_MARGINS.left - A4_MARGINS.right;
  const root = doc.struct('Document');
  doc.addStructure(root);
  const block = (tag: string, draw: () => void) => root.add(doc.struct(tag, {}, draw));
  const gap = (lines: number) => doc.moveDown(lines);

  // Letterhead: the mandates, centred.
  const letterhead = doc.struct('Sect');
  root.add(letterhead);
  letterhead.add(
    doc.struct('P', {}, () => {
      doc.font(REGULAR).fontSize(SIZE.letterhead).text(phrases.mandates(letter.mandates.length), {
        align: 'center',
        width,
      });
    }),
  );
  const titles = letter.language === TITLES_LANGUAGE ? {} : { lang: TITLES_LANGUAGE };
  for (const mandate of letter.mandates) {
    letterhead.add(
      doc.struct('P', titles, () => {
        doc.font('bold').fontSize(SIZE.letterhead).text(mandate, { align: 'center', width });
      }),
    );
  }
  letterhead.end();
  gap(1.5);

  if (letter.redacted) {
    block('P', () => {
      doc.font('italic').fontSize(SIZE.small).text(phrases.redacted, { width });
    });
    gap(0.8);
  }
  block('P', () => {
    doc.font(REGULAR).fontSize(SIZE.text).text(`${phrases.reference} ${letter.reference}`, { width });
  });
  block('P', () => {
    doc.font(REGULAR).text(phrases.dated(genevaDate(letter.sentOn, letter.language)), { align: 'right', width });
  });
  gap(1);
  block('P', () => {
    doc.font(REGULAR).text(letter.addressee.join('\n'), { width });
  });
  gap(1);
  block('H1', () => {
    doc.font('bold').fontSize(SIZE.text).text(`${phrases.subject} ${letter.subject}`, { width });
  });
  gap(1);
  block('P', () => {
    doc.font(REGULAR).text(phrases.salutation, { width });
  });
  for (const paragraph of paragraphsOf(letter.body)) {
    gap(0.6);
    block('P', () => {
      doc.font(REGULAR).fontSize(SIZE.text).text(paragraph, { align: 'justify', width });
    });
  }
  gap(1);
  block('P', () => {
    doc.font(REGULAR).text(phrases.closing, { width });
  });
  gap(2);

  // The signatories, one block each: the name, then the mandate's title.
  const signatures = doc.struct('Sect');
  root.add(signatures);
  for (const signatory of letter.signatories) {
    signatures.add(
      doc.struct('P', titles, () => {
        doc.font('bold').fontSize(SIZE.text).text(signatory.name, { width });
        if (signatory.title) {
          doc.font(REGULAR).fontSize(SIZE.letterhead).text(signatory.title, { width });
        }
      }),
    );
    gap(1);
  }
  signatures.end();
  root.end();
  doc.end();
  return done;
}
