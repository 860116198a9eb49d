import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { FastifyRequest } from 'fastify';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { AppConfig } from '@spcomms/config';
import { RedisClient } from '@spcomms/redis';
import { RateLimitedException } from './rate-limited.exception';

export const PUBLIC_RATE_LIMIT_METADATA = 'spcomms:public-rate-limit';

export interface PublicRateLimitOptions {
  /** Routes naming the same bucket share one count per client address. */
  bucket: string;
}

const WINDOW_SECONDS = 60;
/** A read is served while its count is on the way only when at least this many requests were left at the last count. */
const HEADROOM = 3;
/** Addresses whose last count is remembered (per process); beyond, the memory starts again. */
const REMEMBERED_ADDRESSES = 10_000;
/** Buckets whose routes hold a database connection for long (exports): always counted first. */
const COUNTED_FIRST = new Set(['public-export']);

/** The count of a request still on its way from Redis (see PublicRateLimitGuard); the interceptor settles it. */
export interface PendingRateLimit {
  /** Resolves when the request is within the limit; rejects with RateLimitedException otherwise. */
  decision: Promise<void>;
}

export const PENDING_RATE_LIMIT = Symbol('spcomms:pending-rate-limit');

export type RateLimitedRequest = FastifyRequest & { [PENDING_RATE_LIMIT]?: PendingRateLimit };

const refusal = (rejection: unknown): unknown =>
  rejection instanceof RateLimiterRes ? new RateLimitedException(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000))) : rejection;

/**
 * Allows PUBLIC_RATE_LIMIT requests per minute and client address on a route, counted in Redis so
 * that the limit holds across every API process. Should Redis fail, each process falls back to a
 * count in memory rather than refusing or letting everything through.
 *
 * Every request is counted, and refused with 429 when the count says so. A read (GET) from an address
 * that had requests to spare at its last count is served while its count travels to Redis and back
 * (PublicRateLimitInterceptor waits for the count before answering), so that the count does not add
 * a round trip to the answer; other requests, and reads from addresses near their limit or not seen
 * yet by this process, wait for the count first, so that a refused request does no work.
 */
@Injectable()
export class PublicRateLimitGuard implements CanActivate {
  private readonly limiters = new Map<string, RateLimiterRedis>();
  /** Requests left at the last count, per bucket and address, less the reads served since. */
  private readonly headroom = new Map<string, number>();

  constructor(
    private readonly reflector: Reflector,
    private readonly redis: RedisClient,
    private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const options = this.reflector.getAllAndOverride<PublicRateLimitOptions | undefined>(PUBLIC_RATE_LIMIT_METADATA, [
      context.getHandler(),
      context.getClass(),
    ]);
    const bucket = options?.bucket ?? 'public';
    const request = context.switchToHttp().getRequest<RateLimitedRequest>();
    const key = `${bucket}\u0000${request.ip}`;
    const counted = this.limiter(bucket)
      .consume(request.ip)
      .then(
        (result) => this.remember(key, result),
        (rejection: unknown) => {
          if (rejection instanceof RateLimiterRes) {
            this.remember(key, rejection);
          }
          throw refusal(rejection);
        },
      );
    const left = this.headroom.get(key) ?? 0;
    if (request.method === 'GET' && !COUNTED_FIRST.has(bucket) && left >= HEADROOM) {
      this.headroom.set(key, left - 1);
      counted.catch(() => undefined);
      request[PENDING_RATE_LIMIT] = { decision: counted };
      return true;
    }
    await counted;
    return true;
  }

  private remember(key: string, result: RateLimiterRes): void {
    if (this.headroom.size >= REMEMBERED_ADDRESSES && !this.headroom.has(key)) {
      this.headroom.clear();
    }
    this.headroom.set(key, result.remainingPoints);
  }

  private limiter(bucket: string): RateLimiterRedis {
    let limiter = this.limiters.get(bucket);
    if (!limiter) {
      const points = this.config.env.PUBLIC_RATE_LIMIT;
      limiter = new RateLimiterRedis({
        storeClient: this.redis.redis,
        keyPrefix: `${this.redis.prefix}:rate:${bucket}`,
        points,
        duration: WINDOW_SECONDS,
        insuranceLimiter: new RateLimiterMemory({ points, duration: WINDOW_SECONDS }),
      });
      this.limiters.set(bucket, limiter);
    }
    return limiter;
  }
}
