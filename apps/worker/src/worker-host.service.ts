import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, Optional } from '@nestjs/common';
import { Job, Worker } from 'bullmq';
import { AppConfig } from '@spcomms/config';
import { JOB_HANDLERS, JOB_QUEUE, JobHandler, JobName, JobQueue, QueueName, queueOptions } from '@spcomms/queue';
import { SCHEDULE_BATCHES_PARALLEL, SCHEDULE_BATCH_MAX } from '@spcomms/schedules';

export class MissingJobHandlerError extends Error {}

/** The queues a worker process works (all when not provided): a process may be dedicated to some. */
export const WORKER_QUEUES = Symbol('WORKER_QUEUES');

/** Checks that every job name has exactly one handler, then runs one BullMQ worker per queue. */
export function indexHandlers(handlers: JobHandler[]): Map<JobName, JobHandler> {
  const byName = new Map<JobName, JobHandler>();
  for (const handler of handlers) {
    if (byName.has(handler.jobName)) {
      throw new MissingJobHandlerError(`Two handlers for job ${handler.jobName}`);
    }
    byName.set(handler.jobName, handler);
  }
  const missing = Object.values(JobName).filter((name) => !byName.has(name));
  if (missing.length > 0) {
    throw new MissingJobHandlerError(`The worker has no handler for job(s): ${missing.join(', ')}`);
  }
  return byName;
}

const CONCURRENCY: Record<QueueName, number> = {
  [QueueName.Maintenance]: 1,
  // Schedule jobs held at once are run in batches (ScheduleBatcher: 2 transactions of up to 32 rows).
  [QueueName.Schedules]: SCHEDULE_BATCH_MAX * SCHEDULE_BATCHES_PARALLEL,
  [QueueName.Mail]: 4,
};

@Injectable()
export class WorkerHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerHost.name);
  private readonly handlers: Map<JobName, JobHandler>;
  private workers: Worker[] = [];

  constructor(
    @Inject(JOB_HANDLERS) handlers: JobHandler[],
    private readonly config: AppConfig,
    private readonly queue: JobQueue,
    @Optional() @Inject(WORKER_QUEUES) private readonly only?: QueueName[],
  ) {
    this.handlers = indexHandlers(handlers);
  }

  /** The queues this process works. */
  get queues(): QueueName[] {
    const all = [...new Set(Object.values(JOB_QUEUE))];
    return this.only ? all.filter((name) => this.only!.includes(name)) : all;
  }

  get running(): boolean {
    return this.workers.length > 0 && this.workers.every((worker) => worker.isRunning());
  }

  async onApplicationBootstrap(): Promise<void> {
    const queues = this.queues;
    this.workers = queues.map((name) => {
      const worker = new Worker(name, (job: Job) => this.dispatch(job), {
        ...queueOptions(this.config),
        concurrency: CONCURRENCY[name],
        // A killed worker's jobs go back to the queue once their lock lapses (checked every stalledInterval).
        lockDuration: this.config.env.QUEUE_LOCK_DURATION_MS,
        stalledInterval: this.config.env.QUEUE_STALLED_INTERVAL_MS,
      });
      worker.on('failed', (job, error) =>
        this.logger.warn({ jobId: job?.id, job: job?.name, err: error }, `Job failed: ${error.message}`),
      );
      worker.on('error', (error) => this.logger.error({ err: error }, 'Worker error'));
      return worker;
    });
    await Promise.all(this.workers.map((worker) => worker.waitUntilReady()));
    await this.queue.repeat(JobName.AuditVerify, {}, 'audit-verify-daily', 24 * 3600_000);
    await this.queue.repeat(JobName.AuditAnchor, {}, 'audit-anchor', this.config.env.AUDIT_ANCHOR_INTERVAL_MS);
    await this.queue.repeat(JobName.SessionPurge, { olderThanDays: 30 }, 'session-purge-daily', 24 * 3600_000);
    this.logger.log(`Worker ready: queues ${queues.join(', ')}; jobs ${[...this.handlers.keys()].join(', ')}`);
  }

  private async dispatch(job: Job): Promise<unknown> {
    const handler = this.handlers.get(job.name as JobName);
    if (!handler) {
      throw new Error(`No handler for job ${job.name}`);
    }
    const result = await handler.handle(job.data as never, { id: job.id ?? '', attemptsMade: job.attemptsMade });
    // One line per job run: an e-mail sent, a reminder run, a check done (its payload holds ids only).
    const outcome = (result as { outcome?: unknown } | undefined)?.outcome;
    this.logger.log(
      { jobId: job.id, job: job.name, ...(job.data as object), result },
      `Job ${job.name} ${job.id}${outcome === undefined ? ' done' : `: ${String(outcome)}`}`,
    );
    return result;
  }

  async onApplicationShutdown(): Promise<void> {
    // Waits for the jobs under way to finish; unfinished ones are picked up again after restart.
    await Promise.all(this.workers.map((worker) => worker.close()));
    this.workers = [];
  }
}
