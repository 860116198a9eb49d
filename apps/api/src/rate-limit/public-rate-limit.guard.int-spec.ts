import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import { AppConfig } from '@spcomms/config';
import { RedisClient } from '@spcomms/redis';
import { TestContext, createTestContext } from '@spcomms/testing';
import { MAX_RESERVED, PUBLIC_RATE_LIMIT_METADATA, PublicRateLimitGuard } from './public-rate-limit.guard';
import { RateLimitedException } from './rate-limited.exception';

const LIMIT = 40;

/** The rate limit of public routes, over the real Redis, as seen by two API processes. */
describe('public rate limit', () => {
  let context: TestContext;
  let redis: RedisClient;
  const handler = () => undefined;
  Reflect.defineMetadata(PUBLIC_RATE_LIMIT_METADATA, { bucket: 'public' }, handler);

  beforeAll(async () => {
    context = await createTestContext({ env: { PUBLIC_RATE_LIMIT: String(LIMIT) } });
    redis = context.get(RedisClient);
  });
  afterAll(() => context.close());
  afterEach(() => jest.restoreAllMocks());

  /** A guard as one API process holds it. */
  const apiProcess = () => new PublicRateLimitGuard(new Reflector(), redis, context.get(AppConfig));
  const requestFrom = (ip: string) =>
    ({
      getHandler: () => handler,
      getClass: () => Object,
      switchToHttp: () => ({ getRequest: () => ({ ip }) }),
    }) as unknown as ExecutionContext;
  /** Whether the guard serves the request (false: refused with 429). */
  const served = async (guard: PublicRateLimitGuard, ip: string) => {
    try {
      return await guard.canActivate(requestFrom(ip));
    } catch (error) {
      if (error instanceof RateLimitedException) {
        return false;
      }
      throw error;
    }
  };
  const counted = async (ip: string) => Number((await redis.redis.get(`${redis.prefix}:rate:public:${ip}`)) ?? 0);

  it('serves the limit and refuses the rest, having counted every request in Redis before serving it', async () => {
    const sut = apiProcess();
    const answers: boolean[] = [];
    /** After each request served: how many were served, and how many Redis had counted. */
    const counts: Array<{ served: number; counted: number }> = [];
    for (let i = 0; i < LIMIT + 5; i++) {
      answers.push(await served(sut, '192.0.2.1'));
      counts.push({ served: answers.filter(Boolean).length, counted: await counted('192.0.2.1') });
    }
    expect(counts.filter((count) => count.counted < count.served)).toEqual([]);
    expect(answers.slice(0, LIMIT).every(Boolean)).toBe(true);
    expect(answers.slice(LIMIT).some(Boolean)).toBe(false);
    await expect(sut.canActivate(requestFrom('192.0.2.1'))).rejects.toMatchObject({
      details: { retryAfterSeconds: expect.any(Number) },
    });
    expect(await served(sut, '192.0.2.2')).toBe(true);
  });

  it('counts the requests of an address a few at a time, not one round trip to Redis each', async () => {
    const consume = jest.spyOn(RateLimiterRedis.prototype, 'consume');
    const sut = apiProcess();
    for (let i = 0; i < 30; i++) {
      expect(await served(sut, '192.0.2.3')).toBe(true);
    }
    expect(consume.mock.calls.length).toBeLessThanOrEqual(8);
    expect(Math.max(...consume.mock.calls.map((call) => Number(call[1])))).toBeLessThanOrEqual(MAX_RESERVED);
    expect(await counted('192.0.2.3')).toBeGreaterThanOrEqual(30);
  });

  it('serves requests that arrive together with one count', async () => {
    const consume = jest.spyOn(RateLimiterRedis.prototype, 'consume');
    const sut = apiProcess();
    const answers = await Promise.all(Array.from({ length: 10 }, () => served(sut, '192.0.2.4')));
    expect(answers.every(Boolean)).toBe(true);
    expect(consume.mock.calls.length).toBeLessThan(10);
    expect(await counted('192.0.2.4')).toBeGreaterThanOrEqual(10);
  });

  it('counts the next requests of a busy address before they come, so that they do not wait for Redis', async () => {
    const sut = apiProcess();
    for (let i = 0; i < 6; i++) {
      expect(await served(sut, '192.0.2.6')).toBe(true);
    }
    // Every count made so far has come back (Redis answers one connection's commands in order).
    await redis.redis.ping();
    const consume = RateLimiterRedis.prototype.consume;
    let release = () => {};
    const redisAnswers = new Promise<void>((resolve) => (release = resolve));
    const counts = jest.spyOn(RateLimiterRedis.prototype, 'consume').mockImplementation(async function (
      this: RateLimiterRedis,
      ...args: Parameters<RateLimiterRedis['consume']>
    ) {
      await redisAnswers;
      return consume.apply(this, args);
    });
    /** Whether the request is served before the event loop turns, that is without waiting for Redis. */
    const servedAtOnce = () =>
      Promise.race([served(sut, '192.0.2.6'), new Promise<'waiting'>((resolve) => setImmediate(resolve, 'waiting'))]);
    const answers: Array<boolean | 'waiting'> = [];
    while (counts.mock.calls.length === 0 && answers.length < 20) {
      answers.push(await servedAtOnce());
    }
    // The count started while requests were still counted: the one after it is served at once as well.
    answers.push(await servedAtOnce());
    release();
    expect(counts).toHaveBeenCalledTimes(1);
    expect(answers.every((answer) => answer === true)).toBe(true);
    expect(await counted('192.0.2.6')).toBeGreaterThanOrEqual(6 + answers.length);
  });

  it('never serves an address more than the limit across processes', async () => {
    const processes = [apiProcess(), apiProcess()];
    let servedCount = 0;
    for (let i = 0; i < 2 * LIMIT; i++) {
      servedCount += (await served(processes[i % 2], '192.0.2.5')) ? 1 : 0;
    }
    // What one process counted and did not serve may make the other refuse a little early, never late.
    expect(servedCount).toBeLessThanOrEqual(LIMIT);
    expect(servedCount).toBeGreaterThanOrEqual(LIMIT - MAX_RESERVED);
  });
});
