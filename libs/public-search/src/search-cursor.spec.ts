import { decodeSearchCursor, encodeSearchCursor } from './search-cursor';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

describe('search page cursors', () => {
  it('round-trips both sorts, ranks exactly, legacy references included', () => {
    for (const mark of [
      { sort: 'date' as const, sentOn: '2023-02-28', reference: 'UA IRN 5/2023' },
      {
        sort: 'relevance' as const,
        rank: 0.060792710632085800170898,
        sentOn: '2023-02-28',
        reference: 'AL OTH 12/2023',
      },
      { sort: 'relevance' as const, rank: 1e-20, sentOn: '2013-02-28', reference: 'JUA G/SO 214 (53-24) | IRN 5/2012' },
    ]) {
      const text = encodeSearchCursor(mark);
      expect(decodeSearchCursor(text)).toEqual(mark);
      expect(Buffer.from(text, 'base64url').toString('utf8')).not.toMatch(UUID);
    }
  });

  it.each([
    '',
    'garbage',
    Buffer.from('d|2023-02-28|').toString('base64url'),
    Buffer.from('r||2023-02-28|UA IRN 5/2023').toString('base64url'),
    Buffer.from("d|2023-02-28' OR 1=1|x").toString('base64url'),
    Buffer.from(`d|2023-02-28|${'x'.repeat(201)}`).toString('base64url'),
  ])('refuses %p', (text) => {
    expect(decodeSearchCursor(text)).toBeNull();
  });
});
