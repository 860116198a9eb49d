import { HashedFields, auditHash } from './audit-hash';

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
