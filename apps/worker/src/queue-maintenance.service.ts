import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, Optional } from '@nestjs/common';
import { AppConfig } from '@spcomms/config';
import { MailRelay } from '@spcomms/notifications';
import { QueueName } from '@spcomms/queue';
import { ScheduleHandlerRegistry, ScheduleReconciler, ScheduleRelay } from '@spcomms/schedules';
import { WORKER_QUEUES } from './worker-host.service';

/**
 * Keeps the queues in step with PostgreSQL: reconciles at start, relays rows entering the horizon
 * on a timer and reconciles every minute. The timers live in the process, not in Redis (a BullMQ
 * repeatable job would vanish with a flush, and with it the very thing that repairs the flush).
 * Every worker runs them for the queues it works; running them twice at once is harmless.
 */
@Injectable()
export class QueueMaintenance implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(QueueMaintenance.name);
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly busy = new Set<string>();

  constructor(
    registry: ScheduleHandlerRegistry,
    private readonly relay: ScheduleRelay,
    private readonly reconciler: ScheduleReconciler,
    private readonly mail: MailRelay,
    private readonly config: AppConfig,
    @Optional() @Inject(WORKER_QUEUES) private readonly only?: QueueName[],
  ) {
    // Refuse to start when a declared schedule kind has no handler.
    registry.assertEveryKindHandled();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.once('reconcile', () => this.reconcile());
    const { SCHEDULE_RELAY_INTERVAL_MS: relayEvery, SCHEDULE_RECONCILE_INTERVAL_MS: reconcileEvery } = this.config.env;
    if (relayEvery > 0) {
      this.timers.push(setInterval(() => void this.once('relay', () => this.relay.tick()), relayEvery));
    }
    if (reconcileEvery > 0) {
      this.timers.push(setInterval(() => void this.once('reconcile', () => this.reconcile()), reconcileEvery));
    }
  }

  private async reconcile(): Promise<void> {
    if (this.works(QueueName.Schedules)) {
      await this.reconciler.run();
    }
    if (this.works(QueueName.Mail)) {
      await this.mail.reconcile();
    }
  }

  private works(queue: QueueName): boolean {
    return !this.only || this.only.includes(queue);
  }

  /** Runs a pass unless the previous one of the same name is still going; logs and survives errors. */
  private async once(name: string, pass: () => Promise<unknown>): Promise<void> {
    if (this.busy.has(name)) {
      return;
    }
    this.busy.add(name);
    try {
      await pass();
    } catch (error) {
      this.logger.warn({ err: error }, `Queue ${name} pass failed: ${(error as Error).message}`);
    } finally {
      this.busy.delete(name);
    }
  }

  onApplicationShutdown(): void {
    this.timers.forEach((timer) => clearInterval(timer));
    this.timers.length = 0;
  }
}
