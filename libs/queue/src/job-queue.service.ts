import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { JobsOptions, Queue } from 'bullmq';
import { AppConfig } from '@spcomms/config';
import { queueOptions } from './queue-connection';
import { JOB_QUEUE, JobName, JobPayload, QueueName } from './queue.types';

export interface EnqueueOptions {
  /** Deterministic id: enqueuing the same job twice is harmless. */
  jobId: string;
  delayMs?: number;
  priority?: number;
}

/** The producer side: typed enqueueing onto the queue each job name belongs to. */
@Injectable()
export class JobQueue implements OnApplicationShutdown {
  private readonly queues = new Map<QueueName, Queue>();

  constructor(private readonly config: AppConfig) {}

  queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, queueOptions(this.config));
      queue.on('error', () => undefined);
      this.queues.set(name, queue);
    }
    return queue;
  }

  allQueues(): Queue[] {
    return Object.values(QueueName).map((name) => this.queue(name));
  }

  async enqueue<J extends JobName>(name: J, payload: JobPayload<J>, options: EnqueueOptions): Promise<void> {
    const jobOptions: JobsOptions = { jobId: options.jobId, delay: options.delayMs, priority: options.priority };
    await this.queue(JOB_QUEUE[name]).add(name, payload, jobOptions);
  }

  async enqueueBulk<J extends JobName>(
    name: J,
    jobs: Array<{ payload: JobPayload<J>; options: EnqueueOptions }>,
  ): Promise<void> {
    if (jobs.length === 0) {
      return;
    }
    await this.queue(JOB_QUEUE[name]).addBulk(
      jobs.map(({ payload, options }) => ({
        name,
        data: payload,
        opts: { jobId: options.jobId, delay: options.delayMs, priority: options.priority },
      })),
    );
  }

  /** Registers (or updates) a repeating job; idempotent across processes. */
  async repeat<J extends JobName>(
    name: J,
    payload: JobPayload<J>,
    schedulerId: string,
    everyMs: number,
  ): Promise<void> {
    await this.queue(JOB_QUEUE[name]).upsertJobScheduler(schedulerId, { every: everyMs }, { name, data: payload });
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
  }
}
