import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { FastifyRequest } from 'fastify';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { AppConfig } from '@spcomms/config';
import { RedisClient } from '@spcomms/redis';
import { RouteMetadata } from '../auth/route-metadata';
import { RateLimitedException } from './rate-limited.exception';

export const PUBLIC_RATE_LIMIT_METADATA = 'spcomms:public-rate-limit';

export interface PublicRateLimitOptions {
  /** Routes naming the same bucket share one count per client address. */
  bucket: string;
}

const WINDOW_SECONDS = 60;
/** Requests a process counts at most at once for one address (see PublicRateLimitGuard). */
export const MAX_RESERVED = 16;
/** Two counts whose windows end within this many milliseconds were counted in the same window. */
const SAME_WINDOW_MS = 1000;
/** Addresses whose reserved requests are remembered (per process); beyond, the memory starts again. */
const REMEMBERED_ADDRESSES = 10_000;

/** Requests of one address counted in Redis by this process and not made yet. */
interface Reserve {
  /** Requests counted and still to be served. */
  left: number;
  /** When the window they were counted in ends (epoch milliseconds): what is left is dropped then. */
  until: number;
  /** How many to count at the next count. */
  next: number;
  /** The end of a window in which the address went over the limit: until then it is refused without a count. */
  refusedUntil: number;
  /**
   * A count on its way to Redis: started ahead, while requests are still left, so that a busy address
   * does not wait for it; the requests that find nothing left wait for it.
   */
  counting: Promise<void> | null;
}

/**
 * Allows PUBLIC_RATE_LIMIT requests per minute and client address on a route, counted in Redis so
 * that the limit holds across every API process. Should Redis fail, each process falls back to a
 * count in memory rather than refusing or letting everything through.
 *
 * Every request is counted before it is served, and refused with 429 when the count is over the
 * limit. A process counts the requests of an address ahead, a few at a time: the first request of an
 * address counts 1, and while the address goes on making requests each count doubles, up to
 * MAX_RESERVED and to half of what the window has left; the requests so counted are then served
 * without a round trip to Redis until they are used up or their window ends (what is left is dropped,
 * never carried over). The next count starts as soon as half of a reserve is used, in the background,
 * so that an address going on at a steady pace finds its next requests counted when it needs them and
 * never waits for Redis; only the requests that find nothing left wait for the count. An address over
 * the limit is refused by the process until the window ends, without counting again. The count in
 * Redis is thus never behind the requests served, so no process serves more than the limit; it may be
 * ahead by the requests another process counted and not made, so that an address spreading its
 * requests over several processes may be refused a little before the limit, never after it.
 */
@Injectable()
export class PublicRateLimitGuard implements CanActivate {
  private readonly limiters = new Map<string, RateLimiterRedis>();
  private readonly reserves = new Map<string, Reserve>();
  private readonly routeOptions: RouteMetadata<PublicRateLimitOptions>;

  constructor(
    reflector: Reflector,
    private readonly redis: RedisClient,
    private readonly config: AppConfig,
  ) {
    this.routeOptions = new RouteMetadata(reflector, PUBLIC_RATE_LIMIT_METADATA);
  }

  /**
   * True at once while the address has requests counted ahead (a busy address, most of the time): such
   * a request waits for nothing, and a promise would cost it CPU for nothing. Otherwise a promise: of
   * true once a count serves it, rejected with RateLimitedException when it is refused.
   */
  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const options = this.routeOptions.of(context);
    const bucket = options?.bucket ?? 'public';
    const { ip } = context.switchToHttp().getRequest<FastifyRequest>();
    const reserve = this.reserveOf(`${bucket}\u0000${ip}`);
    try {
      if (this.take(bucket, ip, reserve)) {
        return true;
      }
    } catch (refusal) {
      // A refusal is a rejected promise, as when a request waits for a count.
      return Promise.reject(refusal as Error);
    }
    return this.waitAndTake(bucket, ip, reserve);
  }

  /** Serves the request from the reserve (true), or refuses it (throws), or false: it must wait for a count. */
  private take(bucket: string, ip: string, reserve: Reserve): boolean {
    const now = Date.now();
    if (reserve.left > 0 && reserve.until > now) {
      reserve.left--;
      if (reserve.left <= reserve.next / 2 && !reserve.counting) {
        // Ahead of need: a refusal or a failure surfaces to the requests that wait for this count, if any.
        this.startCount(bucket, ip, reserve).catch(() => undefined);
      }
      return true;
    }
    if (reserve.refusedUntil > now) {
      // The window's count only grows until the window ends: it stays over the limit.
      throw new RateLimitedException(Math.max(1, Math.ceil((reserve.refusedUntil - now) / 1000)));
    }
    return false;
  }

  private async waitAndTake(bucket: string, ip: string, reserve: Reserve): Promise<boolean> {
    do {
      // Refused: every request waiting for this count is (none of it is within the limit).
      await (reserve.counting ?? this.startCount(bucket, ip, reserve));
    } while (!this.take(bucket, ip, reserve));
    return true;
  }

  private startCount(bucket: string, ip: string, reserve: Reserve): Promise<void> {
    reserve.counting = this.count(bucket, ip, reserve).finally(() => {
      reserve.counting = null;
    });
    return reserve.counting;
  }

  /** Counts the next requests of an address in Redis; throws RateLimitedException when none is within the limit. */
  private async count(bucket: string, ip: string, reserve: Reserve): Promise<void> {
    const asked = reserve.next;
    const limit = this.config.env.PUBLIC_RATE_LIMIT;
    let result: RateLimiterRes;
    try {
      result = await this.limiter(bucket).consume(ip, asked);
    } catch (rejection: unknown) {
      if (!(rejection instanceof RateLimiterRes)) {
        throw rejection;
      }
      // Over the limit with this count: the first of the requests counted may still be within it.
      result = rejection;
    }
    const granted = Math.min(asked, Math.max(0, limit - (result.consumedPoints - asked)));
    const until = Date.now() + result.msBeforeNext;
    // Counted in the window of what is left: added to it; in a later window: what is left is dropped.
    reserve.left = until <= reserve.until + SAME_WINDOW_MS ? reserve.left + granted : granted;
    reserve.until = until;
    reserve.next =
      granted < asked ? 1 : Math.max(1, Math.min(2 * asked, MAX_RESERVED, Math.floor(result.remainingPoints / 2)));
    if (granted === 0) {
      reserve.refusedUntil = reserve.until;
      throw new RateLimitedException(Math.max(1, Math.ceil(result.msBeforeNext / 1000)));
    }
  }

  private reserveOf(key: string): Reserve {
    let reserve = this.reserves.get(key);
    if (!reserve) {
      if (this.reserves.size >= REMEMBERED_ADDRESSES) {
        this.reserves.clear();
      }
      reserve = { left: 0, until: 0, next: 1, refusedUntil: 0, counting: null };
      this.reserves.set(key, reserve);
    }
    return reserve;
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
