import { estimate } from './public-search.service';

describe('estimate', () => {
  it('scales a count of the sample to two significant digits', () => {
    expect(estimate(6249, 50)).toBe(310_000);
    expect(estimate(123, 20)).toBe(2_500);
    expect(estimate(3, 20)).toBe(60);
    expect(estimate(7, 1.5)).toBe(11);
  });

  it('never turns a letter found into none, nor none into one', () => {
    expect(estimate(1, 0.4)).toBe(1);
    expect(estimate(0, 50)).toBe(0);
  });
});
