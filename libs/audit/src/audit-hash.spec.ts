import {
  ContentFields,
  HashedFields,
  anchorHash,
  auditHash,
  chainHash,
  compareHeads,
  contentDigest,
  headsDigest,
} from './audit-hash';

const event: HashedFields = {
  seq: '7',
  occurredAt: new Date('2026-03-02T09:00:00.000Z'),
  actorType: 'assistant',
  actorId: '6f1d2c3b-0000-4000-8000-000000000001',
  actorLabel: 'a.assistant',
  action: 'communication.update',
  subjectType: 'communication',
  subjectId: 'c-1',
  before: { title: 'Old', tags: ['a', 'b'] },
  after: { title: 'New', tags: ['a', 'b'] },
  prevHash: 'a'.repeat(64),
};

describe('auditHash', () => {
  it('hashes as the events of the global chain were hashed when written (their verification depends on it)', () => {
    const event = {
      seq: '42',
      occurredAt: new Date('2026-01-02T03:04:05Z'),
      actorType: 'user',
      actorId: 'u1',
      actorLabel: 'A',
      action: 'x.y',
      subjectType: 'communication',
      subjectId: 's1',
      before: { a: 1 },
      after: null,
      prevHash: 'abc',
    };
    expect(auditHash(event)).toBe('d0479d4ca0298bd47bb157e87177d58bed63de40b96c3bc6c273ba6c8bdbf2c6');
  });

  it('is a SHA-256 hex digest, the same for the same event', () => {
    expect(auditHash(event)).toMatch(/^[0-9a-f]{64}$/);
    expect(auditHash({ ...event })).toBe(auditHash(event));
  });

  it('does not depend on the order of keys (jsonb reorders them)', () => {
    const reordered = { ...event, before: { tags: ['a', 'b'], title: 'Old' } };
    expect(auditHash(reordered)).toBe(auditHash(event));
  });

  it('treats a missing before/after as null', () => {
    expect(auditHash({ ...event, before: undefined })).toBe(auditHash({ ...event, before: null }));
  });

  it.each<[keyof HashedFields, unknown]>([
    ['seq', '8'],
    ['occurredAt', new Date('2026-03-02T09:00:00.001Z')],
    ['actorType', 'admin'],
    ['actorId', null],
    ['actorLabel', 'someone.else'],
    ['action', 'communication.delete'],
    ['subjectType', 'reply'],
    ['subjectId', 'c-2'],
    ['before', { title: 'Old', tags: ['b', 'a'] }],
    ['after', { title: 'Newer', tags: ['a', 'b'] }],
    ['prevHash', 'b'.repeat(64)],
  ])('changes when %s changes', (field, value) => {
    expect(auditHash({ ...event, [field]: value })).not.toBe(auditHash(event));
  });

  it('accepts a bigint-like seq given as a number', () => {
    expect(auditHash({ ...event, seq: 7 as unknown as string })).toBe(auditHash(event));
  });
});

describe('the subject chains', () => {
  const content: ContentFields = { ...event };

  it('digests the content without its place, whatever the order of keys', () => {
    expect(contentDigest({ ...content, seq: '99', prevHash: null } as ContentFields)).toBe(contentDigest(content));
    expect(contentDigest({ ...content, before: { tags: ['a', 'b'], title: 'Old' } })).toBe(contentDigest(content));
    expect(contentDigest({ ...content, after: { title: 'Newer', tags: ['a', 'b'] } })).not.toBe(contentDigest(content));
  });

  it('links an event to its previous hash, its place and its content', () => {
    const link = chainHash('a'.repeat(64), '2', 'c'.repeat(64));
    expect(link).toMatch(/^[0-9a-f]{64}$/);
    expect(chainHash(null, '1', 'c'.repeat(64))).not.toBe(chainHash('a'.repeat(64), '1', 'c'.repeat(64)));
    expect(chainHash('a'.repeat(64), '3', 'c'.repeat(64))).not.toBe(link);
    expect(chainHash('a'.repeat(64), '2', 'd'.repeat(64))).not.toBe(link);
  });

  it('lists the heads of an anchor in the byte order of their subjects', () => {
    const head = (subjectType: string, subjectId: string) => ({ subjectType, subjectId, seq: '1', hash: 'h' });
    const heads = [head('user', 'b'), head('communication', 'z'), head('user', 'B'), head('user', 'é')];
    expect(heads.sort(compareHeads).map((h) => `${h.subjectType}/${h.subjectId}`)).toEqual([
      'communication/z',
      'user/B',
      'user/b',
      'user/é',
    ]);
    expect(headsDigest(heads)).not.toBe(headsDigest([...heads].reverse()));
  });

  it('hashes an anchor over its place, time, heads and the anchor before it', () => {
    const anchor = {
      seq: '4',
      anchoredAt: new Date('2026-03-02T09:00:00Z'),
      heads: 2,
      headsDigest: 'd',
      prevHash: 'p',
    };
    expect(anchorHash({ ...anchor })).toBe(anchorHash(anchor));
    for (const change of [{ seq: '5' }, { heads: 3 }, { headsDigest: 'e' }, { prevHash: null }]) {
      expect(anchorHash({ ...anchor, ...change })).not.toBe(anchorHash(anchor));
    }
  });
});
