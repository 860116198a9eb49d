import {
  formatReference,
  parseLooseReference,
  parseReference,
  referenceFromSlug,
  referenceSlug,
} from './reference-number';

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

  it.each(['UA IRN 5/2023', 'ua irn 5 2023', 'UA-IRN-5-2023', ' Ua  Irn 05 / 2023 ', 'ua_irn_5_2023'])(
    'reads the loosely typed %p',
    (input) => {
      expect(parseLooseReference(input)).toEqual({ type: 'UA', code: 'IRN', number: 5, year: 2023 });
    },
  );

  it('reads a reference without its type, and a legacy type', () => {
    expect(parseLooseReference('irn 5/2023')).toEqual({ type: null, code: 'IRN', number: 5, year: 2023 });
    expect(parseLooseReference('JUA-CHN-12-2011')).toEqual({ type: 'JUA', code: 'CHN', number: 12, year: 2011 });
  });

  it.each(['', 'UA IRN', 'UA IRN 0/2023', 'UA IR 5/2023', 'UA IRN 5/23', 'UA IRN 5/2023 x'])('refuses %p', (input) => {
    expect(parseLooseReference(input)).toBeNull();
  });
});
