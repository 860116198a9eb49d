import { decodeSubmissionCursor, encodeSubmissionCursor } from './submission-cursor';

describe('submission list cursor', () => {
  const cursor = { receivedAt: new Date('2026-03-02T09:00:00.123Z'), id: '7f1c1f7e-3c55-4a39-9d3a-0a4a2f1e5b6c' };

  it('round-trips', () => {
    expect(decodeSubmissionCursor(encodeSubmissionCursor(cursor))).toEqual(cursor);
  });

  it.each(['', 'not-a-cursor', Buffer.from('2026-03-02T09:00:00.123Z|nope').toString('base64url'), Buffer.from('yesterday|7f1c1f7e-3c55-4a39-9d3a-0a4a2f1e5b6c').toString('base64url')])(
    'refuses %p',
    (text) => {
      expect(decodeSubmissionCursor(text)).toBeNull();
    },
  );
});
