import { Injectable, Logger } from '@nestjs/common';
import { Job, JobsOptions } from 'bullmq';
import Redis from 'ioredis';
import { Clock } from '@spcomms/clock';
import { JOB_QUEUE, JobName, JobPayload, JobQueue } from '@spcomms/queue';

/** A job that must exist in Redis because a PostgreSQL row says so. */
export interface WantedJob<J extends JobName> {
  jobId: string;
  payload: JobPayload<J>;
  /** When it should run, by the injected clock. */
  runAt: Date;
}

export interface SyncResult {
  added: number;
  /** Delayed jobs brought forward because their row is due earlier than Redis thought. */
  advanced: number;
  /** Jobs found in the failed set (e.g. stalled too often) and put back to run. */
  retried: number;
}

const BATCH = 1000;
/** A delayed job is brought forward only when Redis would run it more than this late. */
const TOLERANCE_MS = 1000;
/** BullMQ bakes a counter into the low 12 bits of a delayed job's score. */
const DELAYED_SCORE_FACTOR = 0x1000;

/**
 * Options of every job made from a row. Completed jobs are removed at once, so that the same id can
 * be added again if the row is still pending (BullMQ silently ignores `add` for an id it still
 * holds, completed or failed). Failed jobs are kept a week for Bull Board; a retry never reuses
 * their id because the id carries the attempt number (`schedule:<row>:<attempt>`), and BullMQ
 * accepts a colon in a custom id only with exactly three parts. BullMQ itself does not retry
 * (attempts: 1): the row counts attempts and plans the retry, so that Redis holds no state of its own.
 */
export const ROW_JOB_OPTIONS: JobsOptions = {
  attempts: 1,
  removeOnComplete: true,
  removeOnFail: { age: 7 * 24 * 3600, count: 5000 },
};

/**
 * Makes Redis agree with PostgreSQL for a set of jobs: adds the missing ones, brings forward
 * delayed ones that should run earlier (the clock moved, or a retry was advanced), and puts back
 * failed ones (a job that stalled too often). Harmless to call any number of times from any
 * number of processes: job ids are deterministic.
 */
@Injectable()
export class QueueSync {
  private readonly logger = new Logger(QueueSync.name);

  constructor(
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
  ) {}

  async ensure<J extends JobName>(name: J, wanted: Array<WantedJob<J>>): Promise<SyncResult> {
    const result: SyncResult = { added: 0, advanced: 0, retried: 0 };
    for (let start = 0; start < wanted.length; start += BATCH) {
      const batch = await this.ensureBatch(name, wanted.slice(start, start + BATCH));
      result.added += batch.added;
      result.advanced += batch.advanced;
      result.retried += batch.retried;
    }
    return result;
  }

  /**
   * Adds jobs that cannot be in Redis yet (ids just made: a new row, a new attempt), without the
   * look-up `ensure` makes first. Adding an id Redis holds already does nothing, so a race with the
   * reconciler is harmless.
   */
  async add<J extends JobName>(name: J, wanted: Array<WantedJob<J>>): Promise<number> {
    const now = this.clock.now().getTime();
    for (let start = 0; start < wanted.length; start += BATCH) {
      await this.addJobs(
        name,
        wanted.slice(start, start + BATCH).map((job) => ({ job, delay: Math.max(0, job.runAt.getTime() - now) })),
      );
    }
    return wanted.length;
  }

  private async addJobs<J extends JobName>(name: J, jobs: Array<{ job: WantedJob<J>; delay: number }>): Promise<void> {
    await this.jobs.queue(JOB_QUEUE[name]).addBulk(
      jobs.map(({ job, delay }) => ({
        name,
        data: job.payload,
        opts: { ...ROW_JOB_OPTIONS, jobId: job.jobId, delay },
      })),
    );
  }

  private async ensureBatch<J extends JobName>(name: J, wanted: Array<WantedJob<J>>): Promise<SyncResult> {
    const queue = this.jobs.queue(JOB_QUEUE[name]);
    const client = (await queue.client) as unknown as Redis;
    const pipeline = client.pipeline();
    for (const job of wanted) {
      pipeline.exists(queue.toKey(job.jobId));
      pipeline.zscore(queue.keys.delayed, job.jobId);
      pipeline.zscore(queue.keys.failed, job.jobId);
    }
    const replies = (await pipeline.exec()) ?? [];
    const now = this.clock.now().getTime();
    // BullMQ schedules delayed jobs in real time; the delay itself comes from the injected clock.
    const realNow = Date.now();
    const missing: Array<{ job: WantedJob<J>; delay: number }> = [];
    const advance: Array<{ job: WantedJob<J>; delay: number }> = [];
    const retry: Array<WantedJob<J>> = [];
    wanted.forEach((job, index) => {
      const [existsError, exists] = replies[index * 3];
      const [, delayedScore] = replies[index * 3 + 1];
      const [, failedScore] = replies[index * 3 + 2];
      if (existsError) {
        throw existsError;
      }
      const delay = Math.max(0, job.runAt.getTime() - now);
      if (Number(exists) === 0) {
        missing.push({ job, delay });
      } else if (delayedScore !== null && delayedScore !== undefined) {
        const plannedReal = Math.floor(Number(delayedScore) / DELAYED_SCORE_FACTOR);
        if (plannedReal > realNow + delay + TOLERANCE_MS) {
          advance.push({ job, delay });
        }
      } else if (failedScore !== null && failedScore !== undefined) {
        retry.push(job);
      }
    });
    if (missing.length > 0) {
      await this.addJobs(name, missing);
    }
    let advanced = 0;
    for (const { job, delay } of advance) {
      advanced += (await this.withJob(queue, job.jobId, (found) =>
        delay === 0 ? found.promote() : found.changeDelay(delay),
      ))
        ? 1
        : 0;
    }
    let retried = 0;
    for (const job of retry) {
      retried += (await this.withJob(queue, job.jobId, (found) => found.retry('failed'))) ? 1 : 0;
    }
    return { added: missing.length, advanced, retried };
  }

  /** Acts on a job that may have moved meanwhile (another worker took it): that is not an error. */
  private async withJob(
    queue: Parameters<typeof Job.fromId>[0],
    jobId: string,
    action: (job: Job) => Promise<void>,
  ): Promise<boolean> {
    try {
      const job = await Job.fromId(queue, jobId);
      if (!job) {
        return false;
      }
      await action(job);
      return true;
    } catch (error) {
      this.logger.debug(`Job ${jobId} moved while being synchronised: ${(error as Error).message}`);
      return false;
    }
  }
}
