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

/**
 * Allows PUBLIC_RATE_LIMIT requests per minute and client address on a route, counted in Redis so
 * that the limit holds across every API process. Should Redis fail, each process falls back to a
 * count in memory rather than refusing or letting everything through.
 */
@Injectable()
export class PublicRateLimitGuard implements CanActivate {
  private readonly limiters = new Map<string, RateLimiterRedis>();

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
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    try {
      await this.limiter(options?.bucket ?? 'public').consume(request.ip);
      return true;
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) {
        throw new RateLimitedException(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)));
      }
      throw rejection;
    }
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
