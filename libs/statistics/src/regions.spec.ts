import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REGIONS, Region, regionOf, statesInRegion } from './regions';

function states(): Array<{ code: string; status: string }> {
  const [, ...lines] = readFileSync(join(__dirname, '..', '..', 'reference', 'data', 'un-member-states.tsv'), 'utf8')
    .trim()
    .split('\n');
  return lines.map((line) => {
    const [code, , status] = line.split('\t').map((cell) => cell.trim());
    return { code, status };
  });
}

describe('regionOf', () => {
  it('puts each of the 193 Member States in one of the five UN regional groups, with the known sizes', () => {
    const members = states().filter((state) => state.status === 'member');
    expect(members).toHaveLength(193);
    const sizes = new Map<Region, number>();
    for (const state of members) {
      const region = regionOf(state.code, 'OTH');
      sizes.set(region, (sizes.get(region) ?? 0) + 1);
    }
    expect(Object.fromEntries(sizes)).toEqual({
      [Region.African]: 54,
      [Region.AsiaPacific]: 54,
      [Region.EasternEuropean]: 23,
      [Region.LatinAmericanCaribbean]: 33,
      [Region.WesternEuropeanOthers]: 29,
    });
  });

  it.each([
    ['NGA', Region.African],
    ['IRN', Region.AsiaPacific],
    ['RUS', Region.EasternEuropean],
    ['BRA', Region.LatinAmericanCaribbean],
    ['CHE', Region.WesternEuropeanOthers],
    ['USA', Region.WesternEuropeanOthers],
    ['VAT', Region.NoGroup],
    ['PSE', Region.NoGroup],
    ['OTH', Region.OtherRecipients],
  ])('%s is in %s', (code, region) => {
    expect(regionOf(code, 'OTH')).toBe(region);
  });

  it('follows the configured pseudo-code of other recipients', () => {
    expect(regionOf('NSA', 'NSA')).toBe(Region.OtherRecipients);
    expect(regionOf('OTH', 'NSA')).toBe(Region.NoGroup);
  });

  it('lists the States of a region among those given', () => {
    expect(statesInRegion(Region.WesternEuropeanOthers, ['CHE', 'IRN', 'USA'], 'OTH')).toEqual(['CHE', 'USA']);
    expect(REGIONS).toHaveLength(7);
  });
});
