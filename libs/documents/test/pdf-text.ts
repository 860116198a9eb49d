import { execFile } from 'node:child_process';

/** What pdf-parse reads from a PDF: its text (pages in order) and its information dictionary. */
export interface PdfReading {
  text: string;
  info: Record<string, unknown>;
  pages: number;
}

// pdf-parse (pdf.js) sets up its worker with a dynamic import, which jest's module system refuses:
// the PDFs are read by a plain Node.js process instead, all of one call in one process.
const READER = `
const { PDFParse } = require('pdf-parse');
let input = '';
process.stdin.on('data', (chunk) => (input += chunk));
process.stdin.on('end', async () => {
  const out = [];
  for (const base64 of JSON.parse(input)) {
    const parser = new PDFParse({ data: new Uint8Array(Buffer.from(base64, 'base64')) });
    const text = await parser.getText();
    const info = await parser.getInfo();
    await parser.destroy();
    out.push({ text: text.text, info: info.info, pages: info.total });
  }
  process.stdout.write(JSON.stringify(out));
});
`;

/** Reads PDFs with pdf-parse 2, as a reader of the file would find its text. */
export function readPdfs(pdfs: Buffer[]): Promise<PdfReading[]> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      ['-e', READER],
      { cwd: __dirname, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) {
          reject(new Error(`pdf-parse failed: ${stderr || error.message}`));
          return;
        }
        resolve(JSON.parse(stdout) as PdfReading[]);
      },
    );
    child.stdin!.end(JSON.stringify(pdfs.map((pdf) => pdf.toString('base64'))));
  });
}

export async function readPdf(pdf: Buffer): Promise<PdfReading> {
  return (await readPdfs([pdf]))[0]!;
}

/** The text with every run of white space as one space, for looking up phrases that wrap. */
export const flat = (text: string): string => text.replace(/\s+/g, ' ');
