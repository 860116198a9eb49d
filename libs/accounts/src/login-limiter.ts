import { Injectable } from '@nestjs/common';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { AppConfig } from '@spcomms/config';
import { RedisClient } from '@spcomms/redis';

/**
 * Counts failed logins per user name and client address in Redis, so the
 * limit holds across every API process. A success clears the count.
 */
@Injectable()
export class LoginLimiter {
  private readonly limiter: RateLimiterRedis;

  constructor(redis: RedisClient, config: AppConfig) {
    this.limiter = new RateLimiterRedis({
      storeClient: redis.redis,
      keyPrefix: `${redis.prefix}:login-fail`,
      points: config.env.LOGIN_RATE_LIMIT,
      duration: config.env.LOGIN_RATE_WINDOW_SECONDS,
      blockDuration: config.env.LOGIN_RATE_WINDOW_SECONDS,
    });
  }

  private key(username: string, ip: string): string {
    return `${username.toLowerCase()}|${ip}`;
  }

  /** Seconds until another attempt is allowed, or 0 when attempts remain. */
  async retryAfter(username: string, ip: string): Promise<number> {
    const state = await this.limiter.get(this.key(username, ip));
    if (state && state.remainingPoints <= 0) {
      return Math.max(1, Math.ceil(state.msBeforeNext / 1000));
    }
    return 0;
  }

  async recordFailure(username: string, ip: string): Promise<void> {
    try {
      await this.limiter.consume(this.key(username, ip));
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) {
        throw rejection;
      }
    }
  }

  async clear(username: string, ip: string): Promise<void> {
    await this.limiter.delete(this.key(username, ip));
  }
}
