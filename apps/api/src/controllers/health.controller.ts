import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { EngineHealthIndicator } from '@spcomms/notifications';
import { RedisHealthIndicator } from '@spcomms/redis';
import { PublicRoute } from '../auth/auth.decorators';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly postgres: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
    private readonly engine: EngineHealthIndicator,
  ) {}

  @Get()
  @PublicRoute()
  @HealthCheck()
  @ApiOperation({
    summary: 'Liveness and readiness: PostgreSQL and Redis reachable (503 otherwise)',
    description: 'Details under `queues`: job counts per queue (waiting, delayed, active, failed), pending/overdue/failed schedules and outbox e-mails.',
  })
  check() {
    return this.health.check([
      () => this.postgres.pingCheck('postgres', { timeout: 1500 }),
      () => this.redis.check('redis'),
      () => this.engine.check('queues'),
    ]);
  }
}
