import { pooledRandomBytes } from './random-pool';

describe('pooled random bytes', () => {
  it('hands out each drawn byte once, across batches', () => {
    const tokens = Array.from({ length: 1000 }, () => pooledRandomBytes(32).toString('hex'));
    expect(new Set(tokens).size).toBe(1000);
    expect(tokens.every((token) => token.length === 64)).toBe(true);
  });

  it('serves sizes larger than a batch directly', () => {
    expect(pooledRandomBytes(10_000)).toHaveLength(10_000);
  });
});
