import { Injectable, Logger } from '@nestjs/common';
import { SyncResult } from './queue-sync.service';
import { ScheduleRelay } from './schedule-relay.service';

/**
 * Rebuilds the schedule queue from PostgreSQL: every pending row due now or within the horizon gets
 * its job if Redis lacks it (flushed, restarted, an enqueue lost in a crash), and a delayed job that
 * Redis would run later than the row says is brought forward. Runs at worker start and every minute
 * (SCHEDULE_RECONCILE_INTERVAL_MS) in every worker; several at once are harmless (deterministic ids).
 */
@Injectable()
export class ScheduleReconciler {
  private readonly logger = new Logger(ScheduleReconciler.name);

  constructor(private readonly relay: ScheduleRelay) {}

  async run(): Promise<SyncResult> {
    const result = await this.relay.relayWindow(null, this.relay.horizonEnd());
    if (result.added + result.advanced + result.retried > 0) {
      this.logger.log(
        `Schedules reconciled: ${result.added} enqueued, ${result.advanced} brought forward, ${result.retried} retried`,
      );
    }
    return result;
  }
}
