import { Formatters } from './formatters';

describe('Formatters', () => {
  const en = new Formatters('en');
  const fr = new Formatters('fr');
  const ar = new Formatters('ar');

  it('writes shares as whole percentages in the page’s language, and – when unknown', () => {
    expect(en.percent(0.254)).toBe('25%');
    expect(en.percent(0.255)).toBe('26%');
    expect(en.percent(1)).toBe('100%');
    expect(fr.percent(0.5)).toMatch(/^50\s%$/);
    expect(ar.percent(0.5)).toMatch(/^50\D*%\D*$/);
    expect(en.percent(null)).toBe('–');
    expect(en.percent(undefined)).toBe('–');
  });

  it('writes sizes in bytes, kB with one decimal at most, and MB', () => {
    expect(en.bytes(512)).toBe('512 byte');
    expect(en.bytes(12_340)).toBe('12.3 kB');
    expect(en.bytes(12_000)).toBe('12 kB');
    expect(en.bytes(2_500_000)).toBe('2.5 MB');
    expect(fr.bytes(12_340)).toMatch(/^12,3\sko$/);
  });
});
