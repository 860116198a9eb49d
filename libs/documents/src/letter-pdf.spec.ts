import { LetterDocument, genevaDate, paragraphsOf } from './letter-document';
import { renderLetterPdf } from './letter-pdf';
import { flat, readPdf } from '../test/pdf-text';

const LETTER: LetterDocument = {
  language: 'en',
  reference: 'UA IRN 5/2023',
  sentOn: '2023-03-01',
  mandates: [
    'Special Rapporteur on the promotion and protection of the right to freedom of opinion and expression',
    'Special Rapporteur on the situation of human rights defenders',
  ],
  addressee: ['Permanent Mission of the Islamic Republic of Iran', 'to the United Nations Office at Geneva'],
  subject: 'Imminent execution of a journalist',
  body: [
    'Alpha paragraph: we have the honour to address you in our capacities as Special Rapporteurs.',
    'Bravo paragraph: according to the information received, the journalist was arrested on 3 January.\nA second line of the same paragraph.',
    `Charlie paragraph: ${'a long sentence that wraps over several lines of the page, '.repeat(60)}`,
    'Delta paragraph: we urge your Excellency’s Government to halt the execution.',
  ].join('\n\n'),
  signatories: [
    { name: 'Irene Khan', title: 'Special Rapporteur on freedom of opinion and expression' },
    { name: 'Mary Lawlor', title: 'Special Rapporteur on the situation of human rights defenders' },
    { name: 'Zoltán Ďurček', title: 'Special Rapporteur on the situation of human rights defenders' },
  ],
  redacted: false,
};

const textOf = async (pdf: Buffer) => (await readPdf(pdf)).text;

/** Positions of the needles in the haystack, in their order; -1 for one that is missing. */
const positions = (haystack: string, needles: string[]) => needles.map((needle) => haystack.indexOf(needle));

describe('renderLetterPdf', () => {
  it('holds the letterhead, the reference, the date in Geneva, the paragraphs in order and every signatory', async () => {
    const text = flat(await textOf(await renderLetterPdf(LETTER)));
    const expected = [
      'Mandates of the',
      LETTER.mandates[0]!,
      LETTER.mandates[1]!,
      'Reference: UA IRN 5/2023',
      'Geneva, 1 March 2023',
      'Permanent Mission of the Islamic Republic of Iran',
      'Subject: Imminent execution of a journalist',
      'Excellency,',
      'Alpha paragraph',
      'Bravo paragraph',
      'A second line of the same paragraph.',
      'Charlie paragraph',
      'Delta paragraph',
      'Please accept, Excellency, the assurances of our highest consideration.',
      'Irene Khan',
      'Mary Lawlor',
      'Zoltán Ďurček',
    ];
    const found = positions(text, expected);
    expect(found.filter((at) => at < 0)).toEqual([]);
    expect([...found].sort((a, b) => a - b)).toEqual(found);
    expect(text).not.toContain('Public version');
  });

  it.each([
    ['fr', 'Référence\u00a0: UA IRN 5/2023', 'Genève, le 1er mars 2023', 'Veuillez agréer, Excellence'],
    ['es', 'Referencia: UA IRN 5/2023', 'Ginebra, 1 de marzo de 2023', 'Le ruego acepte, Excelencia'],
  ] as const)('writes a letter in %s with its own words and date', async (language, reference, date, closing) => {
    const text = flat(await textOf(await renderLetterPdf({ ...LETTER, language })));
    const found = positions(text, [flat(reference), date, closing, 'Irene Khan']);
    expect(found.filter((at) => at < 0)).toEqual([]);
    expect([...found].sort((a, b) => a - b)).toEqual(found);
  });

  it('gives identical bytes for the same letter, and another file ID for another text', async () => {
    const [first, second] = [await renderLetterPdf(LETTER), await renderLetterPdf({ ...LETTER })];
    expect(first.equals(second)).toBe(true);
    const other = await renderLetterPdf({ ...LETTER, body: `${LETTER.body}\n\nEcho paragraph.` });
    const fileId = (pdf: Buffer) => /\/ID \[<([0-9a-f]+)>/.exec(pdf.toString('latin1'))?.[1];
    expect(fileId(first)).toMatch(/^[0-9a-f]{32}$/);
    expect(fileId(other)).not.toBe(fileId(first));
  });

  it('carries its title, language, dates of sending and a structure tree for screen readers', async () => {
    const pdf = await renderLetterPdf({ ...LETTER, language: 'fr', redacted: true });
    const reading = await readPdf(pdf);
    expect(reading.info).toMatchObject({
      Title: 'Lettre UA IRN 5/2023',
      Language: 'fr',
      CreationDate: 'D:20230301000000Z',
      ModDate: 'D:20230301000000Z',
    });
    const raw = pdf.toString('latin1');
    expect(raw).toMatch(/\/MarkInfo \d+ 0 R/);
    expect(raw).toContain('/Marked true');
    expect(raw).toContain('/Lang (fr)');
    expect(raw).toMatch(/\/StructTreeRoot \d+ 0 R/);
    expect(raw).toContain('/S /H1');
    expect(raw).toContain('/S /P');
    expect(raw).toContain('/DisplayDocTitle true');
    expect(raw).toMatch(/\/FontFile2 \d+ 0 R/);
    expect(raw).toContain('DejaVuSerif');
    expect(raw).not.toContain('Helvetica');
    expect(flat(reading.text)).toContain('Version publique');
  });
});

describe('letter words', () => {
  it('dates a letter by the Geneva calendar in its language', () => {
    expect(genevaDate('2026-12-05', 'en')).toBe('5 December 2026');
    expect(genevaDate('2026-07-01', 'fr')).toBe('1er juillet 2026');
    expect(genevaDate('2026-07-02', 'fr')).toBe('2 juillet 2026');
    expect(genevaDate('2026-01-31', 'es')).toBe('31 de enero de 2026');
  });

  it('splits a text into its paragraphs at blank lines, in order', () => {
    expect(paragraphsOf('One\r\ntwo\r\n\r\nThree\n \nFour\n\n\n')).toEqual(['One\ntwo', 'Three', 'Four']);
  });
});
