import { Injectable } from '@nestjs/common';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { AppConfig } from '@spcomms/config';
import { RedisClient } from '@spcomms/redis';

/**
 * Limits failed logins in Redis, so that the limits hold across every API process, with two counts
 * over the window LOGIN_RATE_WINDOW_SECONDS:
 * - per user name and client address (LOGIN_RATE_LIMIT): guessing one account's password; a success
 *   clears it;
 * - per client address across user names (LOGIN_ADDRESS_RATE_LIMIT): trying a password on many
 *   accounts ("spraying"). An attempt is counted before its password is checked and given back when
 *   it succeeds, so that attempts sent together cannot all pass before any failure is counted; a
 *   success does not clear the failures of other names.
 */
@Injectable()
export class LoginLimiter {
  private readonly perName: RateLimiterRedis;
  private readonly perAddress: RateLimiterRedis;

  constructor(redis: RedisClient, config: AppConfig) {
    const { LOGIN_RATE_LIMIT, LOGIN_ADDRESS_RATE_LIMIT, LOGIN_RATE_WINDOW_SECONDS } = config.env;
    const limiter = (keyPrefix: string, points: number) =>
      new RateLimiterRedis({
        storeClient: redis.redis,
        keyPrefix: `${redis.prefix}:${keyPrefix}`,
        points,
        duration: LOGIN_RATE_WINDOW_SECONDS,
        blockDuration: LOGIN_RATE_WINDOW_SECONDS,
      });
    this.perName = limiter('login-fail', LOGIN_RATE_LIMIT);
    this.perAddress = limiter('login-fail-address', LOGIN_ADDRESS_RATE_LIMIT);
  }

  private key(username: string, ip: string): string {
    return `${username.toLowerCase()}|${ip}`;
  }

  /**
   * Admits an attempt: 0 when it may go on (the attempt is then counted against its address until
   * `recordSuccess` gives it back), or the seconds until another attempt is allowed.
   */
  async admit(username: string, ip: string): Promise<number> {
    const state = await this.perName.get(this.key(username, ip));
    if (state && state.remainingPoints <= 0) {
      return secondsOf(state);
    }
    try {
      await this.perAddress.consume(ip);
      return 0;
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) {
        throw rejection;
      }
      return secondsOf(rejection);
    }
  }

  /** Counts a failed attempt against its user name (its address counted it when it was admitted). */
  async recordFailure(username: string, ip: string): Promise<void> {
    try {
      await this.perName.consume(this.key(username, ip));
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) {
        throw rejection;
      }
    }
  }

  /** Clears the failures of the user name and gives the admitted attempt back to its address. */
  async recordSuccess(username: string, ip: string): Promise<void> {
    await Promise.all([this.perName.delete(this.key(username, ip)), this.perAddress.reward(ip, 1)]);
  }
}

function secondsOf(state: RateLimiterRes): number {
  return Math.max(1, Math.ceil(state.msBeforeNext / 1000));
}
