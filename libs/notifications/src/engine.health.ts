import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { EngineStatus } from './engine-status.service';

/** Queue depths and failures, pending and failed schedules and e-mails, in the details of /health. */
@Injectable()
export class EngineHealthIndicator {
  constructor(
    private readonly status: EngineStatus,
    private readonly health: HealthIndicatorService,
  ) {}

  async check(key = 'queues'): Promise<HealthIndicatorResult> {
    const session = this.health.check(key);
    try {
      return session.up({ ...(await this.status.snapshot()) });
    } catch (error) {
      return session.down({ message: (error as Error).message });
    }
  }
}
