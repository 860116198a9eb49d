import { FacetRow, SAMPLE_BUCKETS, sampleEstimate } from './facet-queries';

const rows = (total: number, buckets: number) => [
  { facet: 'total' as const, value: null, label: null, count: total },
  { facet: 'type' as const, value: 'UA', label: null, count: total },
  { facet: 'buckets' as const, value: null, label: null, count: buckets },
];

describe('sampleEstimate', () => {
  it("scales the sample's counts when they show more matches than the limit", () => {
    // 20 buckets of 1,024: each letter of the sample stands for 51.2.
    expect(sampleEstimate(rows(98, 20), 5000)).toEqual({
      rows: rows(98, 20).slice(0, 2) as FacetRow[],
      scale: SAMPLE_BUCKETS / 20,
    });
    expect(sampleEstimate(rows(3, SAMPLE_BUCKETS), 2)?.scale).toBe(1);
  });

  it('leaves the counting to the projection at or below the limit, or without a sample', () => {
    expect(sampleEstimate(rows(97, 20), 5000)).toBeNull();
    expect(sampleEstimate(rows(0, 20), 5000)).toBeNull();
    expect(sampleEstimate(rows(2, SAMPLE_BUCKETS), 2)).toBeNull();
    expect(sampleEstimate(rows(0, 0), 1)).toBeNull();
  });
});
