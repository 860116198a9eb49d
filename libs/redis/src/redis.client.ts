import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '@spcomms/config';

/** The shared Redis connection for rate limits and health (BullMQ opens its own). */
@Injectable()
export class RedisClient implements OnApplicationShutdown {
  readonly redis: Redis;
  readonly prefix: string;

  constructor(@Inject(AppConfig) config: AppConfig) {
    this.prefix = config.env.REDIS_PREFIX;
    this.redis = new Redis(config.env.REDIS_URL, { maxRetriesPerRequest: 3 });
    this.redis.on('error', () => undefined);
  }

  async ping(): Promise<boolean> {
    return (await this.redis.ping()) === 'PONG';
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
