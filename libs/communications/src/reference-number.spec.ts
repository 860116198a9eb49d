import { formatReference, parseReference, referenceFromSlug, referenceSlug } from './reference-number';

describe('reference numbers (C7, C8)', () => {
  it('formats the type, recipient code, number and year', () => {
    expect(formatReference('UA', 'IRN', 5, 2023)).toBe('UA IRN 5/2023');
  });

  it.each([
    ['UA IRN 5/2023', { type: 'UA', code: 'IRN', number: 5, year: 2023 }],
    ['JUA CHN 12/2011', { type: 'JUA', code: 'CHN', number: 12, year: 2011 }],
    ['AL OTH 3/2026', { type: 'AL', code: 'OTH', number: 3, year: 2026 }],
  ])('parses %s', (reference, expected) => {
    expect(parseReference(reference)).toEqual(expected);
  });

  it.each(['UA IRN 0/2023', 'UA IR 5/2023', 'ua irn 5/2023', 'UA IRN 5-2023', ''])('rejects %p', (reference) => {
    expect(parseReference(reference)).toBeNull();
  });

  it('round-trips the URL form', () => {
    expect(referenceSlug('UA IRN 5/2023')).toBe('UA-IRN-5-2023');
    expect(referenceFromSlug('UA-IRN-5-2023')).toBe('UA IRN 5/2023');
    expect(referenceFromSlug('UA-IRN-5')).toBeNull();
  });
});
