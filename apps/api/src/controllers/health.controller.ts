import { Controller, Get, Headers, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Actor } from '@spcomms/access';
import { EngineHealthIndicator, EngineStatus } from '@spcomms/notifications';
import { RedisHealthIndicator } from '@spcomms/redis';
import { CurrentActor, PublicRoute } from '../auth/auth.decorators';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly postgres: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
    private readonly engine: EngineHealthIndicator,
    private readonly status: EngineStatus,
  ) {}

  @Get()
  // Public at the guard so that a monitor's METRICS_TOKEN (not a user token) reaches the check.
  @PublicRoute()
  @HealthCheck()
  @ApiOperation({
    summary: 'Liveness and readiness: PostgreSQL, Redis and the queues reachable (503 otherwise)',
    description:
      'Anyone gets `{"status": "ok"}` or 503 `{"status": "error"}` only. An admin token or METRICS_TOKEN (as bearer token) also gets the state of each ' +
      'dependency and, under `queues`, job counts per queue (waiting, delayed, active, failed), pending/overdue/failed schedules and outbox e-mails.',
  })
  check(
    @CurrentActor() actor: Actor,
    @Headers('authorization') authorization?: string,
  ): Promise<HealthCheckResult | { status: string }> {
    return this.status.mayReadDetails(actor, authorization) ? this.checkAll() : this.upOrDown();
  }

  private checkAll(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.postgres.pingCheck('postgres', { timeout: 1500 }),
      () => this.redis.check('redis'),
      () => this.engine.check('queues'),
    ]);
  }

  /** Only whether everything is up: queue depths and counts are for admins and the monitor. */
  private async upOrDown(): Promise<{ status: string }> {
    try {
      return { status: (await this.checkAll()).status };
    } catch (error) {
      throw error instanceof ServiceUnavailableException
        ? new ServiceUnavailableException({ status: 'error', message: 'Service unavailable' })
        : error;
    }
  }
}
