import { Global, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { RedisClient } from './redis.client';
import { RedisHealthIndicator } from './redis.health';

@Global()
@Module({
  imports: [TerminusModule],
  providers: [RedisClient, RedisHealthIndicator],
  exports: [RedisClient, RedisHealthIndicator, TerminusModule],
})
export class RedisModule {}
