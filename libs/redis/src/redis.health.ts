import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { RedisClient } from './redis.client';

@Injectable()
export class RedisHealthIndicator {
  constructor(
    private readonly redis: RedisClient,
    private readonly health: HealthIndicatorService,
  ) {}

  async check(key = 'redis', timeoutMs = 1000): Promise<HealthIndicatorResult> {
    const session = this.health.check(key);
    try {
      const started = Date.now();
      const pong = await Promise.race([
        this.redis.ping(),
        new Promise<boolean>((_, reject) =>
          setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs),
        ),
      ]);
      return pong
        ? session.up({ latencyMs: Date.now() - started })
        : session.down({ message: 'unexpected PING answer' });
    } catch (error) {
      return session.down({ message: (error as Error).message });
    }
  }
}
