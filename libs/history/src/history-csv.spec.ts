import { HistoryDocumentError, readHistoryDocument } from './history-csv';

const HEADER = 'reference,type,recipient,sent_on,lead_mandate,subject';

describe('readHistoryDocument', () => {
  it('reads the letters section and the replies section after the [replies] row', () => {
    const text = [
      HEADER,
      'JUA IRN 5/2013,UA,IRN,2013-02-14,EXPRESSION,"A subject, with a comma"',
      '',
      '[replies],,,',
      'reference,received_on,language,confidential,text',
      'JUA IRN 5/2013,2013-04-02,en,false,Reply',
    ].join('\r\n');
    const { document, problems } = readHistoryDocument(text);
    expect(problems).toEqual([]);
    expect(document.letters.rows).toEqual([
      {
        row: 2,
        line: 2,
        values: {
          reference: 'JUA IRN 5/2013',
          type: 'UA',
          recipient: 'IRN',
          sent_on: '2013-02-14',
          lead_mandate: 'EXPRESSION',
          subject: 'A subject, with a comma',
        },
      },
    ]);
    expect(document.replies.rows).toEqual([
      {
        row: 6,
        line: 6,
        values: {
          reference: 'JUA IRN 5/2013',
          received_on: '2013-04-02',
          language: 'en',
          confidential: 'false',
          text: 'Reply',
        },
      },
    ]);
  });

  it('numbers rows as a spreadsheet does and gives the first line of a cell spanning lines', () => {
    const text = `\uFEFF${HEADER}\nJUA IRN 5/2013,UA,IRN,2013-02-14,EXPRESSION,"two\nlines"\nAL IRN 6/2013,AL,IRN,2013-03-01,IRN,Third`;
    const { document } = readHistoryDocument(text);
    expect(document.letters.rows.map(({ row, line }) => ({ row, line }))).toEqual([
      { row: 2, line: 2 },
      { row: 3, line: 4 },
    ]);
  });

  it('accepts header names in any case, with spaces, and an opening [letters] row', () => {
    const { document, problems } = readHistoryDocument(
      '[letters]\nReference,Type,Recipient,Sent On,Lead-Mandate,SUBJECT\nAL CAN 1/2020,AL,CAN,2020-01-02,HOUSING,Subject',
    );
    expect(problems).toEqual([]);
    expect(document.letters.columns).toEqual(['reference', 'type', 'recipient', 'sent_on', 'lead_mandate', 'subject']);
    expect(document.letters.rows[0].values.sent_on).toBe('2020-01-02');
  });

  it('reports unknown, repeated and missing columns on the header row', () => {
    const { problems } = readHistoryDocument('reference,type,recipient,sent_on,subject,subject,colour\nx,x,x,x,x,x,x');
    expect(problems.map(({ row, column, code }) => ({ row, column, code }))).toEqual([
      { row: 1, column: 'subject', code: 'column.duplicate' },
      { row: 1, column: 'colour', code: 'column.unknown' },
      { row: 1, column: 'lead_mandate', code: 'column.missing' },
    ]);
  });

  it('reports a row with more cells than the header', () => {
    const { problems } = readHistoryDocument(`${HEADER}\nAL CAN 1/2020,AL,CAN,2020-01-02,HOUSING,Subject,stray`);
    expect(problems).toEqual([expect.objectContaining({ section: 'letters', row: 2, code: 'row.extra_cells' })]);
  });

  it('reports a replies section without a header', () => {
    const { problems } = readHistoryDocument(`${HEADER}\nAL CAN 1/2020,AL,CAN,2020-01-02,HOUSING,Subject\n[replies]\n`);
    expect(problems).toEqual([expect.objectContaining({ section: 'replies', row: 3, code: 'column.header_missing' })]);
  });

  it('refuses text that is not CSV, and a file without letters', () => {
    const unclosed = (() => {
      try {
        readHistoryDocument(`${HEADER}\n"unclosed,AL`);
        return null;
      } catch (error) {
        return error;
      }
    })();
    expect(unclosed).toBeInstanceOf(HistoryDocumentError);
    expect((unclosed as HistoryDocumentError).problems[0]).toMatchObject({ section: 'file', code: 'csv.malformed' });
    expect(() => readHistoryDocument('\n\n')).toThrow('The file holds no letters');
    expect(readHistoryDocument(HEADER).problems).toEqual([expect.objectContaining({ code: 'file.empty' })]);
  });
});
