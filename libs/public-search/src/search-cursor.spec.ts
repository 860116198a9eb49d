import { decodeSearchCursor, encodeSearchCursor } from './search-cursor';

describe('search page cursors', () => {
  it('round-trips both sorts, ranks exactly', () => {
    const id = '3f2b6c1e-1a2b-4c3d-8e9f-0a1b2c3d4e5f';
    for (const cursor of [
      { sort: 'date' as const, sentOn: '2023-02-28', id },
      { sort: 'relevance' as const, rank: 0.060792710632085800170898, sentOn: '2023-02-28', id },
      { sort: 'relevance' as const, rank: 1e-20, sentOn: '2023-02-28', id },
    ]) {
      expect(decodeSearchCursor(encodeSearchCursor(cursor))).toEqual(cursor);
    }
  });

  it.each(['', 'garbage', Buffer.from('d|2023-02-28|not-a-uuid').toString('base64url'), Buffer.from('r||2023-02-28|3f2b6c1e-1a2b-4c3d-8e9f-0a1b2c3d4e5f').toString('base64url'), Buffer.from("d|2023-02-28' OR 1=1|x").toString('base64url')])(
    'refuses %p',
    (text) => {
      expect(decodeSearchCursor(text)).toBeNull();
    },
  );
});
