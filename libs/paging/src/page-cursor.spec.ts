import { decodeCursor, decodeInstantCursor, encodeCursor, encodeInstantCursor } from './page-cursor';
import { pageOf } from './page';
import { pageSize } from './page-query.dto';

const ID = '0b6f3c1e-8d3a-4f5e-9c2b-1a2b3c4d5e6f';

describe('page cursors', () => {
  it('give back what they encode', () => {
    const at = new Date('2026-03-01T10:00:00.123Z');
    expect(decodeInstantCursor(encodeInstantCursor({ at, id: ID }))).toEqual({ at, id: ID });
    expect(decodeCursor(encodeCursor(['2026-02-28', at.toISOString(), ID]), ['day', 'instant', 'uuid'])).toEqual([
      '2026-02-28',
      at.toISOString(),
      ID,
    ]);
    expect(decodeCursor(encodeCursor(['a|b "c"', ID]), ['text', 'uuid'])).toEqual(['a|b "c"', ID]);
  });

  it.each([
    ['not base64 of a cursor', 'bm90LWEtY3Vyc29y'],
    ['an empty text', ''],
    ['a part too many', encodeCursor(['2026-03-01T10:00:00.000Z', ID, 'x'])],
    ['a time that is not UTC ISO', encodeCursor(['2026-03-01 10:00', ID])],
    ['an id that is not a UUID', encodeCursor(['2026-03-01T10:00:00.000Z', 'x'])],
    ['JSON that is not a list of texts', Buffer.from('{"at":1}').toString('base64url')],
  ])('refuse %s', (_what, text) => {
    expect(decodeInstantCursor(text)).toBeNull();
  });
});

describe('pageOf', () => {
  it('cuts the extra row and makes the cursor of the last item kept', () => {
    expect(pageOf([1, 2, 3], 2, (last) => `after ${last}`)).toEqual({ items: [1, 2], nextCursor: 'after 2' });
    expect(pageOf([1, 2], 2, (last) => `after ${last}`)).toEqual({ items: [1, 2], nextCursor: null });
    expect(pageOf([], 2, () => 'x')).toEqual({ items: [], nextCursor: null });
  });

  it('keeps the size within the limits', () => {
    expect([pageSize(undefined), pageSize(10), pageSize(500), pageSize(undefined, { default: 20, max: 100 })]).toEqual([
      50, 10, 200, 20,
    ]);
  });
});
